"""Reading a user's file into a table of strings, keeping each record's physical line number.

CSV (``,`` ``;`` or tab; UTF-8, UTF-8 with BOM, UTF-16 with or without BOM, Windows-1252 or
Latin-1, all detected, line by line when a file mixes them) and XLSX (first sheet or a named
one). Every cell comes back as a ``str`` (``""`` when empty) so that nothing is guessed at
this stage: the normalisation decides.

Resources are bounded by the *useful* content, not by the file: lines are decoded and
parsed one at a time (the file is never split into a list of lines), blank lines are
counted as runs ``(first, last)`` and never materialised, and reading stops with a French
refusal as soon as the file holds more data rows than :data:`MAX_ROWS`. A quoted record
that swallows following lines (an unclosed ``"``) is cut back to its first line, reported,
and the lines after it are read again as records.

NOTE: no pandas at module level: ``python -m lianes_dash import empty.csv`` must say
« vide » without paying for pandas, pandera or the reference data.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from lianes_dash.importer.errors import EmptyFile, FileTooLarge, TooManyRows, UnreadableFile, _short
from lianes_dash.text.i18n import t

if TYPE_CHECKING:
    import pandas as pd


def _setting(name: str, default: int) -> int:
    """An integer limit from the environment (``LIANES_IMPORT_…``), else its default."""
    try:
        return int(os.environ.get(name, "").replace("_", "").replace(" ", "") or default)
    except ValueError:
        return default


#: Default size limit of an imported file, checked before reading it: 50 Mo of 1 048 576 octets,
#: the value and the unit of Streamlit's ``server.maxUploadSize`` (the import page passes that
#: setting itself, so the browser's check, the page's text and the importer say one number).
DEFAULT_MAX_MB = 50
DEFAULT_MAX_BYTES = DEFAULT_MAX_MB * 1024 * 1024
#: More data rows than this is not a links export (the whole national Atlas holds ~13 000):
#: the file is refused as soon as the reader counts one more (setting ``LIANES_IMPORT_MAX_ROWS``).
MAX_ROWS = _setting("LIANES_IMPORT_MAX_ROWS", 100_000)
#: A header with more columns than this is not a links table (setting ``LIANES_IMPORT_MAX_COLUMNS``).
MAX_COLUMNS = _setting("LIANES_IMPORT_MAX_COLUMNS", 500)
#: An XLSX may inflate to at most this many times the size limit once unzipped (zip bombs).
MAX_XLSX_INFLATION = 20
#: Share of control characters above which a « text » file is taken for binary.
BINARY_CONTROL_SHARE = 0.05
#: A CSV record spanning more lines than this hides an unclosed quote: it is cut back to its
#: first line (rejected) and the lines after it are read again.
LONG_RECORD_LINES = 20
#: A run of more blank lines than this takes one report row naming its range (else one per line).
BLANK_RUN_DETAIL = 10

SEPARATORS: tuple[str, ...] = (";", ",", "\t")
SEPARATOR_NAMES = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# NOTE: the csv module's per-field limit (128 KiB) would turn one long description cell
# into an error for the whole file. The limit is process-global; raising it is harmless
# because our own byte limit bounds every field anyway.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))

Source = str | os.PathLike | bytes | bytearray | IO[bytes]

FORMULA_WITHOUT_VALUE = "formule sans valeur calculée (ouvrez et enregistrez le fichier dans un tableur)"


@dataclass
class RawTable:
    """What a file holds, before any interpretation.

    ``rows[i]`` is the record starting on physical line ``lines[i]`` (the header is on
    ``header_line``, usually 1); ``extra[i]`` counts its non-empty cells beyond the header,
    ``spans[i]`` the physical lines it covers. Sparse remarks, keyed by line number:
    ``broken`` (records cut back, e.g. an unclosed quote: rejected with this reason),
    ``line_notes`` (a warning for the row, e.g. decoded with the fallback encoding),
    ``formulas`` (XLSX cells holding a formula without a stored value: column index and
    cell reference). ``blank_runs`` are the blank lines between data rows, as
    ``(first, last)`` line ranges: counted, never materialised.
    """

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    extra: list[int]
    spans: list[int]
    filename: str
    header_line: int = 1
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)
    broken: dict[int, str] = field(default_factory=dict)
    line_notes: dict[int, str] = field(default_factory=dict)
    formulas: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    blank_runs: list[tuple[int, int]] = field(default_factory=list)

    @property
    def blank_lines(self) -> int:
        return sum(b - a + 1 for a, b in self.blank_runs)

    def to_frame(self, attrs: bool = True) -> pd.DataFrame:
        """The rows as a DataFrame of ``str``, indexed by line number.

        Blank lines of short runs come back as rows of ``""`` (a caller can report them);
        long runs stay ranges in ``attrs["blank_runs"]``.
        NOTE: ``attrs`` are deep-copied by pandas on every operation, so they only hold
        the *sparse* remarks (lines with cut cells or long records), never one per row.
        """
        import pandas as pd

        from lianes_dash.dataset import schema as S

        rows, lines = self.rows, self.lines
        short = [(a, b) for a, b in self.blank_runs if b - a + 1 <= BLANK_RUN_DETAIL]
        if short:
            empty = [""] * len(self.header)
            pairs = sorted(
                itertools.chain(
                    zip(lines, rows, strict=True), ((li, empty) for a, b in short for li in range(a, b + 1))
                ),
                key=lambda p: p[0],
            )
            lines, rows = [p[0] for p in pairs], [p[1] for p in pairs]
        if rows:
            df = pd.DataFrame(rows, columns=self.header, dtype=object)
        else:
            df = pd.DataFrame({c: pd.Series(dtype=object) for c in self.header})
        df.index = pd.Index(lines, name=S.REPORT_LINE, dtype="int64")
        if not attrs:
            return df
        df.attrs.update(
            filename=self.filename,
            encoding=self.encoding,
            separator=self.separator,
            sheet=self.sheet,
            header_line=self.header_line,
            notes=list(self.notes),
            extra={li: x for li, x in zip(self.lines, self.extra, strict=True) if x},
            spans={li: n for li, n in zip(self.lines, self.spans, strict=True) if n > 1},
            broken=dict(self.broken),
            line_notes=dict(self.line_notes),
            formulas={li: list(v) for li, v in self.formulas.items()},
            blank_runs=[r for r in self.blank_runs if r[1] - r[0] + 1 > BLANK_RUN_DETAIL],
        )
        return df


def source_name(source: Source, filename: str | None = None) -> str:
    """The file name to show and to store in ``S.SOURCE`` (an upload has a ``.name``)."""
    if filename:
        return Path(str(filename)).name
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    name = getattr(source, "name", None)
    return Path(str(name)).name if name else "fichier importé"


def _size_of(source: Source) -> int | None:
    """Size in bytes without reading the content (stat, len, ``.size`` of an upload, seek)."""
    if isinstance(source, bytes | bytearray):
        return len(source)
    if isinstance(source, str | os.PathLike):
        return os.stat(source).st_size
    size = getattr(source, "size", None)
    if isinstance(size, int):
        return size
    try:
        pos = source.tell()
        end = source.seek(0, io.SEEK_END)
        source.seek(pos)
        return end - pos
    except (AttributeError, OSError, ValueError):
        return None


def read_bytes(source: Source, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw content, after checking the size limit *before* reading.

    NOTE: a stream without a knowable size is read at most ``max_bytes + 1`` bytes,
    so a 200 MB upload never lands in memory whole.
    """
    name = source_name(source, filename)
    try:
        size = _size_of(source)
    except OSError as exc:
        raise UnreadableFile(
            t("Impossible d'ouvrir « {name} » : {reason}.", name=name, reason=exc.strerror or exc)
        ) from exc
    if size is not None and size > max_bytes:
        raise FileTooLarge(size, max_bytes, name)
    try:
        if isinstance(source, bytes | bytearray):
            data = bytes(source)
        elif isinstance(source, str | os.PathLike):
            if os.path.isdir(source):
                raise UnreadableFile(t("« {name} » est un dossier, pas un fichier.", name=name))
            with open(source, "rb") as fh:
                data = fh.read(max_bytes + 1)
        else:
            data = source.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFile(
            t("Impossible de lire « {name} » : {reason}.", name=name, reason=exc.strerror or exc)
        ) from exc
    if not isinstance(data, bytes | bytearray):
        raise UnreadableFile(t("« {name} » n'a pas été ouvert en mode binaire.", name=name))
    if len(data) > max_bytes:
        raise FileTooLarge(len(data), max_bytes, name)
    return bytes(data)


def read_raw(
    source: Source, filename: str | None = None, *, sheet: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> RawTable:
    """Read a CSV or XLSX file into a :class:`RawTable` (see :func:`read_table`)."""
    name = source_name(source, filename)
    data = read_bytes(source, name, max_bytes)
    if not data.strip():
        raise EmptyFile(t("Le fichier « {name} » est vide.", name=name))
    suffix = Path(name).suffix.lower()
    if data.startswith(_OLE_MAGIC) or suffix == ".xls":
        raise UnreadableFile(
            t(
                "« {name} » est au format Excel 97-2003 (.xls), non pris en charge : enregistrez-le en .xlsx ou en CSV.",
                name=name,
            )
        )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, name, sheet, max_bytes)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        raise UnreadableFile(t("« {name} » n'est pas un classeur .xlsx valide.", name=name))
    return _read_csv(data, name)


def read_table(
    source: Source, filename: str | None = None, *, sheet: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> pd.DataFrame:
    """The file's data rows as strings, indexed by their line number, header as columns.

    Blank records are kept (all cells ``""``) so that a caller can report them.
    ``df.attrs`` holds ``filename``, ``encoding``, ``separator``, ``sheet`` and ``notes``.
    Raises :class:`ImportFileError` subclasses (too large, empty, unreadable).
    """
    return read_raw(source, filename, sheet=sheet, max_bytes=max_bytes).to_frame()


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a whole file (see :func:`decoded_lines` for the reader's way).

    NOTE: kept for callers that want one string; the reader itself decodes line by line.
    """
    lines, encoding, _fallback = decoded_lines(data, "fichier")
    text = "".join(lines)
    return text, encoding.settle() if isinstance(encoding, _MixedLabel) else str(encoding)


def _utf16_without_bom(sample: bytes) -> str | None:
    """« utf-16-le » / « utf-16-be » when every other byte of the sample is NUL (ASCII text in UTF-16)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    if zero_odd > 0.4 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.4 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def _line_of(data: bytes, offset: int, newline: bytes = b"\n") -> int:
    return data.count(newline, 0, offset) + 1


def _decode_utf16(body: bytes, utf16: str, name: str) -> str:
    """A UTF-16 file's text, or a refusal naming the line that holds an undecodable sequence."""
    try:
        return body.decode(utf16)
    except UnicodeDecodeError as exc:
        unit = "\n\x00" if utf16 != "utf-16-be" else "\x00\n"
        line = _line_of(body, exc.start, unit.encode("latin-1"))
        raise UnreadableFile(
            t(
                "« {name} » : encodage {encoding} reconnu, mais la ligne {line} contient des octets "
                "illisibles dans cet encodage ; réenregistrez le fichier en UTF-8.",
                name=name,
                encoding=utf16.upper(),
                line=line,
            )
        ) from exc


def _decode_fallback(raw: bytes, state: dict) -> str:
    """A line that is not UTF-8: Windows-1252, or Latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        state["latin1"] = True
        return raw.decode("latin-1")


def decoded_lines(data: bytes, name: str) -> tuple[Iterable[str], str, list[int]]:
    """(an iterable of text lines, encoding label, lines decoded with the fallback encoding).

    BOM first (UTF-8, UTF-16), then UTF-16 without BOM (NUL every other byte), then the
    whole file as strict UTF-8; if that fails, line by line: UTF-8 first, Windows-1252 as
    fallback (Latin-1 for the five bytes cp1252 leaves undefined), and the line numbers that
    needed it. A UTF-16 file with an undecodable sequence is refused naming the line.
    NOTE: a file saved twice (UTF-8 BOM header, cp1252 body) or one cp1252 line pasted into
    a UTF-8 file is read right, line by line, instead of decoding everything as cp1252.
    """
    body = data
    has_bom = data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE)
    utf16 = "utf-16" if has_bom else _utf16_without_bom(data[:4096])
    if utf16:
        return io.StringIO(_decode_utf16(body, utf16, name), newline=""), utf16, []
    label = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        body, label = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    try:
        return io.StringIO(body.decode("utf-8"), newline=""), label, []
    except UnicodeDecodeError:
        pass
    fallback: list[int] = []
    state = {"utf8_accents": False, "latin1": False}

    def lines() -> Iterator[str]:
        for number, raw in enumerate(io.BytesIO(body), start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                fallback.append(number)
                text = _decode_fallback(raw, state)
            else:
                if not state["utf8_accents"] and not raw.isascii():
                    state["utf8_accents"] = True
            yield text

    # NOTE: the label is only known once every line is read; ``_MixedLabel`` is resolved then.
    return lines(), _MixedLabel(label, state, fallback), fallback


class _MixedLabel(str):
    """Encoding label of a line-by-line decoding, settled after the last line (see ``settle``)."""

    state: dict
    fallback: list[int]

    def __new__(cls, label: str, state: dict, fallback: list[int]) -> _MixedLabel:
        obj = super().__new__(cls, label)
        obj.state, obj.fallback = state, fallback
        return obj

    def settle(self) -> str:
        """« cp1252 » (or « latin-1 ») when no line was UTF-8 with accents; else « utf-8 + cp1252 »."""
        single = "latin-1" if self.state["latin1"] else "cp1252"
        if not self.state["utf8_accents"]:
            return single
        return f"{str.__str__(self)} + {single}"


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return bool(sample) and len(_CONTROL.findall(sample)) > BINARY_CONTROL_SHARE * len(sample)


def _first_line(text: str) -> str:
    """The first non-blank physical line (the header), quotes ignored for counting."""
    for line in io.StringIO(text, newline=None):
        if line.strip():
            return line
    return ""


def sniff_separator(header_line: str) -> str:
    """The separator occurring most often outside quotes in the header line.

    Ties go to « ; » (French Excel exports), then « , », then tab; a one-column
    file gets « ; » and will fail later with the clear « missing columns » message.
    """
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ";"


def _is_blank(cells: list[str]) -> bool:
    return all(not c.strip() for c in cells)


class _Swallowed(Exception):
    """A quoted record ran past ``LONG_RECORD_LINES`` lines."""


def _swallowed_lines(cells: list[str], sep: str, width: int) -> bool:
    """True when a multi-line cell holds whole lines that look like records of the file.

    A real multi-line description rarely has, on one of its lines, as many separators
    as a record; lines swallowed by an unclosed quote always do.
    """
    need = max(width - 1, 2)
    for cell in cells:
        if "\n" in cell or "\r" in cell:
            for part in cell.splitlines()[1:]:
                if part.count(sep) >= need:
                    return True
    return False


class _Collector:
    """Rows, line numbers and sparse remarks of a table being read (CSV or XLSX)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.header: list[str] | None = None
        self.header_line = 1
        self.rows: list[list[str]] = []
        self.lines: list[int] = []
        self.extra: list[int] = []
        self.spans: list[int] = []
        self.broken: dict[int, str] = {}
        self.blank_runs: list[tuple[int, int]] = []
        self._pending: tuple[int, int] | None = None

    def blank(self, line: int) -> None:
        """A blank line: counted in the current run (blank lines before the header are not data)."""
        if self.header is None:
            return
        if self._pending is not None and self._pending[1] == line - 1:
            self._pending = (self._pending[0], line)
        else:
            self._flush()
            self._pending = (line, line)

    def _flush(self) -> None:
        if self._pending is not None:
            self.blank_runs.append(self._pending)
            self._pending = None

    def row(self, line: int, cells: list[str], span: int = 1, broken: str | None = None) -> None:
        if self.header is None:
            if broken:
                raise UnreadableFile(
                    t(
                        "« {name} » : en-tête illisible ligne {line} ({problem}).",
                        name=self.name,
                        line=line,
                        problem=broken,
                    )
                )
            self.header, self.header_line = _header(cells, self.name), line
            return
        self._flush()
        if len(self.rows) >= MAX_ROWS:
            raise TooManyRows(self.name, MAX_ROWS)
        width = len(self.header)
        if broken:
            self.broken[line] = broken
            self.extra.append(0)
            self.rows.append([""] * width)
        else:
            self.rows.append(_fit(cells, width, self.extra))
        self.lines.append(line)
        self.spans.append(span)

    def finish(self, **kw) -> RawTable:
        """The table; blank lines after the last row are padding, not data (not reported)."""
        self._pending = None
        if self.header is None:
            raise EmptyFile(t("Le fichier « {name} » ne contient aucune ligne d'en-tête.", name=self.name))
        return RawTable(
            self.header, self.rows, self.lines, self.extra, self.spans, self.name, self.header_line,
            broken=self.broken, blank_runs=self.blank_runs, **kw,
        )  # fmt: skip


def _read_csv(data: bytes, name: str) -> RawTable:
    lines, encoding, fallback = decoded_lines(data, name)
    if isinstance(lines, io.StringIO):
        sample = lines.read(65536)
        lines.seek(0)
        it: Iterator[str] = lines
        first = _first_line(sample) if sample.strip() else _first_line(lines.getvalue())
    else:
        sample = data[:65536].decode("latin-1")
        head: list[str] = []
        for line in lines:
            head.append(line)
            if line.strip():
                break
        first = head[-1] if head else ""
        it = itertools.chain(head, lines)
    if _looks_binary(sample):
        raise UnreadableFile(
            t("« {name} » ne ressemble pas à un fichier texte (CSV) ni à un classeur XLSX.", name=name)
        )
    sep = sniff_separator(first.replace("\x00", ""))
    table = _Collector(name)
    nul = _parse_csv(it, sep, table)
    notes: list[str] = []
    label = encoding.settle() if isinstance(encoding, _MixedLabel) else str(encoding)
    line_notes: dict[int, str] = {}
    if "+" in label:
        # A mixed file: the lines that needed the fallback are named, and warned on their row.
        shown = ", ".join(map(str, fallback[:20])) + (f"… ({len(fallback)} lignes)" if len(fallback) > 20 else "")
        notes.append(t("lignes décodées en Windows-1252 (le reste du fichier est en UTF-8) : {lines}", lines=shown))
        for li in fallback:
            line_notes[li] = t("ligne en Windows-1252 dans un fichier UTF-8 (décodée à part : vérifiez les accents)")
    elif fallback and label in ("cp1252", "latin-1") and data.startswith(codecs.BOM_UTF8):
        notes.append(t("en-tête marqué UTF-8 (BOM) mais contenu en Windows-1252 : décodé ligne par ligne"))
    if nul:
        notes.append(t("octets nuls supprimés"))
    notes.insert(0, t("encodage {label}, séparateur {sep}", label=label, sep=t(SEPARATOR_NAMES[sep])))
    return table.finish(encoding=label, separator=sep, notes=notes, line_notes=line_notes)


def _parse_csv(lines: Iterator[str], sep: str, table: _Collector) -> bool:  # noqa: C901 — one hot loop
    """Feed ``table`` with the records of ``lines``; True when NUL characters were dropped.

    NOTE: kept whole (above complexity 10): it runs once per line of a 100 000-line file, with its
    restart state; split into functions, it would pay a call per line.

    A line without a quote is split directly (most lines); a line with one goes through
    ``csv.reader``, which pulls continuation lines for a quoted multi-line cell. A record
    that runs past ``LONG_RECORD_LINES`` lines, or whose multi-line cell holds lines that
    look like records, is cut back to its first line (rejected) and the lines after it are
    read again.
    """
    it: Iterator[str] = iter(lines)
    number = 0
    nul = False
    while True:
        restart: list[str] | None = None
        for line in it:
            number += 1
            if "\x00" in line:
                line, nul = line.replace("\x00", ""), True
            if '"' not in line:
                body = line.rstrip("\r\n")
                if not body.strip():
                    table.blank(number)
                    continue
                cells = body.split(sep)
                if _is_blank(cells):
                    table.blank(number)
                    continue
                table.row(number, cells)
                continue
            start = number
            consumed = [line]

            def feed(first: str = line, consumed: list[str] = consumed, src: Iterator[str] = it) -> Iterator[str]:
                yield first
                for nxt in src:
                    if len(consumed) >= LONG_RECORD_LINES:
                        consumed.append(nxt)
                        raise _Swallowed
                    consumed.append(nxt.replace("\x00", ""))
                    yield consumed[-1]

            reader = csv.reader(feed(), delimiter=sep)
            try:
                cells = next(reader)
                problem = None
                if len(consumed) > 1 and table.header is not None and _swallowed_lines(cells, sep, len(table.header)):
                    problem = "swallowed"
            except (_Swallowed, csv.Error):
                cells, problem = [], "long"
            except StopIteration:
                cells, problem = [], None
            if problem:
                end = start + len(consumed) - 1
                more = " ou plus" if problem == "long" else ""
                table.row(
                    start, [], broken=(
                        f"guillemet non fermé : l'enregistrement commencé ligne {start} courait jusqu'à la ligne "
                        f"{end}{more} ; cette ligne est rejetée et les lignes suivantes sont relues une à une"
                    ),
                )  # fmt: skip
                restart = consumed[1:]
                number = start
                break
            number = start + len(consumed) - 1
            if _is_blank(cells):
                for li in range(start, number + 1):
                    table.blank(li)
                continue
            table.row(start, cells, span=len(consumed))
        if restart is None:
            return nul
        it = itertools.chain(restart, it)


def _header(record: list[str], name: str) -> list[str]:
    """Header cells, trimmed and made unique (« Pays », « Pays (2) »); empty ones named."""
    while record and not record[-1].strip():
        record = record[:-1]
    if len(record) > MAX_COLUMNS:
        raise UnreadableFile(
            t(
                "« {name} » : {n} colonnes dans l'en-tête (au plus {most}, réglage "
                "LIANES_IMPORT_MAX_COLUMNS) ; ce n'est pas une table de liens.",
                name=name,
                n=len(record),
                most=MAX_COLUMNS,
            )
        )
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(record, start=1):
        label = " ".join(cell.split()) or f"colonne {i}"
        if label in seen:
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        else:
            seen[label] = 1
        out.append(label)
    return out


def _fit(record: list[str], width: int, extra: list[int]) -> list[str]:
    """A record cut or padded to the header's width; counts the non-empty cells cut off."""
    n = len(record)
    if n == width:
        extra.append(0)
        return record
    if n < width:
        extra.append(0)
        return record + [""] * (width - n)
    extra.append(sum(1 for c in record[width:] if c.strip()))
    return record[:width]


# ---------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------
def _cell_text(value: object) -> str:
    """An XLSX cell as the text a user sees: 2003.0 → « 2003 », a date → « 2003-03-12 »."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _has_formulas(zf: zipfile.ZipFile) -> bool:
    """True when a worksheet of the archive holds a ``<f>`` element (read in bounded chunks)."""
    for info in zf.infolist():
        if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
            continue
        tail = b""
        with zf.open(info) as fh:
            while chunk := fh.read(1 << 20):
                if re.search(rb"<(?:\w+:)?f[ >/]", tail + chunk):
                    return True
                tail = chunk[-16:]
    return False


def _sheet_member(zf: zipfile.ZipFile, sheet: str | None) -> str | None:
    """Archive path of the named (or first) worksheet, from workbook.xml and its relations; None if unsure."""
    try:
        book = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    sheets = re.findall(r"<(?:\w+:)?sheet\b[^>]*?name=\"([^\"]*)\"[^>]*?r:id=\"([^\"]+)\"", book)
    if not sheets:
        return None
    import html

    wanted = next((rid for n, rid in sheets if html.unescape(n) == sheet), None) if sheet else sheets[0][1]
    target = re.search(rf"<Relationship\b[^>]*?Id=\"{re.escape(wanted or '')}\"[^>]*?Target=\"([^\"]+)\"", rels)
    if not wanted or not target:
        return None
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else f"xl/{path}"


def _rows_with_values(zf: zipfile.ZipFile, member: str, stop: int) -> int:
    """Rows of a sheet's XML holding a value (``<v>``, inline string or formula), counted up to ``stop``.

    NOTE: a byte scan in 1 MiB chunks, far cheaper than openpyxl: a sheet that inflates to a
    million rows is refused in seconds instead of being parsed up to the limit.
    """
    count, tail = 0, b""
    with zf.open(member) as fh:
        while chunk := fh.read(1 << 20):
            pieces = (tail + chunk).split(b"</row>")
            tail = pieces.pop()
            count += sum(1 for p in pieces if b"<v" in p or b"<is>" in p or b"<f" in p)
            if count > stop:
                break
    return count


def _corrupt(name: str, exc: BaseException) -> UnreadableFile:
    return UnreadableFile(t("« {name} » : archive ou classeur XLSX corrompu ({reason}).", name=name, reason=exc))


def _check_archive(data: bytes, name: str, sheet: str | None, max_bytes: int) -> bool:
    """Refuse a workbook too large once inflated or with too many rows, before openpyxl parses it.

    Returns whether it holds formulas (then their text is read too, for cells with no stored value).
    """
    formulas = False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            inflated = sum(info.file_size for info in zf.infolist())
            if inflated <= MAX_XLSX_INFLATION * max_bytes:
                formulas = _has_formulas(zf)
                member = _sheet_member(zf, sheet)
                # Header + MAX_ROWS data rows; more is refused before openpyxl parses anything.
                if member and member in zf.namelist() and _rows_with_values(zf, member, MAX_ROWS + 1) > MAX_ROWS + 1:
                    raise TooManyRows(name, MAX_ROWS)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _corrupt(name, exc) from exc
    except ValueError as exc:
        if isinstance(exc, TooManyRows):
            raise
        raise _corrupt(name, exc) from exc
    if inflated > MAX_XLSX_INFLATION * max_bytes:
        raise FileTooLarge(inflated, MAX_XLSX_INFLATION * max_bytes, name)
    return formulas


def _open_books(data: bytes, name: str, formulas: bool, books: list[Any]) -> None:
    """Open the workbook's values (and, with ``formulas``, a second view with the formulas' text) into ``books``."""
    import openpyxl  # imported here: CSV-only users never pay for it

    try:
        books.append(openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True))
        if formulas:
            # A second view of the same sheet gives the formula text where the first one
            # has no stored value (a file written by a program, never opened in a spreadsheet).
            books.append(openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False))
    except Exception as exc:  # openpyxl raises KeyError, ValueError, zipfile errors…
        raise UnreadableFile(
            t("« {name} » n'est pas un classeur XLSX lisible ({reason}).", name=name, reason=type(exc).__name__)
        ) from exc


def _pick_sheets(books: list[Any], sheet: str | None, name: str) -> list[Any]:
    """The chosen sheet (or the first) in each view of the workbook, dimensions reset."""
    wb = books[0]
    if sheet is not None:
        if sheet not in wb.sheetnames:
            names = ", ".join(f"« {s} »" for s in wb.sheetnames)
            raise UnreadableFile(
                t(
                    "« {name} » n'a pas de feuille « {sheet} » (feuilles : {names}).",
                    name=name,
                    sheet=_short(sheet),
                    names=names,
                )
            )
        sheets = [b[sheet] for b in books]
    else:
        if not wb.worksheets:
            raise EmptyFile(t("« {name} » ne contient aucune feuille.", name=name))
        sheets = [b.worksheets[0] for b in books]
    for ws in sheets:
        if hasattr(ws, "reset_dimensions"):
            # NOTE: a wrong declared dimension (A1:XFD1048576) would pad every row to 16 384 cells.
            ws.reset_dimensions()
    return sheets


def _collect_rows(sheets: list[Any], name: str) -> tuple[_Collector, dict[int, list[tuple[int, str]]]]:
    """Every row of the sheet into a collector, and the cells whose formula has no stored value, by line."""
    from openpyxl.utils import get_column_letter

    table = _Collector(name)
    found: dict[int, list[tuple[int, str]]] = {}
    iters = [ws.iter_rows(values_only=True) for ws in sheets]
    try:
        for number, values in enumerate(iters[0], start=1):
            record = [_cell_text(v) for v in values]
            text_of_formulas = next(iters[1], ()) if len(iters) > 1 else ()
            missing = [
                (ci, f"{get_column_letter(ci + 1)}{number}")
                for ci, (v, f) in enumerate(zip(values, text_of_formulas, strict=False))
                if v is None and isinstance(f, str) and f.startswith("=")
            ]
            if _is_blank(record) and not missing:
                table.blank(number)
                continue
            table.row(number, record)
            if missing and table.header is not None and table.lines and table.lines[-1] == number:
                found[number] = missing
    except (TooManyRows, UnreadableFile):
        raise
    except Exception as exc:  # corrupt sheet XML surfaces only while iterating
        raise UnreadableFile(
            t(
                "« {name} » : feuille « {sheet} » illisible ({reason}).",
                name=name,
                sheet=sheets[0].title,
                reason=type(exc).__name__,
            )
        ) from exc
    return table, found


def _read_xlsx(data: bytes, name: str, sheet: str | None, max_bytes: int) -> RawTable:
    formulas = _check_archive(data, name, sheet, max_bytes)
    books: list[Any] = []
    try:
        _open_books(data, name, formulas, books)
        sheets = _pick_sheets(books, sheet, name)
        sheet_name = sheets[0].title
        table, found = _collect_rows(sheets, name)
    finally:
        for b in books:
            b.close()
    if table.header is None:
        raise EmptyFile(
            t("La feuille « {sheet} » de « {name} » ne contient aucune ligne d'en-tête.", sheet=sheet_name, name=name)
        )
    notes = [t("classeur XLSX, feuille « {sheet} »", sheet=sheet_name)]
    if found:
        notes.append(t("{n} cellule(s) avec une formule sans valeur calculée", n=sum(map(len, found.values()))))
    return table.finish(sheet=sheet_name, notes=notes, formulas=found)
