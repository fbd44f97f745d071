"""The English version (``?lang=en``): the catalogue, every page in English, number formats, links.

- the catalogue: no empty entry, the same ``{placeholders}`` on both sides;
- every page of the navigation under AppTest with ``lang=en``, in strict mode: no exception, and
  no French string asked of :func:`lianes_dash.text.i18n.t` without an English entry (the pages of
  ``NOT_YET_TRANSLATED`` excepted, and the test fails once one of them is complete);
- a scan of the visible texts of each translated page for typical French words;
- number and date formats in each language; a shared link keeps ``lang=en``;
- French unchanged: the French tests and golden files run as they are (``tests/test_pages.py``…).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string

import pandas as pd
import pytest

from lianes_dash.dataset import schema as S
from lianes_dash.server import streamlit_internals as internals
from lianes_dash.text import french as text
from lianes_dash.text import i18n
from lianes_dash.text.i18n_en import EN
from tests.conftest import navigation_pages
from tests.landing import landing

PAGES = [file for file, _url, _default in navigation_pages()]

#: Pages whose English is not finished yet (each still shows French text): listed here so that the
#: test says so; remove a page once translated (the test fails while a listed page is complete).
NOT_YET_TRANSLATED: set[str] = set()  # every page of the navigation is translated

#: Typical French words that must not appear on an English page (outside proper names).
FRENCH_WORDS = re.compile(
    r"\b(liens?|collectivités?|filtres?|données|pays partenaires?|télécharger|année|thèmes?|"
    r"partenariats?|sur la carte|aucun|selon|nombre de|et les|des liens|du total)\b",
    re.IGNORECASE,
)
#: Proper names that contain such words (a source's or an organisation's name, the commune of Aucun in the
#: Hautes-Pyrénées among the peers page's choices).
PROPER_NAMES = re.compile(
    r"Lianes coopération|Cités Unies France|Atlas français de la coopération décentralisée|^Aucun \(65\)$"
)


def quoted_french() -> list[str]:
    """Passages an English page quotes in French on purpose: the brochure's own words (testimonials,
    descriptions of the partnerships it documents), shown as printed, labelled as quoted in French."""
    from lianes_dash.dataset import brochure as B

    passages = [p.strip() for t in B.TESTIMONIALS for p in t.quote.split("\n\n")]
    return [p for p in passages + [link.description for link in B.LINKS] if p]


QUOTED_FRENCH = quoted_french()


def french_words(line: str) -> list[str]:
    """The typical French words of a visible text, proper names and the brochure's quotations removed."""
    line = line.replace("\\", "")  # NOTE: the quotations are shown escaped (« Nkong\\-zem »)
    for passage in QUOTED_FRENCH:
        line = line.replace(passage, "")
    return FRENCH_WORDS.findall(PROPER_NAMES.sub("", line))


def _repeated(descriptor) -> bool:
    return bool(getattr(descriptor, "is_repeated", False)) or getattr(descriptor, "label", None) == 3


def _proto_strings(message, out: list[str]) -> None:
    for descriptor, value in message.ListFields():
        if descriptor.type == descriptor.TYPE_MESSAGE:
            values = value if _repeated(descriptor) else [value]
            for v in values:
                if hasattr(v, "ListFields"):
                    _proto_strings(v, out)
        elif descriptor.type == descriptor.TYPE_STRING:
            if descriptor.name in ("spec", "config"):
                _plotly_strings(value, out)
            elif descriptor.name not in ("id", "form_id", "key", "icon", "theme", "data", "url", "src"):
                out.extend(value if _repeated(descriptor) else [value])


def _plotly_strings(spec: str, out: list[str]) -> None:
    """Titles, axis titles and legend names of a plotly figure (what a reader sees first)."""
    try:
        fig = json.loads(spec)
    except ValueError:
        return
    if not isinstance(fig, dict):
        return
    layout = fig.get("layout") or {}
    for part in layout.values():
        if isinstance(part, dict) and isinstance(part.get("title"), dict):
            out.append(str(part["title"].get("text", "")))
    if isinstance(layout.get("title"), dict):
        out.append(str(layout["title"].get("text", "")))
    for ann in layout.get("annotations") or []:
        out.append(str(ann.get("text", "")))
    for trace in fig.get("data") or []:
        if trace.get("name"):
            out.append(str(trace["name"]))


def visible_texts(at) -> list[str]:
    """Every string the page shows (labels, texts, options, figure titles), one per element field."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            _proto_strings(proto, out)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(internals.element_tree(at))
    return [s for s in out if s and s.strip()]


def _fields(template: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name is not None}


def test_the_catalogue_is_sane() -> None:
    assert len(EN) > 100
    for french, english in EN.items():
        assert english.strip(), f"empty translation of {french!r}"
        assert _fields(french) == _fields(english), f"placeholders differ: {french!r} → {english!r}"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", ("3\u202f250", "12,5", "12,5\u00a0%", "1er décembre 2026", "0 lien", "2 liens")),
        ("en", ("3,250", "12.5", "12.5%", "1 December 2026", "0 links", "2 links")),
    ],
)
def test_numbers_and_dates_follow_the_language(lang: str, expected: tuple[str, ...]) -> None:
    token = i18n._LANG.set(lang)
    try:
        got = (
            text.fmt_int(3250),
            text.fmt_float(12.5),
            text.fmt_pct(0.125),
            text.fmt_date(dt.date(2026, 12, 1)),
            text.plural(0, "lien", "liens"),
            text.plural(2, "lien", "liens"),
        )
    finally:
        i18n._LANG.reset(token)
    assert got == expected
    assert i18n.language() == "fr"  # the default, outside a run


def test_t_is_french_by_default_and_english_on_request() -> None:
    assert i18n.t("Filtres") == "Filtres"
    token = i18n._LANG.set("en")
    try:
        assert i18n.t("Filtres") == "Filters"
        assert i18n.t("**{kept}** liens sur {total}", kept="3", total="9") == "**3** links of 9"
    finally:
        i18n._LANG.reset(token)


@pytest.fixture
def strict(monkeypatch):
    monkeypatch.setenv("LIANES_I18N_STRICT", "1")
    i18n.reset_missing()
    yield
    i18n.reset_missing()


@pytest.mark.parametrize("page_file", PAGES)
def test_every_page_in_english(page_file: str, strict) -> None:
    at = landing(page_file, {"lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
    missing = i18n.missing()
    french = [line for line in visible_texts(at) if french_words(line)]
    if page_file in NOT_YET_TRANSLATED:
        assert missing or french, f"{page_file} looks translated: take it out of NOT_YET_TRANSLATED"
        return
    assert not missing, f"{page_file}: no English for {sorted(missing)}"
    assert not french, f"{page_file}: French words on the English page: {french}"


def test_the_switch_and_a_shared_link_keep_english() -> None:
    """``lang=en`` stays in the URL (and so in « Copier le lien »), is not reported as ignored, and the
    switch goes back to French (and takes the parameter out of the URL)."""
    at = landing("overview.py", {"lang": "en", "pays": "BFA"})
    assert not at.exception
    assert at.query_params.get("lang") in ("en", ["en"])
    assert not [w for w in at.warning if "lang" in w.value]
    from lianes_dash.ui.share import PANEL_KEY

    at.session_state[PANEL_KEY] = True  # the « Share » box builds its links once opened
    at.run()
    links = [c.value for c in at.code if "lang=en" in c.value]
    assert links, "the link to copy lost lang=en"
    assert any("Filters" in m.value for m in at.sidebar.markdown)
    from lianes_dash.ui.lang import SWITCH

    at.session_state[SWITCH] = "fr"
    # NOTE: AppTest formats the previous run's widget values in the test's thread (with the widgets'
    # format_func): that thread must speak the language of that run, English.
    token = i18n._LANG.set("en")
    try:
        at.run()
    finally:
        i18n._LANG.reset(token)
    assert "lang" not in at.query_params
    assert any("Filtres" in m.value for m in at.sidebar.markdown)


def test_an_unknown_language_is_named_as_ignored() -> None:
    at = landing("overview.py", {"lang": "de"})
    assert any("lang" in w.value for w in at.warning)
    assert any("Filtres" in m.value for m in at.sidebar.markdown)


def test_plotly_speaks_the_language() -> None:
    """French: plotly's French locale and « 3 250 » separators; English: plotly's own English and « 3,250 »."""
    from lianes_dash.ui.common import chart_config
    from lianes_dash.views import figures

    assert chart_config("x")["locale"] == "fr"
    assert figures.separators() == ", "
    token = i18n._LANG.set("en")
    try:
        assert "locale" not in chart_config("x")
        assert figures.separators() == ".,"
        fig = figures.decade_chart(pd.DataFrame({S.DECADE: [1980, 2000], S.COUNT: [3, 4]}))
        assert fig.layout.separators == ".,"
        assert list(fig.data[0].x) == ["1980s", "1990s", "2000s"]
    finally:
        i18n._LANG.reset(token)


def test_npdc_in_english_quotes_the_testimonials_in_french_beside_a_labelled_translation() -> None:
    """The regional page's headings and figures in English (« 7.0% of the national total (5,134) »); the
    brochure's testimonials stay its French words, our translation is labelled as ours."""
    at = landing("npdc.py", {"lang": "en"})
    assert not at.exception
    headings = [s.value for s in at.subheader]
    for heading in ("What sets the region apart", "Their partners around the world", "In their own words"):
        assert heading in headings
    assert any(re.fullmatch(r"\d+\.\d% of the national total \(\d{1,3}(,\d{3})+\)", c.value) for c in at.caption)
    texts = [m.value.replace("\\", "") for m in at.markdown]
    from lianes_dash.dataset import brochure as B

    first = B.TESTIMONIALS[0].quote.split("\n\n")[0]
    assert sum(first in m for m in texts) == 1, "the French quotation, once, as printed"
    translations = [e for e in at.expander if e.label == "English translation (ours)"]
    assert len(translations) == len(B.TESTIMONIALS)
    assert any("quoted in French" in c.value for c in at.caption)
    assert any("Since 2003, the municipality of Halluin" in m.value for e in translations for m in e.markdown)


def test_the_fiches_in_english() -> None:
    """A collectivity's identity card and a country's fiche in English: English labels, country names and
    number formats; the brochure's description of a partnership quoted in French beside our translation."""
    at = landing("fiche_collectivite.py", {"lang": "en", "collectivite": "commune:59279"})
    assert not at.exception
    assert "Identity card" in [s.value for s in at.subheader]
    card = next(m.value for m in at.markdown if "**Type**" in m.value)
    assert "**Type**: Commune" in card
    assert re.search(r"\*\*Municipal population\*\*: \d{1,3}(,\d{3})+ inhabitants", card)
    assert "Since 2003: access to drinking water" in " ".join(
        x.value for e in at.expander if e.label == "English translation (ours)" for x in e.text
    )
    at = landing("fiche_pays.py", {"lang": "en", "iso": "CMR"})
    assert not at.exception
    assert at.selectbox[0].label == "Partner country (type to search)"
    assert at.selectbox[0].format_func("CMR") == "Cameroon"
    assert "The French local authorities involved" in [s.value for s in at.subheader]
    assert at.header[0].value == "Cameroon"


def test_about_in_english_says_what_is_translated_and_keeps_the_french_file_as_a_download() -> None:
    """« À propos » in English: tabs and headings in English, the brochure's account in a translation said to be
    ours, English numbers; data/SOURCES.md (French, kept by hand) offered as a download, not shown."""
    at = landing("about.py", {"lang": "en"})
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Decentralised cooperation", "Lianes coopération", "Data sources",
                                              "Method and limits"]  # fmt: skip
    headings = [s.value for s in at.subheader]
    assert "What this data does not tell" in headings and "The sources of the links" in headings
    assert sum("English translation of the brochure (ours)" in c.value for c in at.caption) == 2
    assert not [m for m in at.markdown if "Sources des données" in m.value]
    report = next(m.value for m in at.markdown if m.value.startswith("**Build report**"))
    assert re.search(r"kept: \d{1,3}(,\d{3})+", report)


@pytest.mark.parametrize(
    "params",
    [
        {"depuis": "commune:59279", "cible": "BFA", "sujet": "gestion de l'eau"},
        {"cible": "NZL", "sujet": "état civil"},  # nothing exact: the sentence and the « widen » buttons
        {"zone": "AF", "sujet": "santé", "forme": "jumelage"},
    ],
)
def test_peers_results_in_english(params: dict[str, str], strict) -> None:
    """The peers page with results, in strict mode: no French string without an entry, no French words
    (the empty form is covered by ``test_every_page_in_english``)."""
    at = landing("peers.py", {"lang": "en", **params})
    assert not at.exception, [e.value for e in at.exception]
    assert not i18n.missing(), sorted(i18n.missing())
    assert not [line for line in visible_texts(at) if french_words(line)]


def test_peers_in_english(monkeypatch) -> None:
    """« Find peers » in English: headings, the form's choices in English, the tiers summed up with English
    country and theme names, English numbers (« 5,134 »), reasons and cards in English; its download is
    English too (README.txt, English headers and reasons, the search in words), as the Explorer's."""
    import io
    import zipfile

    from streamlit.runtime.media_file_manager import MediaFileManager

    built: list = []
    original = MediaFileManager.add_deferred

    def capture(self, data_callable, *args, **kwargs):
        built.append(data_callable)
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", capture)
    at = landing("peers.py", {"lang": "en", "depuis": "commune:59279", "cible": "BFA", "sujet": "gestion de l'eau"})
    assert not at.exception, [e.value for e in at.exception]
    headings = [s.value for s in at.subheader]
    for heading in ("Map", "Who already does it", "All the local authorities that match", "Their partners abroad",
                    "Download"):  # fmt: skip
        assert heading in headings
    assert at.text_input(key="peers_depuis_texte").label == "Your local authority"
    assert at.selectbox(key="peers_depuis").label == "Chosen local authority"
    # NOTE: the options as the page sent them (formatted in its run; ``format_func`` here would run in French).
    assert "Cameroon" in at.selectbox(key="peers_cible").options
    assert "Africa" in at.selectbox(key="peers_zone").options
    assert "water management" in at.multiselect(key="peers_sujet").options
    assert re.fullmatch(
        r"[\d,]+ in Burkina Faso on “water management” · [\d,]+ in Burkina Faso on another theme or none given.*",
        at.text[0].value,
    ), at.text[0].value
    assert any(re.match(r"\*\*[\d,]+ local authorit(y|ies) involved\*\*:", m.value) for m in at.markdown)
    assert any(
        re.match(r"The theme is known for only [\d,]+ links of \d{1,3}(,\d{3})+ and the start year for", c.value)
        for c in at.caption
    )
    cards = [x.value for x in at.text if "\nWith: " in x.value]
    assert len(cards) == 10 and all(
        c.startswith("same partner country, ") and " km" in c.splitlines()[0] for c in cards
    )
    assert not any("files are in French" in c.value for c in at.caption)
    assert at.get("download_button")[0].proto.label.startswith("The links of these ")
    # NOTE: the file is built on click, in another thread (French by default): it must keep the page's language.
    with zipfile.ZipFile(io.BytesIO(built[-1]())) as zf:
        names = zf.namelist()
        readme = zf.read("README.txt").decode("utf-8-sig")
        csv = zf.read(next(n for n in names if n.endswith(".csv"))).decode("utf-8-sig")
    assert "Target country: Burkina Faso" in readme and "Themes: water management" in readme
    header = csv.splitlines()[0]
    assert header.count(",") > 5 and ";" not in header and "same partner country" in csv


@pytest.mark.parametrize(
    ("data", "name", "french", "english"),
    [
        (b"", "vide.csv", "Le fichier « vide.csv » est vide.", "The file “vide.csv” is empty."),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 60, "ancien.xls", "Excel 97-2003 (.xls)", "Excel 97-2003 format (.xls)"),
        (b"PK\x03\x04 pas un classeur", "faux.xlsx", "archive ou classeur XLSX corrompu", "corrupt archive or XLSX"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_in_the_pages_language(data, name, french, english) -> None:
    from lianes_dash.importer import ImportFileError
    from lianes_dash.importer.reading import read_raw

    for lang, expected in (("fr", french), ("en", english)):
        with i18n.using(lang), pytest.raises(ImportFileError) as refused:
            read_raw(data, name)
        assert expected in str(refused.value), (lang, str(refused.value))


def test_the_first_visits_loading_message_follows_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches' own spinner text is fixed in French when the module loads; the first visit's
    message is the page's language, and later visits get none."""
    import contextlib

    from lianes_dash.ui import state

    shown: list[str] = []
    monkeypatch.setattr(state.st, "spinner", lambda text: (shown.append(text), contextlib.nullcontext())[1])
    monkeypatch.setattr(state, "_LOADED", __import__("threading").Event())
    with i18n.using("en"), state.loading_message():
        pass
    with state.loading_message():
        pass
    assert shown == ["Loading the data…", "Chargement des données…"]
    state._LOADED.set()
    assert isinstance(state.loading_message(), contextlib.nullcontext)
