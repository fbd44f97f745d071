"""The contributions' pure parts: checks of a form, the published layer, QuickStatements, the importer's CSV.

No database here (tests/test_contributions.py has them). Partner places are fictional; regenerate
the golden file (after reading the diff!) with ``LIANES_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lianes_dash import i18n
from lianes_dash import schema as S
from lianes_dash import sources as SRC
from lianes_dash.contributions import commons
from lianes_dash.contributions import store as ST
from lianes_dash.contributions import validation as V
from lianes_dash.contributions.published import declared_link_id, published_links
from lianes_dash.contributions.store import Item
from lianes_dash.contributions.validation import ContributionError, Declaration, Report, Validator
from lianes_dash.i18n_en import EN
from lianes_dash.importer.core import import_links
from lianes_dash.importer.testing import tiny_reference
from tests.builders import link_rows

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
VALIDATOR = Validator(**tiny_reference())
ACCEPTED_AT = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)


def declaration(**changes: object) -> Declaration:
    fields: dict[str, object] = {
        "fr_name": "Halluin",
        "partner_name": "Testhausen am See",
        "partner_country": "Allemagne",
        "kind": "jumelage",
        "email": "mairie@example.org",
        "themes": ["culture"],
        "start_year": 1987,
        "source_url": "https://example.org/deliberation",
    }
    return Declaration(**{**fields, **changes})  # type: ignore[arg-type]


def accepted(n: int, checked: V.Checked) -> Item:
    """An accepted item, as ``store.accepted()`` gives it (no database needed)."""
    return Item(
        id=n,
        submission_id=f"sub-{n:05d}",
        item_type=checked.item_type,
        link_id=checked.link_id,
        status=ST.ACCEPTED,
        version=2,
        payload=checked.payload,
        created_at=ACCEPTED_AT,
        updated_at=ACCEPTED_AT,
        updated_by="alice",
    )


# ---------------------------------------------------------------------------
# Checks of a form
# ---------------------------------------------------------------------------
def _problems(form: Declaration) -> dict[str, V.Problem]:
    with pytest.raises(ContributionError) as caught:
        VALIDATOR.declaration(form)
    return {p.field: p for p in caught.value.problems}


def test_a_good_declaration_is_resolved_with_the_importers_reference() -> None:
    p = VALIDATOR.declaration(declaration(fr_name="  halluin ", partner_country="DE")).payload
    assert (p[S.FR_CODE], p[S.FR_TYPE], p[S.FR_NAME], p[S.PARTNER_COUNTRY]) == ("59279", "commune", "Halluin", "DEU")
    assert p[S.PARTNER_APPROX] is True  # NOTE: a fictional place is not in the gazetteer: its country's centre


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"fr_name": "Haluin"}, S.FR_NAME, "vouliez-vous dire : Halluin (59)"),
        ({"partner_country": "Allemagn"}, S.PARTNER_COUNTRY, "pays inconnu"),
        ({"start_year": 1850}, S.START_YEAR, "hors de la plage 1900–"),
        ({"start_year": "mil neuf cent"}, S.START_YEAR, "n'est pas une année"),
        ({"partner_name": "x" * 201}, S.PARTNER_NAME, "201 caractères, au plus 200"),
        ({"partner_name": "<img src=x onerror=alert(1)>"}, S.PARTNER_NAME, "balisage"),
        ({"comment": "voir &lt;ici&gt;"}, V.COMMENT, "balisage"),
        ({"partner_name": "   "}, S.PARTNER_NAME, "champ obligatoire"),
        ({"source_url": "javascript:alert(1)"}, V.SOURCE_URL, "http:// ou https://"),
        ({"kind": "mariage"}, S.KIND, "choisissez parmi"),
        ({"themes": ["culture", "pêche"]}, S.THEMES_COL, "« pêche »"),
        ({"email": "nobody"}, "email", "adresse invalide"),
        ({"partner_wikidata": "P190"}, V.PARTNER_QID, "identifiant Wikidata"),
    ],
)
def test_a_refusal_names_the_field_and_why(changes: dict, field: str, words: str) -> None:
    problems = _problems(declaration(**changes))
    assert field in problems, problems
    assert words in problems[field].message
    assert problems[field].message.startswith(V.FIELD_NAMES[field] + " : ")


def test_unknown_collectivity_gives_the_importers_suggestions() -> None:
    problems = _problems(declaration(fr_name="Haluin", partner_country="Allemagn"))
    assert problems[S.FR_NAME].suggestions == ("Halluin (59)",)
    assert problems[S.PARTNER_COUNTRY].suggestions == ("Allemagne",)  # NOTE: both places at once


_ANY = st.one_of(st.text(max_size=80), st.sampled_from(["", "=1+1", "<svg/onload=x>", "x" * 10_000, "\x00", "é" * 300]))


@settings(max_examples=60, deadline=None)
@given(fr_name=_ANY, fr_code=_ANY, country=_ANY, kind=_ANY, year=st.one_of(_ANY, st.integers()), url=_ANY, qid=_ANY)
def test_any_form_is_either_checked_or_refused_field_by_field(fr_name, fr_code, country, kind, year, url, qid) -> None:
    form = declaration(
        fr_name=fr_name, fr_code=fr_code, partner_country=country, kind=kind, start_year=year, source_url=url,
        partner_wikidata=qid,
    )  # fmt: skip
    try:
        checked = VALIDATOR.declaration(form)
    except ContributionError as exc:
        assert exc.problems and all(p.field in V.FIELD_NAMES and p.message for p in exc.problems)
        return
    assert checked.payload[S.KIND] in S.KINDS and checked.payload[S.PARTNER_COUNTRY]
    S.validate_links(published_links(_base(), [accepted(1, checked)]))


def test_free_text_is_stored_inert() -> None:
    p = VALIDATOR.declaration(
        declaration(partner_name="=HYPERLINK(1)", comment="ligne 1\r\n\x00ligne\t 2", source_document="@doc")
    ).payload
    assert p[S.PARTNER_NAME] == "'=HYPERLINK(1)" and p[V.SOURCE_DOCUMENT] == "'@doc"
    assert p[V.COMMENT] == "ligne 1\nligne 2"


def test_a_report_names_what_it_corrects() -> None:
    ok = VALIDATOR.report(
        Report(
            link_id="t-1",
            problem="wrong_partner",
            email="a@example.org",
            partner_name="Testdorf",
            partner_country="DEU",
        )
    )
    assert ok.payload[S.PARTNER_NAME] == "Testdorf" and ok.link_id == "t-1"
    with pytest.raises(ContributionError, match="champ obligatoire"):
        VALIDATOR.report(Report(link_id="t-1", problem="wrong_partner", email="a@example.org"))
    with pytest.raises(ContributionError, match="erreur signalée"):
        VALIDATOR.report(Report(link_id="t-1", problem="boom", email="a@example.org"))


# ---------------------------------------------------------------------------
# The published layer
# ---------------------------------------------------------------------------
def _base() -> pd.DataFrame:
    return link_rows(
        [{S.PARTNER_NAME: "Partenaire fictif A"}, {S.PARTNER_NAME: "Partenaire fictif B", S.DESCRIPTION: "note"}],
        validate=True,
    )


def _items() -> list[Item]:
    return [
        accepted(1, VALIDATOR.declaration(declaration())),
        accepted(2, VALIDATOR.report(Report(link_id="t-0", problem="ended", email="a@example.org", end_year=2015))),
        accepted(
            3,
            VALIDATOR.report(
                Report(
                    link_id="t-1",
                    problem="wrong_partner",
                    email="a@example.org",
                    partner_name="Testville-sur-Mer",
                    partner_country="Sénégal",
                )
            ),
        ),
        accepted(4, VALIDATOR.report(Report(link_id="t-404", problem="ended", email="a@example.org"))),
    ]


def test_published_links_adds_declarations_and_applies_corrections() -> None:
    base = _base()
    kept = base.copy()
    out = published_links(base, _items())
    pd.testing.assert_frame_equal(base, kept)  # NOTE: pure: the bundled frame is untouched
    assert list(out.columns) == list(S.LINK_COLUMNS)
    S.validate_links(out)
    assert out[S.LINK_ID].tolist() == ["t-1", declared_link_id("sub-00001")]
    corrected = out.set_index(S.LINK_ID).loc["t-1"]
    assert (corrected[S.PARTNER_NAME], corrected[S.PARTNER_COUNTRY]) == ("Testville-sur-Mer", "SEN")
    declared = out.set_index(S.LINK_ID).loc[declared_link_id("sub-00001")]
    assert declared[S.SOURCE] == SRC.DECLARATION.key and declared[S.FR_CODE] == "59279"
    assert declared[S.DESCRIPTION] == "déclaration de la collectivité, acceptée le 7 décembre 2026 par le réseau"
    assert declared[S.START_YEAR] == 1987 and declared[S.THEMES_COL] == "culture"
    assert SRC.label_of(SRC.DECLARATION.key) == SRC.DECLARATION.label
    assert SRC.DECLARATION.licence == "CC BY-SA 4.0"


def test_an_ended_link_can_be_marked_instead_of_removed_and_categories_are_fine() -> None:
    base = link_rows([{}, {S.DESCRIPTION: "note"}], validate=True, categorical=[S.KIND, S.SOURCE, S.PARTNER_COUNTRY])
    out = published_links(base, _items(), ended="mark")
    assert len(out) == 3
    assert out.set_index(S.LINK_ID).loc["t-0", S.DESCRIPTION].startswith("lien terminé en 2015")
    assert published_links(base, []).shape == (2, len(S.LINK_COLUMNS))


def test_the_loaders_categories_are_kept_and_the_result_enriches_like_the_bundled_table() -> None:
    from lianes_dash import data as D

    ref = tiny_reference()
    base = link_rows([{}, {}], validate=True, categorical=D.COMPACT_LINK_COLUMNS)
    moved = VALIDATOR.report(
        Report(link_id="t-0", problem="wrong_collectivity", email="a@example.org", fr_name="Le Portel")
    )
    declared, _ended, partner, _missing = _items()
    out = published_links(base, [declared, partner, accepted(5, moved)])
    assert all(isinstance(out[c].dtype, pd.CategoricalDtype) for c in D.COMPACT_LINK_COLUMNS)
    assert out.set_index(S.LINK_ID).loc["t-0", S.FR_NAME] == "Le Portel"
    assert out.set_index(S.LINK_ID).loc["t-1", S.PARTNER_COUNTRY] == "SEN"
    enriched = D.enrich_links(out, ref["collectivities"], ref["countries"]).set_index(S.LINK_ID)
    assert enriched.loc[declared_link_id("sub-00001"), S.PARTNER_COUNTRY_NAME] == "Allemagne"
    assert enriched.loc["t-1", S.PARTNER_COUNTRY_NAME] == "Sénégal"
    assert enriched.loc["t-0", S.FR_DEPARTEMENT_NAME] == "Pas-de-Calais"


def test_a_declared_link_can_be_corrected_too() -> None:
    declared = accepted(1, VALIDATOR.declaration(declaration()))
    link = declared_link_id(declared.submission_id)
    fix = VALIDATOR.report(
        Report(
            link_id=link, problem="wrong_partner", email="a@example.org", partner_name="Testdorf", partner_country="DEU"
        )
    )
    out = published_links(_base(), [declared, accepted(2, fix)]).set_index(S.LINK_ID)
    assert out.loc[link, S.PARTNER_NAME] == "Testdorf"


def test_the_declared_rows_in_english() -> None:
    with i18n.using("en"):
        out = published_links(_base(), _items()[:1])
    assert out[S.DESCRIPTION].iloc[-1] == "declared by the local authority, accepted on 7 December 2026 by the network"


# ---------------------------------------------------------------------------
# Commons: QuickStatements and the importer's CSV
# ---------------------------------------------------------------------------
def _commons_items() -> list[Item]:
    return [
        accepted(1, VALIDATOR.declaration(declaration(fr_wikidata="Q900000001", partner_wikidata="Q900000002"))),
        accepted(2, VALIDATOR.declaration(declaration(partner_name="Testville-sur-Mer", partner_country="SEN"))),
        accepted(
            3,
            VALIDATOR.declaration(
                declaration(fr_name="Le Portel", partner_wikidata="Q900000003", start_year="", source_url="")
            ),
        ),
        accepted(4, VALIDATOR.declaration(declaration(kind="aide au développement", partner_wikidata="Q900000004"))),
    ]


def test_quickstatements_golden() -> None:
    text = commons.quickstatements(_commons_items(), fr_qids={"62667": "Q900000005"})
    path = GOLDEN / "contributions_quickstatements.txt"
    if os.environ.get("LIANES_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"golden file {path} missing (LIANES_UPDATE_GOLDEN=1 to create it)"
    assert text == path.read_text(encoding="utf-8")


def test_the_csv_goes_back_through_the_importer() -> None:
    items = _commons_items()
    items[1] = accepted(2, VALIDATOR.declaration(declaration(partner_name="=cmd|' /C calc'!A0", partner_country="SEN")))
    text = commons.import_csv(items)
    assert ",'=cmd|" in text  # NOTE: stored inert, written inert
    result = import_links(text.encode("utf-8-sig"), filename="contributions.csv", **tiny_reference())
    assert len(result.links) == 4, result.report
    assert sorted(result.links[S.FR_CODE]) == ["59279", "59279", "59279", "62667"]
    assert set(result.links[S.KIND]) == {"jumelage", "aide au développement"}


# ---------------------------------------------------------------------------
# Every message in English
# ---------------------------------------------------------------------------
def _french_messages() -> set[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "lianes_dash" / "contributions").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found | set(V.FIELD_NAMES.values()) | set(V.PROBLEMS.values()) | set(ST.STATUS_LABELS.values())


def test_every_contributions_message_has_its_english() -> None:
    messages = _french_messages()
    assert len(messages) > 40
    assert not sorted(m for m in messages if m not in EN)
    with i18n.using("en"), pytest.raises(ContributionError, match="required field"):
        VALIDATOR.declaration(declaration(partner_name=""))
