"""Reading a user's file into a table of strings, keeping each record's physical line number.

CSV (``,`` ``;`` or tab; UTF-8, UTF-8 with BOM, UTF-16 with BOM, Windows-1252 or Latin-1,
all detected) and XLSX (first sheet or a named one). Every cell comes back as a ``str``
(``""`` when empty) so that nothing is guessed at this stage: the normalisation decides.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd

from lianes_dash import schema as S
from lianes_dash.importer.errors import EmptyFile, FileTooLarge, UnreadableFile, _short

#: Default size limit of an imported file (bytes), checked before reading it.
DEFAULT_MAX_BYTES = 50_000_000
#: A header with more columns than this is not a links table (and would make pandas crawl).
MAX_COLUMNS = 500
#: An XLSX may inflate to at most this many times the size limit once unzipped (zip bombs).
MAX_XLSX_INFLATION = 20
#: Share of control characters above which a « text » file is taken for binary.
BINARY_CONTROL_SHARE = 0.05
#: A CSV record spanning more lines than this probably hides an unclosed quote.
LONG_RECORD_LINES = 20

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


@dataclass
class RawTable:
    """What a file holds, before any interpretation.

    ``rows[i]`` is the record starting on physical line ``lines[i]`` (the header is on
    ``header_line``, usually 1); ``extra[i]`` counts its non-empty cells beyond the header.
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

    def to_frame(self, attrs: bool = True) -> pd.DataFrame:
        """The data rows as a DataFrame of ``str``, indexed by line number.

        NOTE: ``attrs`` are deep-copied by pandas on every operation, so they only hold
        the *sparse* remarks (lines with cut cells or long records), never one per row.
        """
        if self.rows:
            df = pd.DataFrame(self.rows, columns=self.header, dtype=object)
        else:
            df = pd.DataFrame({c: pd.Series(dtype=object) for c in self.header})
        df.index = pd.Index(self.lines, name=S.REPORT_LINE, dtype="int64")
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
        raise UnreadableFile(f"Impossible d'ouvrir « {name} » : {exc.strerror or exc}.") from exc
    if size is not None and size > max_bytes:
        raise FileTooLarge(size, max_bytes, name)
    try:
        if isinstance(source, bytes | bytearray):
            data = bytes(source)
        elif isinstance(source, str | os.PathLike):
            if os.path.isdir(source):
                raise UnreadableFile(f"« {name} » est un dossier, pas un fichier.")
            with open(source, "rb") as fh:
                data = fh.read(max_bytes + 1)
        else:
            data = source.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFile(f"Impossible de lire « {name} » : {exc.strerror or exc}.") from exc
    if not isinstance(data, bytes | bytearray):
        raise UnreadableFile(f"« {name} » n'a pas été ouvert en mode binaire.")
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
        raise EmptyFile(f"Le fichier « {name} » est vide.")
    suffix = Path(name).suffix.lower()
    if data.startswith(_OLE_MAGIC) or suffix == ".xls":
        raise UnreadableFile(
            f"« {name} » est au format Excel 97-2003 (.xls), non pris en charge : enregistrez-le en .xlsx ou en CSV."
        )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, name, sheet, max_bytes)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        raise UnreadableFile(f"« {name} » n'est pas un classeur .xlsx valide.")
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
    """Text and encoding name: BOM first, then strict UTF-8, then Windows-1252, then Latin-1.

    NOTE: strict UTF-8 almost never accepts a Windows-1252 file with accents, so the
    order is safe; Latin-1 accepts anything and is the last resort (bytes 0x81, 0x8D…).
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    for enc in ("utf-8", "cp1252"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


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

    NOTE: ties go to « ; » (French Excel exports), then « , », then tab; a one-column
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


def _read_csv(data: bytes, name: str) -> RawTable:
    text, encoding = decode(data)
    if _looks_binary(text):
        raise UnreadableFile(f"« {name} » ne ressemble pas à un fichier texte (CSV) ni à un classeur XLSX.")
    notes: list[str] = []
    if "\x00" in text:
        # NOTE: a stray NUL (bad export) costs nothing: remove it rather than the file.
        text = text.replace("\x00", "")
        notes.append("octets nuls supprimés")
    sep = sniff_separator(_first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    extra: list[int] = []
    spans: list[int] = []
    last = 0
    try:
        for record in reader:
            start, last = last + 1, reader.line_num
            if header is None:
                if _is_blank(record):
                    continue
                header, header_line = _header(record, name), start
                continue
            rows.append(_fit(record, len(header), extra))
            lines.append(start)
            spans.append(last - start + 1)
    except csv.Error as exc:  # NOTE: rare in non-strict mode, but possible
        raise UnreadableFile(f"« {name} » : CSV illisible vers la ligne {last + 1} ({exc}).") from exc
    if header is None:
        raise EmptyFile(f"Le fichier « {name} » ne contient aucune ligne d'en-tête.")
    _drop_trailing_blanks(rows, lines, extra, spans)
    notes.insert(0, f"encodage {encoding}, séparateur {SEPARATOR_NAMES[sep]}")
    return RawTable(header, rows, lines, extra, spans, name, header_line, encoding, sep, None, notes)


def _header(record: list[str], name: str) -> list[str]:
    """Header cells, trimmed and made unique (« Pays », « Pays (2) »); empty ones named."""
    while record and not record[-1].strip():
        record = record[:-1]
    if len(record) > MAX_COLUMNS:
        raise UnreadableFile(
            f"« {name} » : {len(record)} colonnes dans l'en-tête (au plus {MAX_COLUMNS}) ; "
            "ce n'est pas une table de liens."
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


def _drop_trailing_blanks(rows: list[list[str]], lines: list[int], extra: list[int], spans: list[int]) -> None:
    """Blank records at the very end are padding, not data rows (Excel keeps styled empty rows).

    NOTE: blank records *between* data rows are kept and reported as ``blank``.
    """
    while rows and _is_blank(rows[-1]) and not extra[-1]:
        for seq in (rows, lines, extra, spans):
            seq.pop()


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


def _read_xlsx(data: bytes, name: str, sheet: str | None, max_bytes: int) -> RawTable:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            inflated = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(f"« {name} » : archive ou classeur XLSX corrompu ({exc}).") from exc
    if inflated > MAX_XLSX_INFLATION * max_bytes:
        raise FileTooLarge(inflated, MAX_XLSX_INFLATION * max_bytes, name)
    import openpyxl  # NOTE: imported here: CSV-only users never pay for it

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # NOTE: openpyxl raises KeyError, ValueError, zipfile errors…
        raise UnreadableFile(f"« {name} » n'est pas un classeur XLSX lisible ({type(exc).__name__}).") from exc
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                names = ", ".join(f"« {s} »" for s in wb.sheetnames)
                raise UnreadableFile(f"« {name} » n'a pas de feuille « {_short(sheet)} » (feuilles : {names}).")
            ws = wb[sheet]
        else:
            if not wb.worksheets:
                raise EmptyFile(f"« {name} » ne contient aucune feuille.")
            ws = wb.worksheets[0]
        sheet_name = ws.title
        if hasattr(ws, "reset_dimensions"):
            # NOTE: a wrong declared dimension (A1:XFD1048576) would pad every row to 16 384 cells.
            ws.reset_dimensions()
        header: list[str] | None = None
        header_line = 1
        rows: list[list[str]] = []
        lines: list[int] = []
        extra: list[int] = []
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                record = [_cell_text(v) for v in values]
                if header is None:
                    if _is_blank(record):
                        continue
                    header, header_line = _header(record, name), number
                    continue
                rows.append(_fit(record, len(header), extra))
                lines.append(number)
        except Exception as exc:  # NOTE: corrupt sheet XML surfaces only while iterating
            raise UnreadableFile(f"« {name} » : feuille « {sheet_name} » illisible ({type(exc).__name__}).") from exc
    finally:
        wb.close()
    if header is None:
        raise EmptyFile(f"La feuille « {sheet_name} » de « {name} » ne contient aucune ligne d'en-tête.")
    spans = [1] * len(rows)
    _drop_trailing_blanks(rows, lines, extra, spans)
    notes = [f"classeur XLSX, feuille « {sheet_name} »"]
    return RawTable(header, rows, lines, extra, spans, name, header_line, None, None, sheet_name, notes)
