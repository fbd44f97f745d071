"""Checks of what a collectivity declares or reports, before anything is stored.

Every refusal names the field and why, in French (English through :func:`lianes_dash.text.i18n.t`);
all problems of a form are reported at once. Places are resolved with the importer's own
indexes (same names, same « vouliez-vous dire »). Free text is stored inert: markup refused,
control characters dropped, a leading formula trigger neutralised as :mod:`lianes_dash.text.safety` does.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.importer.core import reference_indexes
from lianes_dash.importer.errors import _short
from lianes_dash.importer.values import KIND_KEYS
from lianes_dash.text.french import fold
from lianes_dash.text.i18n import t
from lianes_dash.text.safety import neutralise_cell

#: Payload keys that are not link columns.
SOURCE_URL = "source_url"
SOURCE_DOCUMENT = "source_document"
COMMENT = "comment"
PROBLEM = "problem"
END_YEAR = "end_year"
#: The reported link's values before the correction (when the caller gave the links).
WAS = "was"
PARTNER_QID = "partner_wikidata"
FR_QID = "fr_wikidata"

#: What a report says is wrong with an existing link.
PROBLEMS: dict[str, str] = {
    "ended": "le lien a pris fin",
    "wrong_partner": "le partenaire est faux",
    "wrong_collectivity": "la collectivité française est fausse",
    "other": "autre erreur",
}

#: Longest text accepted per field (characters).
MAX_NAME = 200
MAX_URL = 500
MAX_DOCUMENT = 300
MAX_COMMENT = 2000
MAX_EMAIL = 254
MAX_ROLE = 120
MIN_YEAR = 1900

#: French name of each field, for messages.
FIELD_NAMES: dict[str, str] = {
    S.FR_NAME: "collectivité française",
    S.FR_CODE: "code officiel de la collectivité",
    S.FR_DEPARTEMENT: "département",
    S.PARTNER_NAME: "collectivité partenaire",
    S.PARTNER_COUNTRY: "pays partenaire",
    S.KIND: "type de lien",
    S.THEMES_COL: "thèmes",
    S.START_YEAR: "année de début",
    S.LINK_ID: "identifiant du lien",
    SOURCE_URL: "adresse de la source",
    SOURCE_DOCUMENT: "document source",
    COMMENT: "commentaire",
    PROBLEM: "erreur signalée",
    END_YEAR: "année de fin",
    PARTNER_QID: "identifiant Wikidata du partenaire",
    FR_QID: "identifiant Wikidata de la collectivité",
    "email": "adresse électronique",
    "role": "fonction",
}

# NOTE: any letter after « < » (not only ASCII): stricter than HTML, and no reader's parser guesses.
_MARKUP = re.compile(r"<\s*(?:[!/?]|[^\W\d_])|&#?[A-Za-z0-9]+;")
_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>\"'(),;:\\]+@[^@\s<>\"'(),;:\\]+\.[^@\s<>\"'(),;:\\]+$")
_QID = re.compile(r"^Q[1-9][0-9]{0,11}$")


#: The link columns each kind of report corrects (their old values go to ``was``).
CORRECTED: dict[str, tuple[str, ...]] = {
    "ended": (S.DESCRIPTION,),
    "wrong_partner": (S.PARTNER_NAME, S.PARTNER_COUNTRY, S.PARTNER_LAT, S.PARTNER_LON, S.PARTNER_APPROX),
    "wrong_collectivity": (S.FR_CODE, S.FR_TYPE, S.FR_NAME, S.FR_DEPARTEMENT, S.FR_REGION),
    "other": (),
}


def _plain_row(row: pd.Series, columns: Sequence[str]) -> dict[str, object]:
    """The values of ``columns`` in a links row, as JSON values (``None`` for missing)."""
    out: dict[str, object] = {}
    for col in columns:
        value = row.get(col)
        if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
            out[col] = None
        else:
            out[col] = value.item() if hasattr(value, "item") else value
    return out


@dataclass(frozen=True)
class Problem:
    """One refused field: its key, a French sentence naming it, and the names it may have meant."""

    field: str
    message: str
    suggestions: tuple[str, ...] = ()


class ContributionError(ValueError):
    """A contribution refused as a whole; ``problems`` says which fields and why (nothing stored)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(" ; ".join(p.message for p in self.problems))


@dataclass(frozen=True)
class Declaration:
    """A new partnership, as the form gives it (text as typed; checked by :meth:`Validator.declaration`)."""

    fr_name: str
    partner_name: str
    partner_country: str
    kind: str
    email: str
    themes: Sequence[str] = ()
    start_year: int | str | None = None
    fr_code: str = ""
    fr_departement: str = ""
    source_url: str = ""
    source_document: str = ""
    comment: str = ""
    role: str = ""
    partner_wikidata: str = ""
    fr_wikidata: str = ""


@dataclass(frozen=True)
class Report:
    """An error on an existing link (``problem``: a key of :data:`PROBLEMS`) and its correction."""

    link_id: str
    problem: str
    email: str
    partner_name: str = ""
    partner_country: str = ""
    fr_name: str = ""
    fr_code: str = ""
    fr_departement: str = ""
    end_year: int | str | None = None
    source_url: str = ""
    comment: str = ""
    role: str = ""


@dataclass(frozen=True)
class Checked:
    """A contribution that passed: what is stored as the item (``payload``), and the contact kept apart."""

    item_type: str
    payload: dict[str, object]
    email: str
    role: str
    link_id: str | None = None


@dataclass
class _Form:
    """Collects the problems of one form while its fields are cleaned."""

    problems: list[Problem] = field(default_factory=list)

    def refuse(self, key: str, message: str, suggestions: Sequence[str] = ()) -> None:
        self.problems.append(Problem(key, f"{t(FIELD_NAMES[key])} : {message}", tuple(suggestions)))

    def text(self, key: str, value: object, limit: int, *, required: bool = False, multiline: bool = False) -> str:
        """Clean text: NFC, no control characters, no markup, at most ``limit`` characters, inert."""
        raw = "" if value is None else str(value)
        raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
        kept = "".join(
            c
            for c in raw
            if (c == "\n" and multiline) or unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn") or c in " \t"
        )
        kept = "\n".join(" ".join(line.split()) for line in kept.split("\n")) if multiline else " ".join(kept.split())
        kept = kept.strip()
        if not kept:
            if required:
                self.refuse(key, t("champ obligatoire"))
            return ""
        if len(kept) > limit:
            self.refuse(key, t("{n} caractères, au plus {limit}", n=len(kept), limit=limit))
            return ""
        if _MARKUP.search(kept):
            self.refuse(key, t("le balisage (HTML, entités) n'est pas accepté"))
            return ""
        return str(neutralise_cell(kept))

    def year(self, key: str, value: object) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        last = dt.datetime.now(dt.UTC).year
        text = str(value).strip()
        if isinstance(value, bool) or not re.fullmatch(r"[0-9]{1,4}", text):
            self.refuse(key, t("« {value} » n'est pas une année", value=_short(text, 20)))
            return None
        year = int(text)
        if not MIN_YEAR <= year <= last:
            self.refuse(key, t("{year} hors de la plage {first}–{last}", year=year, first=MIN_YEAR, last=last))
            return None
        return year

    def url(self, key: str, value: object) -> str:
        text = " ".join(("" if value is None else str(value)).split())
        if not text:
            return ""
        if len(text) > MAX_URL:
            self.refuse(key, t("{n} caractères, au plus {limit}", n=len(text), limit=MAX_URL))
            return ""
        if not _URL.match(text):
            self.refuse(key, t("adresse web invalide (elle doit commencer par http:// ou https://)"))
            return ""
        return text

    def email(self, value: object) -> str:
        text = ("" if value is None else str(value)).strip().lower()
        if not text:
            self.refuse("email", t("champ obligatoire"))
        elif len(text) > MAX_EMAIL or not _EMAIL.match(text):
            self.refuse("email", t("adresse invalide"))
        else:
            return text
        return ""

    def qid(self, key: str, value: object) -> str:
        text = ("" if value is None else str(value)).strip().upper()
        if text and not _QID.match(text):
            self.refuse(
                key, t("« {value} » n'est pas un identifiant Wikidata (Q suivi de chiffres)", value=_short(text))
            )
            return ""
        return text


class Validator:
    """Checks forms against the reference (the real one by default, or the frames given)."""

    def __init__(
        self,
        collectivities: pd.DataFrame | None = None,
        countries: pd.DataFrame | None = None,
        places: pd.DataFrame | None = None,
    ) -> None:
        self.refs = reference_indexes(collectivities, countries, places)

    # -- places --------------------------------------------------------------------------
    def _collectivity(self, form: _Form, name: str, code: str, dep: str) -> dict[str, object]:
        if not name and not code:
            return {}
        index = self.refs.collectivities
        match = index.resolve(name, "", dep, "", code)
        if match.row is None:
            form.refuse(S.FR_NAME, match.error or t("collectivité inconnue"), match.suggestions)
            return {}
        i = match.row
        return {
            S.FR_CODE: index.codes[i],
            S.FR_TYPE: index.types[i],
            S.FR_NAME: index.names[i],
            S.FR_DEPARTEMENT: index.deps[i],
            S.FR_REGION: index.regions[i],
        }

    def _partner(self, form: _Form, name: str, country: str) -> dict[str, object]:
        if not country:
            return {}
        iso3, match = self.refs.countries.resolve(country)
        if iso3 is None:
            form.refuse(S.PARTNER_COUNTRY, match.error or t("pays inconnu"), match.suggestions)
            return {}
        spot = self.refs.places.locate(name, iso3) if name else None
        lat, lon = spot if spot is not None else self.refs.countries.centroid[iso3]
        return {
            S.PARTNER_COUNTRY: iso3,
            S.PARTNER_LAT: float(lat),
            S.PARTNER_LON: float(lon),
            S.PARTNER_APPROX: spot is None,
        }

    # -- forms ---------------------------------------------------------------------------
    def declaration(self, d: Declaration, contact: bool = True) -> Checked:
        """The stored form of a declaration, or :class:`ContributionError` naming every bad field.

        ``contact=False``: a reviewer's edit, whose e-mail and role fields are not read.
        """
        form = _Form()
        fr_name = form.text(S.FR_NAME, d.fr_name, MAX_NAME, required=not str(d.fr_code or "").strip())
        fr_code = form.text(S.FR_CODE, d.fr_code, 20)
        fr_dep = form.text(S.FR_DEPARTEMENT, d.fr_departement, 60)
        partner = form.text(S.PARTNER_NAME, d.partner_name, MAX_NAME, required=True)
        country = form.text(S.PARTNER_COUNTRY, d.partner_country, 100, required=True)
        kind = KIND_KEYS.get(fold(d.kind or ""))
        if kind not in S.KINDS:
            form.refuse(S.KIND, t("choisissez parmi : {choices}", choices=", ".join(t(k) for k in S.KINDS)))
        themes = self._themes(form, d.themes)
        year = form.year(S.START_YEAR, d.start_year)
        url = form.url(SOURCE_URL, d.source_url)
        document = form.text(SOURCE_DOCUMENT, d.source_document, MAX_DOCUMENT)
        comment = form.text(COMMENT, d.comment, MAX_COMMENT, multiline=True)
        email = form.email(d.email) if contact else ""
        role = form.text("role", d.role, MAX_ROLE) if contact else ""
        partner_qid = form.qid(PARTNER_QID, d.partner_wikidata)
        fr_qid = form.qid(FR_QID, d.fr_wikidata)
        # Places are looked up once every text is acceptable (no search on a refused value).
        texts_ok = not form.problems
        fr = self._collectivity(form, fr_name, fr_code, fr_dep) if texts_ok else {}
        place = self._partner(form, partner, country) if texts_ok else {}
        if form.problems:
            raise ContributionError(form.problems)
        payload: dict[str, object] = {
            **fr,
            S.PARTNER_NAME: partner,
            **place,
            S.KIND: kind,
            S.THEMES_COL: S.THEME_SEP.join(themes) or None,
            S.START_YEAR: year,
            SOURCE_URL: url,
            SOURCE_DOCUMENT: document,
            COMMENT: comment,
            PARTNER_QID: partner_qid,
            FR_QID: fr_qid,
        }
        return Checked("declaration", payload, email, role)

    def report(self, r: Report, links: pd.DataFrame | Collection[str] | None = None, contact: bool = True) -> Checked:
        """The stored form of a report on link ``r.link_id``.

        ``links``: the known links, to check the id; a links frame also puts the link's values the
        report corrects in the payload (``was``), so that the event history keeps the old value.
        """
        form = _Form()
        link_id = form.text(S.LINK_ID, r.link_id, 64, required=True)
        was = self._link_as_it_was(form, link_id, links, str(r.problem)) if link_id else {}
        problem = str(r.problem or "")
        if problem not in PROBLEMS:
            form.refuse(PROBLEM, t("choisissez parmi : {choices}", choices=", ".join(t(p) for p in PROBLEMS.values())))
        partner = form.text(S.PARTNER_NAME, r.partner_name, MAX_NAME)
        country = form.text(S.PARTNER_COUNTRY, r.partner_country, 100)
        fr_name = form.text(S.FR_NAME, r.fr_name, MAX_NAME)
        fr_code = form.text(S.FR_CODE, r.fr_code, 20)
        fr_dep = form.text(S.FR_DEPARTEMENT, r.fr_departement, 60)
        end_year = form.year(END_YEAR, r.end_year)
        url = form.url(SOURCE_URL, r.source_url)
        comment = form.text(COMMENT, r.comment, MAX_COMMENT, multiline=True, required=problem == "other")
        email = form.email(r.email) if contact else ""
        role = form.text("role", r.role, MAX_ROLE) if contact else ""
        if problem == "wrong_partner" and not partner:
            form.refuse(S.PARTNER_NAME, t("champ obligatoire"))
        if problem == "wrong_partner" and not country:
            form.refuse(S.PARTNER_COUNTRY, t("champ obligatoire"))
        if problem == "wrong_collectivity" and not (fr_name or fr_code):
            form.refuse(S.FR_NAME, t("champ obligatoire"))
        correction: dict[str, object] = {}
        if not form.problems and problem == "wrong_partner":
            correction = {S.PARTNER_NAME: partner, **self._partner(form, partner, country)}
        if not form.problems and problem == "wrong_collectivity":
            correction = self._collectivity(form, fr_name, fr_code, fr_dep)
        if form.problems:
            raise ContributionError(form.problems)
        payload: dict[str, object] = {
            S.LINK_ID: link_id,
            PROBLEM: problem,
            **correction,
            WAS: was,
            END_YEAR: end_year,
            SOURCE_URL: url,
            COMMENT: comment,
        }
        return Checked("report", payload, email, role, link_id=link_id)

    @staticmethod
    def _link_as_it_was(
        form: _Form, link_id: str, links: pd.DataFrame | Collection[str] | None, problem: str
    ) -> dict[str, object]:
        """The values of link ``link_id`` a report corrects (for the history); refused if the link is unknown."""
        if isinstance(links, pd.DataFrame):
            rows = links.loc[(links[S.LINK_ID] == link_id).to_numpy(dtype=bool, na_value=False)]
            if not rows.empty:
                return _plain_row(rows.iloc[0], CORRECTED.get(problem, ()))
            form.refuse(S.LINK_ID, t("aucun lien « {link} »", link=_short(link_id)))
        elif links is not None and link_id not in links:
            form.refuse(S.LINK_ID, t("aucun lien « {link} »", link=_short(link_id)))
        return {}

    @staticmethod
    def _themes(form: _Form, themes: Sequence[str] | str | None) -> list[str]:
        given = [themes] if isinstance(themes, str) else list(themes or ())
        if len(given) > len(S.THEMES):
            form.refuse(S.THEMES_COL, t("au plus {n} thèmes", n=len(S.THEMES)))
            return []
        wanted = {str(x).strip() for x in given if str(x).strip()}
        unknown = sorted(x for x in wanted if x not in S.THEMES)
        if unknown:
            form.refuse(
                S.THEMES_COL,
                t("hors du vocabulaire : {themes}", themes=", ".join(t("« {text} »", text=_short(x)) for x in unknown)),
            )
            return []
        return [x for x in S.THEMES if x in wanted]


def declarations_from_links(
    links: pd.DataFrame, *, email: str, role: str, document: str, source_url: str = ""
) -> list[Declaration]:
    """An imported file's accepted rows (links in the schema's columns) as declarations, one per link.

    A network's directory goes to the review queue as it was imported: the French collectivity by its
    code, the partner's country by its ISO code, kind, themes and start year as the importer read them.
    """
    out = []
    for row in links.to_dict("records"):
        year = row.get(S.START_YEAR)
        themes = row.get(S.THEMES_COL)
        out.append(
            Declaration(
                fr_name=str(row.get(S.FR_NAME) or ""),
                fr_code=str(row.get(S.FR_CODE) or ""),
                fr_departement=str(row.get(S.FR_DEPARTEMENT) or ""),
                partner_name=str(row.get(S.PARTNER_NAME) or ""),
                partner_country=str(row.get(S.PARTNER_COUNTRY) or ""),
                kind=str(row.get(S.KIND) or ""),
                themes=tuple(S.split_themes(themes)) if isinstance(themes, str) else (),
                start_year=None if year is None or pd.isna(year) else int(year),
                source_document=document,
                source_url=source_url,
                email=email,
                role=role,
            )
        )
    return out
