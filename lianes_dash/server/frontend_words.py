"""The browser's own words in French: the few English sentences Streamlit writes in its JavaScript.

Some texts are not sent by the server but written in Streamlit's frontend bundle, with no
setting to change them: the file uploader's refusal of a file over the size limit (« File must
be 50.0MB or smaller. », the one message a visitor with a large Atlas export reads), its « Drag
and drop file here », « 50MB per file » and « Upload », and the multiselect's « Select all »,
« Clear all », « No results ». :class:`FrontendWordsMiddleware` (mounted by ``app.py``) serves
the few bundle files that hold them with each such literal turned into « the English text on
an English page (``?lang=en``), the French one otherwise ».

Sizes: the limit the browser checks is made the server's (``server.maxUploadSize`` × 1 048 576
bytes, on every platform), and every size it writes (the limit, the chosen file's) is in that
unit, « 50 Mo » (« 50 MB » on an English page), as the import page says.

Each rewrite is an exact piece of the bundle of the Streamlit version pinned in
``requirements.txt``; a piece not found is left as it is (the visitor reads English, nothing
breaks), logged at start-up, and ``tests/test_frontend_words.py`` fails, so that a Streamlit
upgrade cannot drop the French silently. The files are rewritten once, in memory, and served
with their own ETag (the original one describes other bytes).
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from lianes_dash.server.asgi import ASGIApp, Receive, Scope, Send, etag_of, send_immutable

#: JavaScript expression, true on an English page (the language is in the address, ``lang=en``).
ENGLISH_PAGE = "/[?&]lang=en(&|$)/.test(location.search)"


#: One Mo (« MB » on an English page): 1 048 576 bytes, the unit of ``server.maxUploadSize`` on
#: the server, of the import page's « Taille maximale » and, once rewritten, of the browser's check.
MO = 1024 * 1024


def _mo(var: str) -> str:
    """A size in bytes (the JavaScript variable ``var``) as French mebibytes, « 50 Mo »: the unit of
    ``server.maxUploadSize`` and of the import page's « Taille maximale »."""
    return "${(" + var + '/1048576).toLocaleString("fr-FR",{maximumFractionDigits:1})}\u00a0Mo'


def _mb(var: str) -> str:
    """The same size on an English page: « 50 MB » (MB of 1 048 576 bytes, as the page says)."""
    return "${(" + var + '/1048576).toLocaleString("en-US",{maximumFractionDigits:1})}\u00a0MB'


def _file_size(var: str, lang: str) -> str:
    """A file's size as a JavaScript template literal: « 48,6 Mo » (« 48.6 MB »), « 12 Ko » under 1 Mo."""
    locale, mo, ko = ("en-US", "MB", "kB") if lang == "en" else ("fr-FR", "Mo", "Ko")
    fmt = '.toLocaleString("' + locale + '",{maximumFractionDigits:1})'
    return "`${" + f"{var}<1048576?({var}/1024){fmt}+'\u00a0{ko}':({var}/1048576){fmt}+'\u00a0{mo}'" + "}`"


@dataclass(frozen=True)
class Rewrite:
    """One English literal of a bundle file (named by its prefix) and the French that replaces it.

    ``before`` and ``after`` are the bundle's text around the literal, kept as they are: they
    make the piece unique in its file.
    """

    file_prefix: str
    english: str
    french: str
    before: str = ""
    after: str = ""
    #: What an English page gets instead of ``english`` ("" keeps the bundle's text).
    english_text: str = ""
    #: Not a sentence but code, the same in both languages (``french`` replaces ``english``).
    always: bool = False

    @property
    def piece(self) -> str:
        return self.before + self.english + self.after

    def replacement(self) -> str:
        if self.always:
            return f"{self.before}{self.french}{self.after}"
        return f"{self.before}({ENGLISH_PAGE}?{self.english_text or self.english}:{self.french}){self.after}"


REWRITES: tuple[Rewrite, ...] = (
    # The upload limit itself. Streamlit's server refuses a body over ``maxUploadSize`` ×
    # 1 048 576 bytes, but its browser code checked ``maxUploadSize`` × 1 000 000 (× 1 048 576 on
    # Windows only): « 50 Mo » let 50 000 000 bytes through on Linux and macOS, 52 428 800 on
    # Windows. Now one limit everywhere, the server's, the one the import page states in bytes.
    Rewrite(
        "FileUploader.",
        "y(e,D.Megabyte,D.Byte)",
        f"e*{MO}",
        before="let e=t.maxUploadSizeMb;return ",
        always=True,
    ),
    # The file uploader's refusals (written by the browser before anything reaches the server).
    Rewrite(
        "utils.",
        "`File must be ${$(n,`b`)} or smaller.`",
        "`Fichier trop volumineux\u00a0: " + _mo("n") + " au maximum (voir « Taille maximale »).`",
        english_text="`File must be " + _mb("n") + " or smaller.`",
    ),
    # The chosen file's size, on its chip (shown, and read by screen readers), in the limit's unit.
    Rewrite(
        "utils.", "$(e.size,ot.Byte)", _file_size("e.size", "fr"), before="x=", english_text=_file_size("e.size", "en")
    ),
    Rewrite(
        "utils.",
        "$(e.size,ot.Byte)",
        _file_size("e.size", "fr"),
        before="i(rt,{children:",
        english_text=_file_size("e.size", "en"),
    ),
    Rewrite("utils.", "`${t.type} files are not allowed.`", "`Type de fichier non accepté\u00a0: ${t.type}.`"),
    Rewrite("utils.", "`File size is too small.`", "`Fichier trop petit.`"),
    Rewrite("utils.", "`Only one file is allowed.`", "`Un seul fichier à la fois.`"),
    Rewrite("utils.", "`Unexpected error. Please try again.`", "`Erreur inattendue. Veuillez réessayer.`"),
    Rewrite("utils.", "`Error: `", "`Erreur\u00a0: `", before="role:`alert`,children:["),
    Rewrite("utils.", "`Upload failed`", "`Échec de l'envoi`", before="errorMessage:"),
    # The file uploader's drop zone and button.
    Rewrite(
        "FileUploader.",
        "`${T(t,D.Byte,0)} per file`",
        "`" + _mo("t") + " par fichier`",
        english_text="`" + _mb("t") + " per file`",
    ),
    Rewrite("FileUploader.", "`Drag and drop a file here`", "`Glissez-déposez un fichier ici`"),
    Rewrite("FileUploader.", "`Drag and drop files here`", "`Glissez-déposez des fichiers ici`"),
    Rewrite("FileUploader.", "`Upload`", "`Parcourir`", before="label:l?`Upload directories`:"),
    # The multiselect's and the selectbox's menus (the sidebar's filters).
    Rewrite("Multiselect.", "`Select all`", "`Tout sélectionner`", before="label:"),
    Rewrite("Multiselect.", "`Clear all`", "`Tout effacer`", before='"aria-label":'),
    Rewrite("Multiselect.", "`No results`", "`Aucun résultat`", before="return", after="}"),
    Rewrite("Selectbox.", "`No results`", "`Aucun résultat`", before="children:"),
    # The tables' toolbar (the Explorer) and the full-screen buttons of tables and charts.
    Rewrite("DataFrame.", "`Download as CSV`", "`Télécharger en CSV`", before="label:"),
    Rewrite("DataFrame.", "`Show/hide columns`", "`Afficher ou masquer des colonnes`", before="label:"),
    Rewrite("DataFrame.", "`Search`", "`Rechercher`", before="label:", after=",icon:sn"),
    Rewrite("Toolbar.", "`Fullscreen`", "`Plein écran`", before="label:"),
    Rewrite("Toolbar.", "`Close fullscreen`", "`Quitter le plein écran`", before="label:"),
    Rewrite(
        "PlotlyChart.", "l?`Close fullscreen`:`Fullscreen`", "l?`Quitter le plein écran`:`Plein écran`", before="let e="
    ),
)


def rewrite_text(name: str, text: str, rewrites: tuple[Rewrite, ...] = REWRITES) -> tuple[str, list[Rewrite]]:
    """``text`` (the bundle file ``name``) with its rewrites applied; also its rewrites not found."""
    missing: list[Rewrite] = []
    for rewrite in rewrites:
        if not name.startswith(rewrite.file_prefix):
            continue
        if text.count(rewrite.piece) != 1:
            missing.append(rewrite)
            continue
        text = text.replace(rewrite.piece, rewrite.replacement())
    return text, missing


def streamlit_js_dir() -> Path:
    """Streamlit's bundle folder, found without importing Streamlit (this package does not)."""
    spec = importlib.util.find_spec("streamlit")
    origin = Path(spec.origin) if spec is not None and spec.origin else Path(".")
    return origin.resolve().parent / "static" / "static" / "js"


@dataclass(frozen=True)
class Patched:
    body: bytes
    etag: bytes


def patched_files(js_dir: Path | None = None) -> tuple[dict[str, Patched], list[Rewrite]]:
    """The rewritten bundle files (by file name) and the rewrites found in none of them.

    The installed bundle is read once per process: the middleware and the start-up check
    (:mod:`lianes_dash.server.streamlit_internals`) share it.
    """
    return _installed_patched() if js_dir is None else _patched(js_dir)


@functools.cache
def _installed_patched() -> tuple[dict[str, Patched], list[Rewrite]]:
    return _patched(streamlit_js_dir())


def _patched(js_dir: Path) -> tuple[dict[str, Patched], list[Rewrite]]:
    prefixes = {r.file_prefix for r in REWRITES}
    found: dict[str, Patched] = {}
    applied: set[Rewrite] = set()
    for path in sorted(js_dir.glob("*.js")) if js_dir.is_dir() else []:
        if not any(path.name.startswith(p) for p in prefixes):
            continue
        original = path.read_text(encoding="utf-8")
        text, missing = rewrite_text(path.name, original)
        ours = [r for r in REWRITES if path.name.startswith(r.file_prefix) and r not in missing]
        applied.update(ours)
        if text != original:
            body = text.encode("utf-8")
            found[path.name] = Patched(body, etag_of(body))
    return found, [r for r in REWRITES if r not in applied]


class FrontendWordsMiddleware:
    """Serve Streamlit's bundle files that hold English sentences with the French rewrites applied."""

    def __init__(self, app: ASGIApp, js_dir: Path | None = None) -> None:
        self.app = app
        # What is missing is said once, by the start-up check (streamlit_internals.check_at_startup).
        self.files, _missing = patched_files(js_dir)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        name = path.rsplit("/", 1)[-1]
        patched = self.files.get(name) if "/static/js/" in path and scope.get("method") in ("GET", "HEAD") else None
        if patched is None:
            await self.app(scope, receive, send)
            return
        await send_immutable(scope, send, patched.body, patched.etag, b"application/javascript; charset=utf-8")
