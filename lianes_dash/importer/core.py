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
import pandera.errors

from lianes_dash import schema as S
from lianes_dash.importer.errors import _short
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
from lianes_dash.text import fmt_int, fold, plural

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
# NOTE: « Ã » or « Â » followed by what cp1252 shows for a UTF-8 continuation byte: UTF-8 read as cp1252.
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
        head = f"{filename} : " if filename else ""
        # NOTE: the warnings are counted on the accepted rows and said right after them, so that
        # « 3 rejetées (1 avec avertissement) » can no longer read as a warning on a rejected row.
        warned = f" dont {fmt_int(self.with_warnings)} avec avertissement" if self.with_warnings else ""
        if self.with_warnings > 1:
            warned += "s"
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

    Raises ``lianes_dash.data.DataFileError`` when collectivities or countries are missing;
    a missing gazetteer only means partners are placed at their country's centre.
    """
    from lianes_dash import data

    root = base or data.data_dir()
    stamps = tuple(
        (root / f).stat().st_mtime if (root / f).exists() else None
        for f in (data.COLLECTIVITIES_FILE, data.COUNTRIES_FILE, data.PLACES_FILE)
    )
    return _load_reference(root, stamps)


@functools.lru_cache(maxsize=2)
def _load_reference(root: Path, _stamps: tuple) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    from lianes_dash import data

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


def _per_unique(values: pd.Series | pd.DataFrame, func: Callable[..., Any]) -> tuple[np.ndarray, list[Any]]:
    """``func`` applied once per distinct value (or row of values): (codes per row, results)."""
    if isinstance(values, pd.DataFrame):
        codes, uniques = pd.factorize(pd.MultiIndex.from_frame(values))
        results = [func(*u) for u in uniques]
    else:
        codes, uniques = pd.factorize(values)
        results = [func(u) for u in uniques]
    return codes, results


def _pick(codes: np.ndarray, results: list[Any], getter: Callable[[Any], Any]) -> np.ndarray:
    table = np.empty(len(results) + 1, dtype=object)
    table[:-1] = [getter(r) for r in results]
    table[-1] = None
    return table[np.where(codes < 0, len(results), codes)]


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


def _mapped(series: pd.Series, func: Callable[[Any], Any]) -> np.ndarray:
    """``func`` applied once per distinct value of ``series``, as an object array."""
    codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    table = np.array([func(u) for u in uniques] + [None], dtype=object)
    return table[codes]


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
        return f"texte probablement mal encodé : « {_short(text)} » (accents illisibles)"
    return f"texte probablement mal encodé : « {_short(text)} » (lire « {_short(fixed)} » ?)"


# ---------------------------------------------------------------------------
# The import
# ---------------------------------------------------------------------------
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
    frame, lines, extra, spans, name, notes = read.frame, read.lines, read.extra, read.spans, read.name, read.notes
    report_progress(0.2)
    fields, ignored = map_columns(frame.columns, mapping)
    check_required(fields, list(frame.columns))
    if collectivities is None or countries is None:
        ref_coll, ref_countries, ref_places = load_reference()
        collectivities = ref_coll if collectivities is None else collectivities
        if countries is None:
            countries = ref_countries
            places = ref_places if places is None else places
    coll_index: CollectivityIndex = _index("collectivities", collectivities, CollectivityIndex)
    country_index: CountryIndex = _index("countries", countries, CountryIndex)

    n = len(frame)
    cells = {c: _text(frame[c]) for c in frame.columns}
    empty = pd.Series([""] * n, index=frame.index, dtype=object)

    def cell(fld: str) -> pd.Series:
        return cells[fields[fld]] if fld in fields else empty

    blank = np.ones(n, dtype=bool)
    for s in cells.values():
        blank &= (s == "").to_numpy()
    blank &= np.asarray(extra, dtype=np.int64) == 0
    line_arr = np.asarray(lines, dtype=np.int64)
    for marked in (read.broken, read.formulas):
        if marked:
            blank &= ~np.isin(line_arr, list(marked))

    # French collectivity: one resolution per distinct (name, type, département, région, code).
    coll_cells = pd.DataFrame(
        {f: cell(f).to_numpy() for f in (S.FR_NAME, S.FR_TYPE, S.FR_DEPARTEMENT, S.FR_REGION, S.FR_CODE)}
    )
    # NOTE: suggestions share one time budget per import: past it, unknown names are still
    # rejected, with « pas de suggestion calculée (trop de noms inconnus) ».
    budget = suggestion_budget(SUGGESTION_SECONDS)
    with budget:
        codes, matches = _per_unique(coll_cells, coll_index.resolve)
    coll_row = _pick(codes, matches, lambda m: m.row)
    coll_err = _pick(codes, matches, lambda m: m.error)
    coll_sugg = _pick(codes, matches, lambda m: JOIN.join(m.suggestions) or None)
    coll_warn = _pick(codes, matches, lambda m: m.warning)
    report_progress(0.5)

    # Partner country.
    with budget:
        codes, resolved = _per_unique(cell(S.PARTNER_COUNTRY), country_index.resolve)
    iso3 = _pick(codes, resolved, lambda r: r[0])
    country_err = _pick(codes, resolved, lambda r: r[1].error)
    country_sugg = _pick(codes, resolved, lambda r: JOIN.join(r[1].suggestions) or None)
    report_progress(0.6)

    # Kind, themes, year.
    codes, kinds = _per_unique(cell(S.KIND), parse_kind)
    kind = _pick(codes, kinds, lambda r: r[0])
    kind_warn = _pick(codes, kinds, lambda r: r[1])
    codes, themes = _per_unique(cell(S.THEMES_COL), parse_themes)
    theme = _pick(codes, themes, lambda r: r[0])
    theme_warn = _pick(
        codes,
        themes,
        lambda r: (
            ("thème(s) hors vocabulaire gardé(s) en « autre » : " + ", ".join(f"« {_short(t)} »" for t in r[1]))
            if r[1]
            else None
        ),
    )
    codes, years = _per_unique(cell(S.START_YEAR), parse_year)
    year = _pick(codes, years, lambda r: r[0])
    year_warn = _pick(codes, years, lambda r: r[1])
    report_progress(0.7)

    # Partner place: the file's coordinates, else the gazetteer, else the country's centre.
    partner = cell(S.PARTNER_NAME)
    place_index: PlaceIndex = _index("places", places, PlaceIndex) if places is not None else PlaceIndex(None)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    approx = np.ones(n, dtype=bool)
    place_warn = np.full(n, None, dtype=object)
    located = pd.DataFrame({"p": partner.to_numpy(), "c": pd.Series(iso3, dtype=object).fillna("").to_numpy()})
    if S.PARTNER_LAT in fields and S.PARTNER_LON in fields:
        located["la"], located["lo"] = cell(S.PARTNER_LAT).to_numpy(), cell(S.PARTNER_LON).to_numpy()
    else:
        located["la"] = located["lo"] = ""
    codes, spots = _per_unique(located, lambda p, c, la, lo: _place(place_index, country_index, p, c, la, lo))
    spot = _pick(codes, spots, lambda r: r)
    has = np.array([x is not None for x in spot], dtype=bool)
    lat[has] = [x[0] for x in spot[has]]
    lon[has] = [x[1] for x in spot[has]]
    approx[has] = [x[2] for x in spot[has]]
    no_partner = has & (partner.to_numpy() == "")
    place_warn[no_partner] = "collectivité partenaire non précisée (placée au centre du pays)"
    report_progress(0.8)

    # Row-level remarks from the reading itself.
    read_warn = [(f"{x} cellule(s) au-delà des colonnes de l'en-tête ignorée(s)" if x else None) for x in extra]
    span_warn = [
        (f"enregistrement sur {s} lignes (guillemet non fermé ?)" if s > LONG_RECORD_LINES else None) for s in spans
    ]
    line_warn = [read.line_notes.get(li) for li in lines] if read.line_notes else [None] * n
    text_fields = [f for f in (S.FR_NAME, S.PARTNER_NAME, S.DESCRIPTION) if f in fields]
    mojibake_warn = _join(*(_mapped(cell(f), _mojibake) for f in text_fields)) if text_fields else [None] * n

    # Cells that cannot be a name (an unclosed quote kept under LONG_RECORD_LINES, shifted columns).
    long_err: list[str | None] = [None] * n
    long_field: list[str | None] = [None] * n
    for f in (S.FR_NAME, S.PARTNER_NAME):
        if f not in fields:
            continue
        sizes = cell(f).str.len().to_numpy()
        for i in np.flatnonzero(sizes > MAX_NAME_CHARS):
            where = f" (enregistrement des lignes {lines[i]} à {lines[i] + spans[i] - 1})" if spans[i] > 1 else ""
            long_err[i] = (
                f"{IMPORT_FIELDS.get(f, f)} : nom invraisemblable de {fmt_int(int(sizes[i]))} caractères "
                f"(au plus {MAX_NAME_CHARS}){where} ; guillemet non fermé ou colonnes décalées ?"
            )
            long_field[i] = fields[f]
    # XLSX formulas without a stored value: a refusal when the column is read, else a warning.
    formula_err: list[str | None] = [None] * n
    formula_field: list[str | None] = [None] * n
    formula_warn: list[str | None] = [None] * n
    if read.formulas:
        used = set(fields.values())
        position = {li: i for i, li in enumerate(lines)}
        for li, found in read.formulas.items():
            i = position.get(li)
            if i is None:
                continue
            hit = [(frame.columns[ci], ref) for ci, ref in found if ci < len(frame.columns)]
            read_cols = [(c, r) for c, r in hit if c in used]
            if read_cols:
                formula_err[i] = JOIN.join(
                    f"cellule {r} (« {_short(c)} ») : {FORMULA_WITHOUT_VALUE}" for c, r in read_cols
                )
                formula_field[i] = JOIN.join(c for c, _ in read_cols)
            elif hit:
                formula_warn[i] = (
                    "cellule(s) " + ", ".join(r for _, r in hit) + f" ignorée(s) : {FORMULA_WITHOUT_VALUE}"
                )
    warnings = _join(
        coll_warn, kind_warn, theme_warn, year_warn, place_warn, read_warn, span_warn, line_warn, mojibake_warn,
        formula_warn,
    )  # fmt: skip

    fr_col = fields.get(S.FR_NAME, fields.get(S.FR_CODE, ""))
    country_col = fields[S.PARTNER_COUNTRY]
    status = np.full(n, ACCEPTED, dtype=object)
    status[blank] = BLANK
    broken = np.isin(line_arr, list(read.broken)) if read.broken else np.zeros(n, dtype=bool)
    bad = ~blank & (pd.notna(coll_err) | pd.notna(country_err) | pd.notna(long_err) | pd.notna(formula_err) | broken)
    status[bad] = REJECTED
    field_txt = _join(
        long_field, formula_field,
        [fr_col if e else None for e in coll_err], [country_col if e else None for e in country_err],
    )  # fmt: skip
    reason = _join(long_err, formula_err, coll_err, country_err)
    for i in np.flatnonzero(broken):
        # NOTE: the record was cut back to its first line: its cells are not read at all.
        field_txt[i], reason[i] = WHOLE_LINE, read.broken[lines[i]]
    suggestions = _join(coll_sugg, country_sugg)

    # Links of the candidate rows.
    ok = np.flatnonzero(status == ACCEPTED)
    rows = np.array([coll_row[i] for i in ok], dtype=np.int64) if len(ok) else np.array([], dtype=np.int64)
    pick = lambda values: np.asarray(values, dtype=object)[rows] if len(rows) else np.array([], dtype=object)  # noqa: E731
    fr_names = cell(S.FR_NAME).to_numpy()[ok]
    official = pick(coll_index.names)
    fr_names = np.where(fr_names == "", official, fr_names) if len(ok) else fr_names
    descr = _join(
        cell(S.DESCRIPTION).to_numpy()[ok], [f"statut : {s}" if s else None for s in cell(S.LINK_STATUS).to_numpy()[ok]]
    )
    links = pd.DataFrame(
        {
            S.LINK_ID: pd.Series([""] * len(ok), dtype=object),
            S.FR_CODE: pick(coll_index.codes),
            S.FR_TYPE: pick(coll_index.types),
            S.FR_NAME: fr_names,
            S.FR_DEPARTEMENT: pick(coll_index.deps),
            S.FR_REGION: pick(coll_index.regions),
            S.PARTNER_NAME: partner.to_numpy()[ok],
            S.PARTNER_COUNTRY: iso3[ok],
            S.PARTNER_LAT: lat[ok],
            S.PARTNER_LON: lon[ok],
            S.PARTNER_APPROX: approx[ok],
            S.KIND: kind[ok],
            # NOTE: no theme in the file = « non renseigné » (missing), as the schema allows.
            S.THEMES_COL: np.where(theme[ok] == "", None, theme[ok]) if len(ok) else theme[ok],
            S.START_YEAR: pd.array(list(year[ok]), dtype="Int64"),
            S.SOURCE: SOURCE_PREFIX + name,
            S.SOURCE_ROWS: None,
            S.SYNTHETIC: False,
            S.DESCRIPTION: descr,
        }
    )
    # Duplicates: same collectivity, partner, country, kind, themes (in any order) and year.
    partner_key = _mapped(links[S.PARTNER_NAME], fold)
    themes_key = _mapped(links[S.THEMES_COL].fillna(""), lambda th: S.THEME_SEP.join(sorted(S.split_themes(th))))
    key = pd.Series(
        [
            "\x1f".join((t, c, p, k, kd, th, str(y)))
            for t, c, p, k, kd, th, y in zip(
                pick(coll_index.types), pick(coll_index.codes), partner_key, iso3[ok],
                kind[ok], themes_key, year[ok], strict=True,
            )
        ],
        dtype=object,
    )  # fmt: skip
    first_line = (
        pd.Series(line_arr[ok]).groupby(key.to_numpy()).transform("first").to_numpy() if len(ok) else line_arr[ok]
    )
    dup = key.duplicated(keep="first").to_numpy()
    duplicate_of = np.full(n, None, dtype=object)
    duplicate_of[ok[dup]] = first_line[dup]
    status[ok[dup]] = DUPLICATE
    reason_arr = np.asarray(reason, dtype=object)
    reason_arr[ok[dup]] = [f"doublon de la ligne {x}" for x in first_line[dup]]
    reason_arr[blank] = "ligne vide"
    links[S.LINK_ID] = key.map(_link_id).to_numpy() if len(links) else []
    keep = ~dup
    links = links.loc[keep].reset_index(drop=True)
    kept_rows = ok[keep]
    links, invalid = _validate(links)
    for j, why in invalid.items():
        i = kept_rows[j]
        status[i] = REJECTED
        reason_arr[i] = f"ligne invalide après normalisation : {why}"
    link_id = np.full(n, None, dtype=object)
    if len(links):
        valid_rows = np.delete(kept_rows, list(invalid)) if invalid else kept_rows
        link_id[valid_rows] = links[S.LINK_ID].to_numpy()
    report_progress(0.95)

    report = pd.DataFrame(
        {
            S.REPORT_LINE: pd.array(lines, dtype="Int64"),
            S.REPORT_STATUS: pd.Series(status, dtype=object),
            S.REPORT_FIELD: pd.Series(
                np.where(status == REJECTED, np.asarray(field_txt, dtype=object), None), dtype=object
            ),
            S.REPORT_REASON: pd.Series(reason_arr, dtype=object),
            S.REPORT_SUGGESTIONS: pd.Series(
                np.where(status == REJECTED, np.asarray(suggestions, dtype=object), None), dtype=object
            ),
            S.REPORT_WARNINGS: pd.Series(np.where(blank, None, np.asarray(warnings, dtype=object)), dtype=object),
            S.REPORT_DUPLICATE_OF: pd.array(list(duplicate_of), dtype="Int64"),
            S.REPORT_LINK_ID: pd.Series(link_id, dtype=object),
        }
    )
    collapsed = 0
    if read.blank_runs:
        k = len(read.blank_runs)
        runs = pd.DataFrame({col: pd.Series([None] * k, dtype=report[col].dtype) for col in report.columns})
        runs[S.REPORT_LINE] = pd.array([a for a, _ in read.blank_runs], dtype="Int64")
        runs[S.REPORT_STATUS] = BLANK
        runs[S.REPORT_REASON] = [f"lignes vides {a} à {b} ({fmt_int(b - a + 1)} lignes)" for a, b in read.blank_runs]
        report = pd.concat([report, runs], ignore_index=True).sort_values(S.REPORT_LINE, kind="stable")
        report = report.reset_index(drop=True)
        collapsed = sum(b - a for a, b in read.blank_runs)
    for col, spec in S.REPORT_COLUMNS.items():
        if spec.dtype == "str":
            report[col] = report[col].astype("str") if not spec.nullable else report[col].astype(object)
    counts = report[S.REPORT_STATUS].value_counts()
    accepted_mask = report[S.REPORT_STATUS] == ACCEPTED
    summary = ImportSummary(
        rows=n + sum(b - a + 1 for a, b in read.blank_runs),
        accepted=int(counts.get(ACCEPTED, 0)),
        duplicates=int(counts.get(DUPLICATE, 0)),
        rejected=int(counts.get(REJECTED, 0)),
        blank=int(counts.get(BLANK, 0)) + collapsed,
        with_warnings=int((report[S.REPORT_WARNINGS].notna() & (report[S.REPORT_STATUS] == ACCEPTED)).sum()),
        approximate=int(links[S.PARTNER_APPROX].sum()) if len(links) else 0,
        collapsed=collapsed,
    )
    assert summary.accepted == int(accepted_mask.sum()) == len(links)
    if ignored:
        notes.append("colonnes ignorées : " + ", ".join(f"« {_short(c)} »" for c in ignored[:20]))
    report_progress(1.0)
    return ImportResult(links, report, summary, name, dict(fields), ignored, notes)


def _validate(links: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """Validated links, plus ``{position: reason}`` of rows the schema still refuses.

    NOTE: every value is checked before this point, so the second part should stay
    empty; it exists so that a normalisation bug costs a row, not the whole import.
    """
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
