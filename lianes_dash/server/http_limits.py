"""Long links: accepted up to a generous size, beyond it a French page instead of a blank one.

Where the HTTP 400 came from: Streamlit serves through uvicorn, whose HTTP/1.1 parser (h11)
refuses a request head that arrives in pieces and passes 16 KiB before it is complete
(``h11_max_incomplete_event_size``; Streamlit offers no setting for it). A browser on a real
network sends a long link in several TCP segments, so a link of ~10,000 characters (accents
and emoji triple its size once percent-encoded) got uvicorn's « Invalid HTTP request
received. »: English plain text, a blank page to a visitor.

:func:`apply` (called by ``app.py``, in the server process) raises that limit to
``MAX_REQUEST_HEAD`` — the app then ignores the over-long values and names them in its
French note — and makes the remaining 400 answers a short French HTML page saying the link
is too long or malformed. Both patch uvicorn's h11 protocol module; ``test_headers.py``
checks them against a real server, so an upgrade that moves them is caught.

Uploads: :class:`UploadLengthMiddleware` (mounted by ``app.py``) makes Streamlit's server take
a file of exactly ``server.maxUploadSize`` Mo, as its browser code and the import page say.
Streamlit refused any upload whose request's ``Content-Length`` passed the limit, and that
length counts the multipart framing (boundaries, the file's name) on top of the file: a file
of exactly « 1 Mo » got « Request failed with status code 413 ». Its own later checks are the
right ones (the raw body capped at the limit plus 1 MiB of framing while it streams, then the
file itself at the limit, byte for byte); the middleware refuses a longer body outright and
hides the header from Streamlit otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from lianes_dash.server.asgi import ASGIApp, Receive, Scope, Send

#: Largest request head (request line + headers) accepted, in bytes. Chromium's own limit on
#: a URL is 2 MB; 256 KiB holds a 10,000-character link in any script, percent-encoded.
MAX_REQUEST_HEAD = 256 * 1024

TOO_LONG_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Lien trop long · Lianes Dash</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
h1{color:#0b6e4f;font-size:1.6rem}a{color:#0b6e4f}</style></head>
<body><h1>Ce lien est trop long ou mal formé</h1>
<p>Le serveur du tableau de bord n'a pas pu lire l'adresse demandée : elle dépasse la taille qu'il accepte, ou
elle a été abîmée en chemin (copie incomplète, caractères ajoutés).</p>
<p><a href="./">Ouvrir le tableau de bord</a>, puis refaire la sélection dans les filtres du panneau de gauche.
Pour partager une vue, copiez l'adresse depuis la barre du navigateur une fois les filtres choisis.</p>
</body></html>
"""


def available() -> bool:
    """True when uvicorn's h11 protocol still has what :func:`apply` changes."""
    try:
        from uvicorn.protocols.http import h11_impl
    except ImportError:  # pragma: no cover - another server
        return False
    return hasattr(h11_impl, "DEFAULT_MAX_INCOMPLETE_EVENT_SIZE") and hasattr(h11_impl.H11Protocol, "send_400_response")


def apply() -> bool:
    """Patch uvicorn's h11 protocol (larger request heads, French 400 page). False if unavailable."""
    if not available():
        return False  # a uvicorn that moved them: streamlit_internals.check_at_startup says so
    import h11
    from uvicorn.protocols.http import h11_impl

    h11_impl.DEFAULT_MAX_INCOMPLETE_EVENT_SIZE = MAX_REQUEST_HEAD
    body = TOO_LONG_PAGE.encode("utf-8")

    def send_400_response(self, msg: str) -> None:  # noqa: ARG001 — uvicorn's English message is replaced
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"content-security-policy", b"frame-ancestors 'self'"),
            (b"x-content-type-options", b"nosniff"),
            (b"connection", b"close"),
        ]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"), h11.Data(data=body)):
            self.transport.write(self.conn.send(event))
        self.transport.write(self.conn.send(h11.EndOfMessage()))
        self.transport.close()

    h11_impl.H11Protocol.send_400_response = send_400_response  # type: ignore[method-assign]  # The patch is the point
    return True


#: Streamlit's upload route (under any base path), and the framing it allows on top of the file.
UPLOAD_ROUTE = "/_stcore/upload_file/"
MULTIPART_MARGIN = 1024 * 1024


class UploadLengthMiddleware:
    """Uploads judged by the file's size, not the request's (see the module's docstring).

    ``limit`` gives the upload limit in bytes (``app.py``: ``server.maxUploadSize`` × 1 048 576,
    the unit of Streamlit's server); this layer does not import Streamlit.
    """

    def __init__(self, app: ASGIApp, limit: Callable[[], int]) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and UPLOAD_ROUTE in scope.get("path", ""):
            headers = list(scope.get("headers", []))
            lengths = [v for k, v in headers if k.lower() == b"content-length"]
            if lengths and lengths[0].strip().isdigit():
                if int(lengths[0]) > self.limit() + MULTIPART_MARGIN:
                    body = b"Fichier trop volumineux."
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 413,
                            "headers": [
                                (b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()),
                            ],
                        }
                    )
                    await send({"type": "http.response.body", "body": body})
                    return
                scope = {**scope, "headers": [(k, v) for k, v in headers if k.lower() != b"content-length"]}
        await self.app(scope, receive, send)
