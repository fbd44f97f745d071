"""``import_links``: a user's file → canonical links + a report accounting for every row.

NOTE on speed: every normalisation runs once per *distinct* value (or distinct tuple of
values) and is mapped back with ``pd.factorize`` codes, so a 50 000-row file naming a
few thousand collectivities costs a few thousand look-ups, not 50 000.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.dataset.vectors import per_distinct as _mapped
from lianes_dash.dataset.vectors import per_distinct_rows as _per_unique
from lianes_dash.dataset.vectors import take as _pick
from lianes_dash.importer.errors import ImportInconsistent, _short
from lianes_dash.importer.headers import IMPORT_FIELDS, check_required, map_columns
from lianes_dash.importer.reading import (
    DEFAULT_MAX_BYTES,
    FORMULA_WITHOUT_VALUE,
    LONG_RECORD_LINES,
    RawTable,
    Source,
    _setting,
    read_raw,
)
from lianes_dash.importer.resolve import CollectivityIndex, CountryIndex, PlaceIndex, suggestion_budget
from lianes_dash.importer.values import parse_kind, parse_themes, parse_year
from lianes_dash.text.french import fmt_int, fold, plural
from lianes_dash.text.i18n import t, using

ACCEPTED, DUPLICATE, REJECTED, BLANK = S.REPORT_STATUSES
SOURCE_PREFIX = "import : "
#: Separator of several reasons, suggestions or warnings inside one report cell.
JOIN = " ; "
#: A name cell longer than this is not a name: an unclosed quote or shifted columns.
MAX_NAME_CHARS = 300
#: Total time (s) an import may spend on « vouliez-vous dire » suggestions (``LIANES_IMPORT_SUGGESTION_SECONDS``).
SUGGESTION_SECONDS = float(_setting("LIANES_IMPORT_SUGGESTION_SECONDS", 20))
#: Field of the report for a record rejected as a whole by the reader.
WHOLE_LINE = "ligne entière"
# « Ã » or « Â » followed by what cp1252 shows for a UTF-8 continuation byte: UTF-8 read as cp1252.
_MOJIBAKE = re.compile(
    "[ÃÂÅÄ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

Progress = Callable[[float], Any]


@dataclass(frozen=True)
class ImportSummary:
    """Counts of the report; ``rows == accepted + duplicates + rejected + blank`` always."""

    rows: int
    accepted: int
    duplicates: int
    rejected: int
    blank: int
    #: Accepted rows that carry a warning (said « dont N avec avertissement » after the accepted count).
    with_warnings: int
    approximate: int
    #: Blank lines beyond the first of each long run (one report row covers a run of more than
    #: ``BLANK_RUN_DETAIL`` blank lines): ``len(report) + collapsed == rows``.
    collapsed: int = 0

    def french(self, filename: str = "") -> str:
        """One French line: « atlas.csv : 12 lignes — 10 acceptées, 1 doublon, 1 rejetée »."""
        with using("fr"):
            return self.text(filename)

    def text(self, filename: str = "") -> str:
        """:meth:`french` in the current language (« atlas.csv: 12 rows — 10 accepted, … » in English)."""
        head = t("{name} : ", name=filename) if filename else ""
        # The warnings are counted on the accepted rows and said right after them, so that
        # « 3 rejetées (1 avec avertissement) » can no longer read as a warning on a rejected row.
        warned = ""
        if self.with_warnings:
            one = self.with_warnings == 1
            warned = t(
                " dont {n} avec avertissement" if one else " dont {n} avec avertissements",
                n=fmt_int(self.with_warnings),
            )
        parts = [
            plural(self.accepted, "acceptée") + warned,
            plural(self.duplicates, "doublon"),
            plural(self.rejected, "rejetée"),
        ]
        if self.blank:
            parts.append(plural(self.blank, "ligne vide", "lignes vides"))
        return f"{head}{plural(self.rows, 'ligne')} — {', '.join(parts)}"

    def __str__(self) -> str:
        return self.french()


@dataclass
class ImportResult:
    """What an import produced.

    ``links``: accepted rows, canonical schema, validated by ``S.validate_links``.
    ``report``: one row per data row of the file (see ``S.REPORT_COLUMNS``), in file order.
    ``columns``: ``{field: file column}`` actually used; ``ignored_columns``: the others.
    ``notes``: file-level remarks (encoding, separator, sheet, duplicated headers…).
    """

    links: pd.DataFrame
    report: pd.DataFrame
    summary: ImportSummary
    filename: str
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> pd.DataFrame:
        """Report rows of the rejected lines (what the user must fix)."""
        return self.report.loc[self.report[S.REPORT_STATUS] == REJECTED]


# ---------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------
_INDEX_CACHE: dict[tuple[str, int], tuple[weakref.ref, Any]] = {}


def _index(kind: str, frame: pd.DataFrame, build: Callable[[pd.DataFrame], Any]) -> Any:
    """Index of a reference frame, built once per frame object.

    NOTE: reference frames are treated as immutable (the app caches them); a weak
    reference makes sure a recycled ``id()`` never returns a stale index.
    """
    key = (kind, id(frame))
    hit = _INDEX_CACHE.get(key)
    if hit is not None and hit[0]() is frame:
        return hit[1]
    for k in [k for k, (ref, _) in _INDEX_CACHE.items() if ref() is None]:
        del _INDEX_CACHE[k]
    index = build(frame)
    _INDEX_CACHE[key] = (weakref.ref(frame), index)
    return index


def load_reference(base: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """The real reference tables (collectivities, countries, gazetteer or ``None``), cached.

    Raises ``lianes_dash.dataset.data.DataFileError`` when collectivities or countries are missing;
    a missing gazetteer only means partners are placed at their country's centre.
    """
    from lianes_dash.dataset import data

    root = base or data.data_dir()
    stamps = tuple(
        (root / f).stat().st_mtime if (root / f).exists() else None
        for f in (data.COLLECTIVITIES_FILE, data.COUNTRIES_FILE, data.PLACES_FILE)
    )
    return _load_reference(root, stamps)


@functools.lru_cache(maxsize=2)
def _load_reference(root: Path, _stamps: tuple) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    from lianes_dash.dataset import data

    try:
        places = data.load_places(root)
    except data.DataFileError:
        places = None
    return data.load_collectivities(root), data.load_countries(root), places


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _text(series: pd.Series) -> pd.Series:
    """Cells as stripped ``str`` (object dtype), ``""`` for missing; fast on repeated values."""
    values = series.to_numpy(dtype=object, na_value="")
    codes, uniques = pd.factorize(values)
    clean = np.array([" ".join(str(u).split()) for u in uniques] + [""], dtype=object)
    return pd.Series(clean[codes], index=series.index, dtype=object)


def _place(
    places: PlaceIndex, countries: CountryIndex, partner: str, iso3: str, lat: str, lon: str
) -> tuple[float, float, bool] | None:
    """(lat, lon, approximate) of a partner: the file's coordinates, the gazetteer, the country's centre."""
    if not iso3:
        return None
    flat, flon = _float(lat), _float(lon)
    if flat is not None and flon is not None and -90 <= flat <= 90 and -180 <= flon <= 180:
        return flat, flon, False
    spot = places.locate(partner, iso3)
    if spot is not None:
        return spot[0], spot[1], False
    return (*countries.centroid[iso3], True)


def _float(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _join(*parts: np.ndarray | list) -> list[str | None]:
    """Row-wise join of optional texts (``None`` or ``""`` skipped)."""
    out: list[str | None] = []
    for items in zip(*parts, strict=True):
        kept = [p for p in items if p]
        out.append(JOIN.join(kept) if kept else None)
    return out


def _link_id(key: str) -> str:
    """Stable id: a hash of the normalised link, so re-importing an edited file keeps the ids.

    NOTE: not the line number: inserting a row would renumber every link after it.
    """
    return "imp-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class _Read:
    """A table's data rows as a frame (one row per record, short blank runs included) and its remarks."""

    frame: pd.DataFrame
    lines: list[int]
    extra: list[int]
    spans: list[int]
    name: str
    notes: list[str]
    broken: dict[int, str] = field(default_factory=dict)
    line_notes: dict[int, str] = field(default_factory=dict)
    formulas: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    blank_runs: list[tuple[int, int]] = field(default_factory=list)


def _table(source: Source | RawTable | pd.DataFrame, filename: str | None, sheet: str | None, max_bytes: int) -> _Read:
    """The rows to check and what the reading noticed, whatever ``source`` is."""
    if isinstance(source, pd.DataFrame):
        name = filename or source.attrs.get("filename") or "tableau"
        attrs = source.attrs
        frame = source.copy()
        frame.attrs = {}
        frame.columns = [str(c) for c in frame.columns]
        if frame.index.name == S.REPORT_LINE and pd.api.types.is_integer_dtype(frame.index.dtype):
            lines = [int(x) for x in frame.index]
        else:
            lines = list(range(2, len(frame) + 2))
    else:
        raw = source if isinstance(source, RawTable) else read_raw(source, filename, sheet=sheet, max_bytes=max_bytes)
        name = filename or raw.filename
        frame = raw.to_frame(attrs=True)
        attrs = frame.attrs
        frame.attrs = {}
        lines = [int(x) for x in frame.index]
    extra_d, spans_d = attrs.get("extra", {}), attrs.get("spans", {})
    return _Read(
        frame,
        lines,
        [int(extra_d.get(li, 0)) for li in lines],
        [int(spans_d.get(li, 1)) for li in lines],
        Path(str(name)).name,
        list(attrs.get("notes", [])),
        dict(attrs.get("broken", {})),
        dict(attrs.get("line_notes", {})),
        dict(attrs.get("formulas", {})),
        list(attrs.get("blank_runs", [])),
    )


def _mojibake(text: str) -> str | None:
    """A warning when ``text`` looks like UTF-8 read as Windows-1252 (« ZÃ©m »), with the likely spelling."""
    if not _MOJIBAKE.search(text):
        return None
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return t("texte probablement mal encodé : « {text} » (accents illisibles)", text=_short(text))
    return t("texte probablement mal encodé : « {text} » (lire « {fixed} » ?)", text=_short(text), fixed=_short(fixed))


# ---------------------------------------------------------------------------
# The import, in stages: read → map columns → parse values → resolve names → find duplicates → report
# ---------------------------------------------------------------------------
# Each stage is a short function with its inputs and outputs named below; a new stage is one
# function plus one line in ``import_links``. Every per-row result is an array aligned on the file's rows.


@dataclass
class _Columns:
    """Stage « map columns »: which file column feeds which field, and every cell as clean text."""

    fields: dict[str, str]
    ignored: list[str]
    cells: dict[str, pd.Series]
    empty: pd.Series

    def cell(self, fld: str) -> pd.Series:
        """The clean cells of a field, ``""`` everywhere when the file has no such column."""
        return self.cells[self.fields[fld]] if fld in self.fields else self.empty


@dataclass
class _References:
    """The reference tables, as indexes (built once per frame object)."""

    collectivities: CollectivityIndex
    countries: CountryIndex
    places: PlaceIndex


@dataclass
class _Names:
    """Stage « resolve names »: per row, the collectivity's reference row and the partner country."""

    coll_row: np.ndarray
    coll_err: np.ndarray
    coll_sugg: np.ndarray
    coll_warn: np.ndarray
    iso3: np.ndarray
    country_err: np.ndarray
    country_sugg: np.ndarray


@dataclass
class _Values:
    """Stage « parse values »: kind, themes and year per row, each with its warning."""

    kind: np.ndarray
    kind_warn: np.ndarray
    theme: np.ndarray
    theme_warn: np.ndarray
    year: np.ndarray
    year_warn: np.ndarray


@dataclass
class _Places:
    """Where each partner is drawn: coordinates, whether approximate, and a warning."""

    lat: np.ndarray
    lon: np.ndarray
    approx: np.ndarray
    warn: np.ndarray


@dataclass
class _Refusals:
    """Per-row refusals found before the names are resolved: the reason and the file column."""

    error: list[str | None]
    field: list[str | None]


@dataclass
class _Verdict:
    """Status, refused column, reason and suggestions of each row (the duplicates stage updates it)."""

    status: np.ndarray
    field: list[str | None]
    reason: np.ndarray
    suggestions: list[str | None]
    warnings: list[str | None]
    blank: np.ndarray
    duplicate_of: np.ndarray
    link_id: np.ndarray


def map_stage(read: _Read, mapping: Mapping[str, str] | None) -> _Columns:
    """Map the header to fields (raises ``MissingColumns``/``MappingError``) and clean every cell."""
    fields, ignored = map_columns(read.frame.columns, mapping)
    check_required(fields, list(read.frame.columns))
    cells = {c: _text(read.frame[c]) for c in read.frame.columns}
    empty = pd.Series([""] * len(read.frame), index=read.frame.index, dtype=object)
    return _Columns(fields, ignored, cells, empty)


def reference_indexes(
    collectivities: pd.DataFrame | None, countries: pd.DataFrame | None, places: pd.DataFrame | None
) -> _References:
    """The given reference frames, the real ones for those not given (no gazetteer with given collectivities)."""
    if collectivities is None or countries is None:
        ref_coll, ref_countries, ref_places = load_reference()
        collectivities = ref_coll if collectivities is None else collectivities
        if countries is None:
            countries = ref_countries
            places = ref_places if places is None else places
    return _References(
        _index("collectivities", collectivities, CollectivityIndex),
        _index("countries", countries, CountryIndex),
        _index("places", places, PlaceIndex) if places is not None else PlaceIndex(None),
    )


def blank_rows(read: _Read, cols: _Columns) -> np.ndarray:
    """Rows with no text at all, no extra cell, and not marked by the reader (cut record, formula)."""
    blank = np.ones(len(read.frame), dtype=bool)
    for s in cols.cells.values():
        blank &= (s == "").to_numpy()
    blank &= np.asarray(read.extra, dtype=np.int64) == 0
    line_arr = np.asarray(read.lines, dtype=np.int64)
    for marked in (read.broken, read.formulas):
        if marked:
            blank &= ~np.isin(line_arr, list(marked))
    return blank


def resolve_collectivities(cols: _Columns, index: CollectivityIndex) -> tuple[np.ndarray, ...]:
    """(row, error, suggestions, warning) per row: one resolution per distinct (name, type, dép., région, code)."""
    coll_cells = pd.DataFrame(
        {f: cols.cell(f).to_numpy() for f in (S.FR_NAME, S.FR_TYPE, S.FR_DEPARTEMENT, S.FR_REGION, S.FR_CODE)}
    )
    codes, matches = _per_unique(coll_cells, index.resolve)
    return (
        _pick(codes, matches, lambda m: m.row),
        _pick(codes, matches, lambda m: m.error),
        _pick(codes, matches, lambda m: JOIN.join(m.suggestions) or None),
        _pick(codes, matches, lambda m: m.warning),
    )


def resolve_countries(cols: _Columns, index: CountryIndex) -> tuple[np.ndarray, ...]:
    """(ISO3, error, suggestions) per row of the partner country."""
    codes, resolved = _per_unique(cols.cell(S.PARTNER_COUNTRY), index.resolve)
    return (
        _pick(codes, resolved, lambda r: r[0]),
        _pick(codes, resolved, lambda r: r[1].error),
        _pick(codes, resolved, lambda r: JOIN.join(r[1].suggestions) or None),
    )


def _theme_warning(parsed: tuple[str, list[str]]) -> str | None:
    unknown = parsed[1]
    if not unknown:
        return None
    return t(
        "thème(s) hors vocabulaire gardé(s) en « autre » : {themes}",
        themes=", ".join(t("« {text} »", text=_short(x)) for x in unknown),
    )


def parse_values(cols: _Columns) -> _Values:
    """Kind, themes and year of each row, parsed once per distinct cell."""
    codes, kinds = _per_unique(cols.cell(S.KIND), parse_kind)
    kind, kind_warn = _pick(codes, kinds, lambda r: r[0]), _pick(codes, kinds, lambda r: r[1])
    codes, themes = _per_unique(cols.cell(S.THEMES_COL), parse_themes)
    theme, theme_warn = _pick(codes, themes, lambda r: r[0]), _pick(codes, themes, _theme_warning)
    codes, years = _per_unique(cols.cell(S.START_YEAR), parse_year)
    year, year_warn = _pick(codes, years, lambda r: r[0]), _pick(codes, years, lambda r: r[1])
    return _Values(kind, kind_warn, theme, theme_warn, year, year_warn)


def locate_partners(cols: _Columns, iso3: np.ndarray, refs: _References) -> _Places:
    """Partner places: the file's coordinates, else the gazetteer, else the country's centre (approximate)."""
    n = len(cols.empty)
    partner = cols.cell(S.PARTNER_NAME)
    lat, lon = np.full(n, np.nan), np.full(n, np.nan)
    approx = np.ones(n, dtype=bool)
    warn = np.full(n, None, dtype=object)
    located = pd.DataFrame({"p": partner.to_numpy(), "c": pd.Series(iso3, dtype=object).fillna("").to_numpy()})
    if S.PARTNER_LAT in cols.fields and S.PARTNER_LON in cols.fields:
        located["la"], located["lo"] = cols.cell(S.PARTNER_LAT).to_numpy(), cols.cell(S.PARTNER_LON).to_numpy()
    else:
        located["la"] = located["lo"] = ""
    codes, spots = _per_unique(located, lambda p, c, la, lo: _place(refs.places, refs.countries, p, c, la, lo))
    spot = _pick(codes, spots, lambda r: r)
    has = np.array([x is not None for x in spot], dtype=bool)
    lat[has] = [x[0] for x in spot[has]]
    lon[has] = [x[1] for x in spot[has]]
    approx[has] = [x[2] for x in spot[has]]
    warn[has & (partner.to_numpy() == "")] = t("collectivité partenaire non précisée (placée au centre du pays)")
    return _Places(lat, lon, approx, warn)


def reading_warnings(read: _Read, cols: _Columns) -> list[list[str | None]]:
    """Row warnings from the reading itself: extra cells, long records, line notes, mojibake."""
    n = len(read.frame)
    extra = [(t("{n} cellule(s) au-delà des colonnes de l'en-tête ignorée(s)", n=x) if x else None) for x in read.extra]
    spans = [
        (t("enregistrement sur {n} lignes (guillemet non fermé ?)", n=s) if s > LONG_RECORD_LINES else None)
        for s in read.spans
    ]
    nothing: list[str | None] = [None] * n
    line_notes = [read.line_notes.get(li) for li in read.lines] if read.line_notes else nothing
    text_fields = [f for f in (S.FR_NAME, S.PARTNER_NAME, S.DESCRIPTION) if f in cols.fields]
    mojibake = _join(*(_mapped(cols.cell(f), _mojibake) for f in text_fields)) if text_fields else nothing
    return [extra, spans, line_notes, mojibake]


def long_names(read: _Read, cols: _Columns) -> _Refusals:
    """Name cells that cannot be a name (an unclosed quote kept under LONG_RECORD_LINES, shifted columns)."""
    n = len(read.frame)
    out = _Refusals([None] * n, [None] * n)
    lines, spans = read.lines, read.spans
    for f in (S.FR_NAME, S.PARTNER_NAME):
        if f not in cols.fields:
            continue
        sizes = cols.cell(f).str.len().to_numpy()
        for i in np.flatnonzero(sizes > MAX_NAME_CHARS):
            where = (
                t(" (enregistrement des lignes {a} à {b})", a=lines[i], b=lines[i] + spans[i] - 1)
                if spans[i] > 1
                else ""
            )
            out.error[i] = t(
                "{field} : nom invraisemblable de {n} caractères (au plus {limit}){where} ; guillemet non fermé ou "
                "colonnes décalées ?",
                field=t(IMPORT_FIELDS.get(f, f)),
                n=fmt_int(int(sizes[i])),
                limit=MAX_NAME_CHARS,
                where=where,
            )
            out.field[i] = cols.fields[f]
    return out


def formula_cells(read: _Read, cols: _Columns) -> tuple[_Refusals, list[str | None]]:
    """XLSX formulas without a stored value: a refusal when the column is read, else a warning."""
    n = len(read.frame)
    out = _Refusals([None] * n, [None] * n)
    warn: list[str | None] = [None] * n
    if not read.formulas:
        return out, warn
    used = set(cols.fields.values())
    position = {li: i for i, li in enumerate(read.lines)}
    columns = read.frame.columns
    for li, found in read.formulas.items():
        i = position.get(li)
        if i is None:
            continue
        hit = [(columns[ci], ref) for ci, ref in found if ci < len(columns)]
        read_cols = [(c, r) for c, r in hit if c in used]
        if read_cols:
            out.error[i] = JOIN.join(
                t("cellule {ref} (« {column} ») : {why}", ref=r, column=_short(c), why=t(FORMULA_WITHOUT_VALUE))
                for c, r in read_cols
            )
            out.field[i] = JOIN.join(c for c, _ in read_cols)
        elif hit:
            warn[i] = t(
                "cellule(s) {refs} ignorée(s) : {why}", refs=", ".join(r for _, r in hit), why=t(FORMULA_WITHOUT_VALUE)
            )
    return out, warn


def verdict(
    read: _Read, cols: _Columns, blank: np.ndarray, names: _Names, refusals: list[_Refusals], warnings: list[str | None]
) -> _Verdict:
    """Each row accepted, blank or rejected (with the column, the reason and the suggestions)."""
    n = len(read.frame)
    fr_col = cols.fields.get(S.FR_NAME, cols.fields.get(S.FR_CODE, ""))
    country_col = cols.fields[S.PARTNER_COUNTRY]
    line_arr = np.asarray(read.lines, dtype=np.int64)
    broken = np.isin(line_arr, list(read.broken)) if read.broken else np.zeros(n, dtype=bool)
    status = np.full(n, ACCEPTED, dtype=object)
    status[blank] = BLANK
    refused = broken | pd.notna(names.coll_err) | pd.notna(names.country_err)
    for r in refusals:
        refused |= pd.notna(r.error)
    status[~blank & refused] = REJECTED
    field_txt = _join(
        *(r.field for r in refusals),
        [fr_col if e else None for e in names.coll_err], [country_col if e else None for e in names.country_err],
    )  # fmt: skip
    reason = _join(*(r.error for r in refusals), names.coll_err, names.country_err)
    for i in np.flatnonzero(broken):
        # The record was cut back to its first line: its cells are not read at all.
        field_txt[i], reason[i] = t(WHOLE_LINE), read.broken[read.lines[i]]
    reason_arr = np.asarray(reason, dtype=object)
    reason_arr[blank] = t("ligne vide")
    return _Verdict(
        status=status,
        field=field_txt,
        reason=reason_arr,
        suggestions=_join(names.coll_sugg, names.country_sugg),
        warnings=warnings,
        blank=blank,
        duplicate_of=np.full(n, None, dtype=object),
        link_id=np.full(n, None, dtype=object),
    )


def candidate_links(
    ok: np.ndarray, cols: _Columns, index: CollectivityIndex, names: _Names, values: _Values, places: _Places, name: str
) -> pd.DataFrame:
    """The links of the accepted rows ``ok``, in the canonical columns (``link_id`` still empty)."""
    rows = np.array([names.coll_row[i] for i in ok], dtype=np.int64) if len(ok) else np.array([], dtype=np.int64)
    pick = _reference_picker(rows)
    fr_names = cols.cell(S.FR_NAME).to_numpy()[ok]
    fr_names = np.where(fr_names == "", pick(index.names), fr_names) if len(ok) else fr_names
    statuses = [f"statut : {s}" if s else None for s in cols.cell(S.LINK_STATUS).to_numpy()[ok]]
    theme = values.theme[ok]
    return pd.DataFrame(
        {
            S.LINK_ID: pd.Series([""] * len(ok), dtype=object),
            S.FR_CODE: pick(index.codes),
            S.FR_TYPE: pick(index.types),
            S.FR_NAME: fr_names,
            S.FR_DEPARTEMENT: pick(index.deps),
            S.FR_REGION: pick(index.regions),
            S.PARTNER_NAME: cols.cell(S.PARTNER_NAME).to_numpy()[ok],
            S.PARTNER_COUNTRY: names.iso3[ok],
            S.PARTNER_LAT: places.lat[ok],
            S.PARTNER_LON: places.lon[ok],
            S.PARTNER_APPROX: places.approx[ok],
            S.KIND: values.kind[ok],
            # No theme in the file = « non renseigné » (missing), as the schema allows.
            S.THEMES_COL: np.where(theme == "", None, theme) if len(ok) else theme,
            S.START_YEAR: pd.array(list(values.year[ok]), dtype="Int64"),
            S.SOURCE: SOURCE_PREFIX + name,
            S.SOURCE_ROWS: None,
            S.SYNTHETIC: False,
            S.DESCRIPTION: _join(cols.cell(S.DESCRIPTION).to_numpy()[ok], statuses),
        }
    )


def _reference_picker(rows: np.ndarray) -> Callable[[list], np.ndarray]:
    """Values of a reference column at the reference ``rows`` (an empty object array when none)."""

    def pick(values: list) -> np.ndarray:
        return np.asarray(values, dtype=object)[rows] if len(rows) else np.array([], dtype=object)

    return pick


def duplicate_keys(links: pd.DataFrame) -> pd.Series:
    """Same collectivity (type + code), partner (folded), country, kind, themes (any order) and year."""
    partner_key = _mapped(links[S.PARTNER_NAME], fold)
    themes_key = _mapped(links[S.THEMES_COL].fillna(""), lambda th: S.THEME_SEP.join(sorted(S.split_themes(th))))
    years = links[S.START_YEAR].astype(object).where(links[S.START_YEAR].notna(), None)
    return pd.Series(
        [
            "\x1f".join((t, c, p, k, kd, th, str(y)))
            for t, c, p, k, kd, th, y in zip(
                links[S.FR_TYPE], links[S.FR_CODE], partner_key, links[S.PARTNER_COUNTRY],
                links[S.KIND], themes_key, years, strict=True,
            )
        ],
        dtype=object,
    )  # fmt: skip


def find_duplicates(
    links: pd.DataFrame, ok: np.ndarray, lines: np.ndarray, v: _Verdict
) -> tuple[pd.DataFrame, np.ndarray]:
    """Mark repeats of an earlier accepted row as duplicates (pointing to it).

    ``links`` are the candidate links of the rows ``ok`` (positions in the file); returns the
    kept links, with their ids, and their rows.
    """
    key = duplicate_keys(links)
    first_line = pd.Series(lines[ok]).groupby(key.to_numpy()).transform("first").to_numpy() if len(ok) else lines[ok]
    dup = key.duplicated(keep="first").to_numpy()
    v.duplicate_of[ok[dup]] = first_line[dup]
    v.status[ok[dup]] = DUPLICATE
    v.reason[ok[dup]] = [t("doublon de la ligne {line}", line=x) for x in first_line[dup]]
    links[S.LINK_ID] = key.map(_link_id).to_numpy() if len(links) else []
    return links.loc[~dup].reset_index(drop=True), ok[~dup]


def validate_stage(links: pd.DataFrame, kept_rows: np.ndarray, v: _Verdict) -> pd.DataFrame:
    """Schema-checked links; a row the schema still refuses is rejected in the report, not the whole file."""
    links, invalid = _validate(links)
    for j, why in invalid.items():
        i = kept_rows[j]
        v.status[i] = REJECTED
        v.reason[i] = t("ligne invalide après normalisation : {why}", why=why)
    if len(links):
        valid_rows = np.delete(kept_rows, list(invalid)) if invalid else kept_rows
        v.link_id[valid_rows] = links[S.LINK_ID].to_numpy()
    return links


def _where(mask: np.ndarray, values: list[str | None]) -> np.ndarray:
    """``values`` where ``mask`` is true, ``None`` elsewhere (an object array)."""
    out = np.full(len(mask), None, dtype=object)
    out[mask] = np.asarray(values, dtype=object)[mask]
    return out


def build_report(read: _Read, v: _Verdict) -> tuple[pd.DataFrame, int]:
    """One report row per data row, plus one per long run of blank lines: (report, lines collapsed)."""
    rejected = np.asarray(v.status == REJECTED, dtype=bool)
    report = pd.DataFrame(
        {
            S.REPORT_LINE: pd.array(read.lines, dtype="Int64"),
            S.REPORT_STATUS: pd.Series(v.status, dtype=object),
            S.REPORT_FIELD: pd.Series(_where(rejected, v.field), dtype=object),
            S.REPORT_REASON: pd.Series(v.reason, dtype=object),
            S.REPORT_SUGGESTIONS: pd.Series(_where(rejected, v.suggestions), dtype=object),
            S.REPORT_WARNINGS: pd.Series(_where(~v.blank, v.warnings), dtype=object),
            S.REPORT_DUPLICATE_OF: pd.array(list(v.duplicate_of), dtype="Int64"),
            S.REPORT_LINK_ID: pd.Series(v.link_id, dtype=object),
        }
    )
    collapsed = 0
    if read.blank_runs:
        k = len(read.blank_runs)
        runs = pd.DataFrame({col: pd.Series([None] * k, dtype=report[col].dtype) for col in report.columns})
        runs[S.REPORT_LINE] = pd.array([a for a, _ in read.blank_runs], dtype="Int64")
        runs[S.REPORT_STATUS] = BLANK
        runs[S.REPORT_REASON] = [
            t("lignes vides {a} à {b} ({n} lignes)", a=a, b=b, n=fmt_int(b - a + 1)) for a, b in read.blank_runs
        ]
        report = pd.concat([report, runs], ignore_index=True).sort_values(S.REPORT_LINE, kind="stable")
        report = report.reset_index(drop=True)
        collapsed = sum(b - a for a, b in read.blank_runs)
    for col, spec in S.REPORT_COLUMNS.items():
        if spec.dtype == "str":
            report[col] = report[col].astype("str") if not spec.nullable else report[col].astype(object)
    return report, collapsed


def summarise(read: _Read, report: pd.DataFrame, links: pd.DataFrame, collapsed: int) -> ImportSummary:
    """The report's counts; raises :class:`ImportInconsistent` if they disagree with the links."""
    status = report[S.REPORT_STATUS]
    counts = status.value_counts()
    summary = ImportSummary(
        rows=len(read.frame) + sum(b - a + 1 for a, b in read.blank_runs),
        accepted=int(counts.get(ACCEPTED, 0)),
        duplicates=int(counts.get(DUPLICATE, 0)),
        rejected=int(counts.get(REJECTED, 0)),
        blank=int(counts.get(BLANK, 0)) + collapsed,
        with_warnings=int((report[S.REPORT_WARNINGS].notna() & (status == ACCEPTED)).sum()),
        approximate=int(links[S.PARTNER_APPROX].sum()) if len(links) else 0,
        collapsed=collapsed,
    )
    if summary.accepted != len(links):
        raise ImportInconsistent(
            f"le rapport compte {summary.accepted} lignes acceptées pour {len(links)} liens importés"
        )
    return summary


def import_links(
    source: Source | RawTable | pd.DataFrame,
    *,
    filename: str | None = None,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    collectivities: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportResult:
    """Read, map, normalise and check a links file; see the package docstring.

    ``source``: a path, bytes, a binary file object (a Streamlit upload) or a frame from
    :func:`read_table`. Reference frames default to the real ones (``data/reference``);
    when ``collectivities`` is given and ``places`` is not, no gazetteer is used.
    Raises :class:`ImportFileError` when the file as a whole cannot be used.
    """
    report_progress = progress or (lambda _f: None)
    report_progress(0.0)
    read = _table(source, filename, sheet, max_bytes)
    report_progress(0.2)
    cols = map_stage(read, mapping)
    refs = reference_indexes(collectivities, countries, places)
    blank = blank_rows(read, cols)
    # Suggestions share one time budget per import: past it, unknown names are still
    # rejected, with « pas de suggestion calculée (trop de noms inconnus) ».
    budget = suggestion_budget(SUGGESTION_SECONDS)
    with budget:
        coll = resolve_collectivities(cols, refs.collectivities)
    report_progress(0.5)
    with budget:
        country = resolve_countries(cols, refs.countries)
    names = _Names(*coll, *country)
    report_progress(0.6)
    values = parse_values(cols)
    report_progress(0.7)
    spots = locate_partners(cols, names.iso3, refs)
    report_progress(0.8)
    read_warn = reading_warnings(read, cols)
    formulas, formula_warn = formula_cells(read, cols)
    warnings = _join(
        names.coll_warn, values.kind_warn, values.theme_warn, values.year_warn, spots.warn, *read_warn, formula_warn
    )
    v = verdict(read, cols, blank, names, [long_names(read, cols), formulas], warnings)

    ok = np.flatnonzero(v.status == ACCEPTED)
    links = candidate_links(ok, cols, refs.collectivities, names, values, spots, read.name)
    lines = np.asarray(read.lines, dtype=np.int64)
    links, kept_rows = find_duplicates(links, ok, lines, v)
    links = validate_stage(links, kept_rows, v)
    report_progress(0.95)

    report, collapsed = build_report(read, v)
    summary = summarise(read, report, links, collapsed)
    notes = read.notes
    if cols.ignored:
        notes.append(
            t(
                "colonnes ignorées : {columns}",
                columns=", ".join(t("« {text} »", text=_short(c)) for c in cols.ignored[:20]),
            )
        )
    report_progress(1.0)
    return ImportResult(links, report, summary, read.name, dict(cols.fields), cols.ignored, notes)


def _validate(links: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """Validated links, plus ``{position: reason}`` of rows the schema still refuses.

    NOTE: every value is checked before this point, so the second part should stay
    empty; it exists so that a normalisation bug costs a row, not the whole import.
    """
    import pandera.errors  # Here: the schema imports pandera on first use only

    if links.empty:
        return S.empty_links(), {}
    try:
        return S.validate_links(links), {}
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        bad: dict[int, str] = {}
        for idx, col, check in zip(cases["index"], cases["column"], cases["check"], strict=True):
            if pd.notna(idx):
                bad.setdefault(int(idx), f"{col} : {check}")
        if not bad:
            raise
        kept = links.drop(index=list(bad)).reset_index(drop=True)
        return (S.validate_links(kept) if len(kept) else S.empty_links()), bad
