"""Backup and commons: the whole store as JSON lines, Wikidata QuickStatements, the importer's CSV.

The JSON-lines file holds every item and every event (a full backup, and what the network may
share); e-mails and session hashes only with ``personal_data=True``; reviewers' accounts never.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from lianes_dash.contributions import db
from lianes_dash.contributions.store import ACCEPTED, Item, Store
from lianes_dash.contributions.validation import FR_QID, PARTNER_QID, SOURCE_DOCUMENT, SOURCE_URL
from lianes_dash.dataset import schema as S
from lianes_dash.importer.headers import IMPORT_FIELDS
from lianes_dash.text.i18n import t
from lianes_dash.text.safety import neutralise_cell

_QID = re.compile(r"^Q[1-9][0-9]{0,11}$")
FORMAT = "lianes-contributions"
FORMAT_VERSION = 1
RECORD = "record"
_DATES = {"created_at", "updated_at", "at"}


class BackupError(ValueError):
    """A backup file that cannot be imported; ``str(exc)`` is one French sentence."""


# ---------------------------------------------------------------------------
# JSON lines
# ---------------------------------------------------------------------------
def _plain(row: Mapping[Any, Any], table: str) -> dict[str, Any]:
    out: dict[str, Any] = {RECORD: table}
    for key, value in row.items():
        out[key] = db.as_utc(value).isoformat() if isinstance(value, dt.datetime) else value
    return out


def export_jsonl(store: Store, path: Path | str, personal_data: bool = False) -> int:
    """Write every item and event (and, if asked, contacts and session hashes) to ``path``; returns lines."""
    lines = [
        json.dumps({RECORD: "header", "format": FORMAT, "version": FORMAT_VERSION, "personal_data": personal_data})
    ]
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(db.items).order_by(db.items.c.id)).mappings():
            item = _plain(row, "item")
            if not personal_data:
                item.pop("session_hash")
            lines.append(json.dumps(item, ensure_ascii=False, sort_keys=True))
        for row in conn.execute(sa.select(db.events).order_by(db.events.c.id)).mappings():
            lines.append(json.dumps(_plain(row, "event"), ensure_ascii=False, sort_keys=True))
        if personal_data:
            for row in conn.execute(sa.select(db.contacts).order_by(db.contacts.c.item_id)).mappings():
                lines.append(json.dumps(_plain(row, "contact"), ensure_ascii=False, sort_keys=True))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _typed(record: dict[str, Any], table: sa.Table) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k in table.c}
    for key in _DATES & set(out):
        out[key] = db.as_utc(dt.datetime.fromisoformat(out[key]))
    return out


def import_jsonl(store: Store, path: Path | str) -> dict[str, int]:
    """Load a file of :func:`export_jsonl` into an empty store, all or nothing; returns counts per record."""
    try:
        records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(t("Sauvegarde illisible « {name} » : {reason}.", name=Path(path).name, reason=exc)) from exc
    if not records or records[0].get(RECORD) != "header" or records[0].get("format") != FORMAT:
        raise BackupError(t("« {name} » n'est pas une sauvegarde des contributions.", name=Path(path).name))
    try:
        return _load(store, records)
    except (sa.exc.IntegrityError, sa.exc.StatementError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, BackupError):
            raise
        # One transaction: a bad line (a missing field, a broken reference) loads nothing.
        raise BackupError(
            t("Sauvegarde « {name} » refusée, rien n'a été importé : {reason}.", name=Path(path).name, reason=exc)
        ) from exc


def _load(store: Store, records: list[dict[str, Any]]) -> dict[str, int]:
    tables = {"item": db.items, "event": db.events, "contact": db.contacts}
    counts = dict.fromkeys(tables, 0)
    with db.writing(store.engine) as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(db.items)).scalar_one():
            raise BackupError(t("La base des contributions n'est pas vide : importez dans une base neuve."))
        for kind in tables:
            rows = [_typed(r, tables[kind]) for r in records[1:] if r.get(RECORD) == kind]
            for row in rows:
                if kind == "item":
                    row.setdefault("session_hash", "")
                conn.execute(sa.insert(tables[kind]).values(**row))
            counts[kind] = len(rows)
        if conn.dialect.name == "postgresql":
            # NOTE: ids were given: the next ones must come after them.
            for table in ("items", "events"):
                conn.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                        f"FROM {table}"
                    )
                )
    return counts


def _declarations(accepted: Iterable[Item]) -> list[Item]:
    """The accepted declarations among ``accepted`` (``store.accepted()``), by item number."""
    return sorted((i for i in accepted if i.status == ACCEPTED and i.item_type == "declaration"), key=lambda i: i.id)


# ---------------------------------------------------------------------------
# Wikidata QuickStatements
# ---------------------------------------------------------------------------
#: Kinds of link that Wikidata's P190 (« jumelage ou partenariat ») records.
TWINNING_KINDS = ("jumelage", "jumelage ou partenariat")


def read_qids(path: Path | str) -> dict[str, str]:
    """Wikidata ids of French collectivities from a CSV of two columns, code and QID (a header line allowed)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BackupError(t("Fichier illisible « {name} » : {reason}.", name=Path(path).name, reason=exc)) from exc
    out: dict[str, str] = {}
    for row in csv.reader(io.StringIO(text)):
        if len(row) >= 2 and _QID.match(row[1].strip().upper()):
            out[row[0].strip()] = row[1].strip().upper()
    return out


def _qs_line(subject: str, target: str, year: object, url: str) -> str:
    parts = [subject, "P190", target]
    if year:
        parts += ["P580", f"+{int(str(year)):04d}-00-00T00:00:00Z/9"]
    if url:
        parts += ["S854", json.dumps(url)]
    return "\t".join(parts)


def quickstatements(accepted: Iterable[Item], fr_qids: Mapping[str, str] | None = None) -> str:
    """QuickStatements (V1) of the accepted twinnings: P190 both ways, with start time and source URL.

    A twinning whose partner (or French collectivity) has no Wikidata id is a ``#`` line, left
    for a human. ``fr_qids``: Wikidata ids by French code, for declarations that did not give one.
    """
    lines = [
        "# " + t("Lianes Dash : jumelages acceptés par le réseau, à verser dans Wikidata (QuickStatements V1)."),
    ]
    for item in _declarations(accepted):
        p = item.payload
        if p.get(S.KIND) not in TWINNING_KINDS:
            continue
        fr = str(p.get(FR_QID) or (fr_qids or {}).get(str(p.get(S.FR_CODE)), ""))
        partner = str(p.get(PARTNER_QID) or "")
        if fr and partner:
            url = str(p.get(SOURCE_URL) or "")
            lines.append(_qs_line(fr, partner, p.get(S.START_YEAR), url))
            lines.append(_qs_line(partner, fr, p.get(S.START_YEAR), url))
        else:
            missing = (
                t("la collectivité française et le partenaire")
                if not fr and not partner
                else t("la collectivité française")
                if not fr
                else t("le partenaire")
            )
            lines.append(
                "# "
                + t(
                    "{fr} – {partner} ({country}) : identifiant Wikidata manquant pour {missing} (élément n° {id})",
                    fr=" ".join(str(p.get(S.FR_NAME)).split()),
                    partner=" ".join(str(p.get(S.PARTNER_NAME)).split()),
                    country=p.get(S.PARTNER_COUNTRY),
                    missing=missing,
                    id=item.id,
                )
            )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# The importer's CSV
# ---------------------------------------------------------------------------
def import_csv(accepted: Iterable[Item]) -> str:
    """The accepted declarations as a CSV the importer reads (``python -m lianes_dash import``), formula-safe."""
    fields = [
        S.FR_NAME, S.FR_CODE, S.FR_TYPE, S.FR_DEPARTEMENT, S.FR_REGION, S.PARTNER_NAME, S.PARTNER_COUNTRY,
        S.PARTNER_LAT, S.PARTNER_LON, S.KIND, S.THEMES_COL, S.START_YEAR, S.DESCRIPTION,
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([IMPORT_FIELDS[f] for f in fields])
    for item in _declarations(accepted):
        writer.writerow([neutralise_cell(v) for v in _csv_row(item.payload, fields)])
    return buffer.getvalue()


def _csv_row(p: Mapping[str, Any], fields: Iterable[str]) -> list[str]:
    exact = not p.get(S.PARTNER_APPROX, True)
    described = " ; ".join(str(p.get(k)) for k in (SOURCE_URL, SOURCE_DOCUMENT) if p.get(k))
    values = {
        **{k: p.get(k) for k in fields},
        S.PARTNER_LAT: p.get(S.PARTNER_LAT) if exact else None,
        S.PARTNER_LON: p.get(S.PARTNER_LON) if exact else None,
        S.THEMES_COL: ", ".join(S.split_themes(p.get(S.THEMES_COL))),
        S.DESCRIPTION: described,
    }
    return ["" if values[k] is None else str(values[k]) for k in fields]
