"""The « Trouver des pairs » page under AppTest: the form from the URL or the widgets, results, links, map."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from lianes_dash.analysis import peers as P
from lianes_dash.dataset import schema as S
from lianes_dash.dataset.data import load_collectivities, load_countries, load_links
from lianes_dash.text.french import fmt_int
from tests.conftest import ROOT, switch_page
from tests.landing import landing

PAGE = "peers.py"
WATER = "gestion de l'eau"


def _errors(at: AppTest) -> list[str]:
    return [e.value if hasattr(e, "value") else str(e) for e in at.exception]


def _open(params: dict[str, str] | None = None, state: dict | None = None) -> AppTest:
    """A visitor opening the page's link (URL parameters), or a session on the default page, then this
    page with widget values (the page's first run of a session reads the URL into its form)."""
    if not state:
        at = landing("peers.py", params, timeout=90)
        assert not at.exception, _errors(at)
        return at
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    assert not at.exception, _errors(at)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    switch_page(at, PAGE).run()
    assert not at.exception, _errors(at)
    return at


def _cards(at: AppTest) -> list[tuple[str, str]]:
    """(query string of the fiche link, card text) of each card, in rank order.

    NOTE: the cards sit in two columns; the tree lists a column after the other, so the
    « 1. », « 2. »… of the link labels give the rank.
    """
    fiche_links = [pl for pl in at.get("page_link") if pl.proto.page == "collectivite"]
    texts = [t.value for t in at.text if "\nAvec : " in t.value]
    assert len(fiche_links) == len(texts)
    ranked = sorted(zip(fiche_links, texts, strict=True), key=lambda lt: int(lt[0].proto.label.split(".")[0]))
    return [(pl.proto.query_string, text) for pl, text in ranked]


def test_water_in_burkina_from_halluin_via_url() -> None:
    at = _open({"depuis": "commune:59279", "cible": "BFA", "sujet": WATER})
    # The form took the URL's values.
    assert at.selectbox(key="peers_depuis").value == "commune:59279"
    assert at.selectbox(key="peers_cible").value == "BFA"
    assert at.multiselect(key="peers_sujet").value == [WATER]
    # Same ranking as the pure function on the same data: first cards are tier 1 peers.
    links = load_links()
    expected = P.rank_peers(
        links,
        P.PeerQuery(origin="commune:59279", country="BFA", themes=(WATER,)),
        load_collectivities(),
        load_countries(),
    )
    cards = _cards(at)
    assert len(cards) == min(10, len(expected))
    # The cards say why, in the ranking's order (computed on the same data: with the real data,
    # themes are mostly unknown, so most peers share the country only, nearest first).
    assert [text.splitlines()[0] for _q, text in cards] == expected[S.MATCH_REASON].head(len(cards)).tolist()
    assert any(c.value == P.ranking_note(links) for c in at.caption)
    # Cards link to the fiche of the best peers, in order, with ?collectivite=type:code.
    targets = [q for q, _text in cards]
    assert targets == [f"collectivite={k.replace(':', '%3A')}" for k in expected[S.FR_KEY].head(10)], targets
    # Halluin itself is never a peer.
    assert "commune:59279" not in set(expected[S.FR_KEY])
    # A map with the peers and their partners, a download button, the URL kept.
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {n for trace in fig["data"] for n in (trace.get("customdata") or []) if isinstance(n, str)}
    assert expected[S.FR_NAME].iloc[0] in names
    assert at.get("download_button")
    assert at.query_params["cible"] == ["BFA"] or at.query_params["cible"] == "BFA"


def test_form_set_by_widget_keys_and_written_to_url() -> None:
    at = _open(state={"peers_depuis": "commune:59279", "peers_cible": "BFA", "peers_sujet": [WATER]})
    assert _cards(at)[0][1].startswith("même pays partenaire, même thème, ")
    qp = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert qp["depuis"] == "commune:59279" and qp["cible"] == "BFA" and qp["sujet"] == WATER


def test_nothing_stated_asks_for_a_criterion_and_bad_url_values_are_reported() -> None:
    at = _open({"depuis": "commune:99999", "cible": "<script>"})
    assert any(
        "paramètres de l'adresse" in w.value and "« depuis »" in w.value and "« cible »" in w.value for w in at.warning
    )
    assert any("Indiquez au moins" in i.value for i in at.info)
    assert not [pl for pl in at.get("page_link") if pl.proto.page == "collectivite"]


def test_no_exact_match_suggests_widening() -> None:
    at = _open({"cible": "NZL", "sujet": "état civil"})
    infos = [i.value for i in at.info]
    assert any(
        m.startswith("Aucun lien en Nouvelle-Zélande n'a le thème « état civil » parmi les thèmes connus")
        for m in infos
    ), infos


def test_fiche_links_here_and_the_origin_alone_ranks_the_nearest() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    at.query_params["collectivite"] = "commune:59279"
    switch_page(at, "fiche_collectivite.py").run()
    assert not at.exception, _errors(at)
    to_peers = [pl for pl in at.get("page_link") if pl.proto.page == "pairs"]
    assert [pl.proto.query_string for pl in to_peers] == ["depuis=commune%3A59279"]
    # What that link opens: Halluin's nearest engaged collectivities, nearest first.
    at = _open({"depuis": "commune:59279"})
    reasons = [text.splitlines()[0] for _q, text in _cards(at)]
    kms = [int(r.split(" km")[0].split(", ")[-1].replace("\u202f", "")) for r in reasons]
    assert len(kms) == 10 and kms == sorted(kms), reasons


def test_widen_button_drops_the_country() -> None:
    at = _open({"cible": "NZL", "sujet": "état civil"})
    buttons = [b for b in at.button if b.key and b.key.startswith("peers_widen_")]
    query = P.PeerQuery(country="NZL", themes=("état civil",))
    wider = [r for r in P.relaxations(load_links(), query, load_countries()) if r.count > 0]
    assert wider, "some widening finds peers"
    assert [b.label for b in buttons] == [f"Élargir {r.text} ({fmt_int(r.count)})" for r in wider]
    buttons[0].click().run()
    assert not at.exception, _errors(at)
    assert at.selectbox(key="peers_cible").value == wider[0].query.country
    assert at.multiselect(key="peers_sujet").value == list(wider[0].query.themes)
    # the widened search's own peers come first (same country); lower tiers (same zone) may follow
    cards = _cards(at)
    same_country = [c for c in cards if c[1].startswith("même pays")]
    assert len(same_country) == min(10, wider[0].count) and cards[: len(same_country)] == same_country


def test_tier_summary_reads_without_a_place() -> None:
    """A theme alone (no country, no zone): no hole where the place would be."""
    from tests.landing import landing

    at = landing("peers.py", {"sujet": "santé"})
    assert not at.exception
    summary = at.text[0].value
    assert "sur « santé »" in summary and "  " not in summary.replace("\u202f", "")


def test_origin_chooser_searches_on_the_server_and_sends_a_short_list() -> None:
    """Issue 29, point 2: the browser gets a few dozen options, never the 36 243 collectivities; typing a
    name and Enter chooses the best match, the one the page ranks from, and the URL keeps it."""
    at = _open({"cible": "SEN"})
    chooser = at.selectbox(key="peers_depuis")
    assert len(chooser.options) <= 25 and chooser.value is None
    at.text_input(key="peers_depuis_texte").input("lille").run()
    assert not at.exception, _errors(at)
    chooser = at.selectbox(key="peers_depuis")
    assert chooser.value == "commune:59350"
    assert 1 < len(chooser.options) <= P.NAME_MATCHES and chooser.options[0] == "Lille (59)"
    qp = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert qp["depuis"] == "commune:59350"
    # The page ranks from Lille, the one the box shows (once it ranked from « Aast (64) », the box empty).
    reasons = [text.splitlines()[0] for _q, text in _cards(at)]
    assert reasons and all(r.startswith("même pays") for r in reasons)
    expected = P.rank_peers(
        load_links(), P.PeerQuery(origin="commune:59350", country="SEN"), load_collectivities(), load_countries()
    )
    assert [q for q, _t in _cards(at)] == [
        f"collectivite={k.replace(':', '%3A')}" for k in expected[S.FR_KEY].head(len(reasons))
    ]
    # Another of the matches chosen in the short list; then the search cleared: no collectivity.
    at.selectbox(key="peers_depuis").select("epci:200093201").run()
    assert at.selectbox(key="peers_depuis").value == "epci:200093201"
    at.text_input(key="peers_depuis_texte").input("").run()
    assert at.selectbox(key="peers_depuis").value is None
    assert "depuis" not in at.query_params


def test_origin_from_the_url_is_offered_alone_and_named_in_the_search_box() -> None:
    at = _open({"depuis": "commune:59279", "cible": "BFA"})
    assert at.selectbox(key="peers_depuis").options == ["Halluin (59)"]
    assert at.text_input(key="peers_depuis_texte").value == "Halluin (59)"


def test_the_origin_own_links_there_are_said_and_the_partners_caption_names_no_theme_unasked() -> None:
    """Issue 29, point 6: Lille already works with Senegal: the page says so (and why the world map counts one
    more); « sur ces thèmes » only when themes are chosen."""
    at = _open({"depuis": "commune:59350", "cible": "SEN"})
    notes = [i.value for i in at.info if "travaille déjà" in i.value]
    assert len(notes) == 1 and notes[0].startswith("Lille (59) travaille déjà au Sénégal : "), notes
    assert "carte du monde" in notes[0]
    captions = [c.value for c in at.caption if c.value.startswith("Collectivités étrangères")]
    assert captions and "ces thèmes" not in captions[0]
    at = _open({"depuis": "commune:59279", "cible": "BFA", "sujet": WATER})
    captions = [c.value for c in at.caption if c.value.startswith("Collectivités étrangères")]
    assert captions and "sur ces thèmes" in captions[0]
