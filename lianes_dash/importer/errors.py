"""Exceptions of the importer: one family, French messages, never a traceback for the user.

Every failure that costs the *whole file* is an :class:`ImportFileError`; a problem
that costs one row is a line of the report instead.
"""

from __future__ import annotations

from lianes_dash.text.french import fmt_float, fmt_int
from lianes_dash.text.i18n import language, t


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; ``str(exc)`` is one French sentence."""


class FileTooLarge(ImportFileError):
    """The file exceeds the size limit (checked before reading it)."""

    def __init__(self, size: int, max_bytes: int, name: str = "") -> None:
        self.size = size
        self.max_bytes = max_bytes
        template = (
            "Fichier « {name} » trop volumineux : {size} pour une limite de {limit} (découpez-le ou augmentez la limite)."
            if name
            else "Fichier trop volumineux : {size} pour une limite de {limit} (découpez-le ou augmentez la limite)."
        )
        super().__init__(t(template, name=name, size=_mb(size), limit=_mb(max_bytes)))


class TooManyRows(ImportFileError):
    """More data rows than any real links export (refused while reading, before any matching)."""

    def __init__(self, name: str, limit: int) -> None:
        self.limit = limit
        super().__init__(
            t(
                "« {name} » compte plus de {n} lignes de données, la limite de l'import (réglage "
                "LIANES_IMPORT_MAX_ROWS) : ce n'est pas un export de liens ordinaire. Découpez-le (par zone, "
                "par région) ou supprimez les lignes inutiles.",
                name=name,
                n=fmt_int(limit),
            )
        )


class ImportTooCostly(ImportFileError):
    """The import hit its memory or time limit (in the worker process of the import page)."""


class UnreadableFile(ImportFileError):
    """Not a CSV or XLSX table we can read (binary, corrupt, wrong format, bad sheet)."""


class EmptyFile(ImportFileError):
    """The file is empty, or holds no header line."""


class MissingColumns(ImportFileError):
    """A required column is absent; the message lists columns found and expected."""

    def __init__(self, missing: list[str], found: list[str], expected: list[str]) -> None:
        self.missing = missing
        self.found = found
        self.expected = expected
        shown = ", ".join(t("« {text} »", text=_short(c)) for c in found[:40]) or t("aucune")
        if len(found) > 40:
            shown += t(", … ({n} colonnes)", n=len(found))
        super().__init__(
            t(
                "Colonne(s) obligatoire(s) introuvable(s) : {missing}. Colonnes trouvées : {found}. "
                "Colonnes attendues (au moins) : {expected}. "
                "Renommez la colonne ou indiquez la correspondance (« Nom de colonne=champ »).",
                missing=", ".join(t(m) for m in missing),
                found=shown,
                expected=t(" ; ").join(t(e) for e in expected),
            )
        )


class MappingError(ImportFileError):
    """An explicit column mapping names a column or a field that does not exist."""


class ImportInconsistent(RuntimeError):
    """The report and the imported links disagree: a defect of the importer, never of the user's file."""


def _mb(n: int) -> str:
    """« 50 Mo » (« 50 MB »): Mo of 1 048 576 bytes, the unit of the upload limit on the page, in the
    browser and on the server (it said « 52,4 Mo » for that limit of « 50 Mo »)."""
    value = fmt_float(n / (1024 * 1024), 1)
    if language() == "en":
        return f"{value.removesuffix('.0')} MB"
    return f"{value.removesuffix(',0')} Mo"


def _short(text: str, limit: int = 60) -> str:
    """A value cut for a message: a 1 MB cell must not become a 1 MB error line."""
    text = str(text).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
