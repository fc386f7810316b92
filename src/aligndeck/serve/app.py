"""The web application: a fixed set of addresses, read-only, for the served address only.

Every answer comes from a fixed table (the pages, the script, the style sheet, the fonts)
or from the images the outline names, looked up by a digest: no path from a request ever
reaches the file system, so `..`, `%2e%2e`, `%2f` and symlinks all end in 404. Requests
whose Host header is not the address being served are refused (DNS rebinding), and only
GET and HEAD are answered: no endpoint writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, MutableMapping
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from aligndeck.render.html.page import FONT_FILES, SERVED_CSP, STATIC_FILES, Mode, static_bytes
from aligndeck.serve.live import LiveDeck

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KEEP_ALIVE = 15.0
"""Seconds between comments on an idle event stream, so proxies and browsers keep it."""

_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store"}


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def host_allowed(header: str, host: str, port: int) -> bool:
    """Whether a request's Host header names the address being served (`host`:`port`).

    A loopback server answers to 127.0.0.1, localhost and [::1]; a server bound to every
    interface (0.0.0.0, ::) to any IP address, localhost and this machine's name; any
    other to its own host. The port must match. A domain name a stranger controls, which
    DNS rebinding points at this machine, never matches."""
    header = header.strip().lower()
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        given = rest[1:] if rest.startswith(":") else ("" if not rest else None)
    else:
        name, _, given = header.rpartition(":") if ":" in header else (header, "", "")
    if given is None or (given or "80") != str(port) or not name:
        return False
    if is_loopback(host):
        return name in ("localhost", host.lower().strip("[]")) or is_loopback(name)
    if _is_unspecified(host):
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name in ("localhost", socket.gethostname().lower())
    return name == host.lower().strip("[]")


class HostCheck:
    """ASGI middleware: 403 for a Host header that is not the served address."""

    def __init__(self, app: ASGIApp, host: str, port: int) -> None:
        self.app = app
        self.host = host
        self.port = port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            header = headers.get(b"host", b"").decode("latin-1")
            if not host_allowed(header, self.host, self.port):
                response = PlainTextResponse(
                    "refused: the Host header does not name the address being served\n",
                    status_code=403, headers=_HEADERS)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def make_app(live: LiveDeck, *, follow: Callable[[], Coroutine[Any, Any, None]] | None = None
             ) -> Starlette:
    """The application for one live deck; `follow` runs beside it (the file watcher)."""

    def page(mode: Mode) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return HTMLResponse(live.page(mode), headers={
                **_HEADERS, "Content-Security-Policy": SERVED_CSP})
        return endpoint

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC_FILES:
            return _not_found()
        return Response(static_bytes(name), media_type=STATIC_FILES[name], headers=_HEADERS)

    async def font(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in FONT_FILES:
            return _not_found()
        return Response(static_bytes(name), media_type="font/woff2",
                        headers={**_HEADERS, "Cache-Control": "max-age=86400"})

    async def image(request: Request) -> Response:
        path = live.images.get(request.path_params["token"])
        if path is None or not path.is_file():
            return _not_found()
        return FileResponse(path, headers={**_HEADERS, "Cache-Control": "max-age=86400"})

    async def events(request: Request) -> Response:
        queue = live.follow()
        seen = request.query_params.get("v")

        async def stream() -> AsyncIterator[str]:
            try:
                if seen != str(live.version):
                    yield live.message()
                while True:
                    try:
                        message = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                    except asyncio.TimeoutError:
                        yield ": still here\n\n"
                        continue
                    if message is None:
                        return
                    yield message
            finally:
                live.leave(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=_HEADERS)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(follow()) if follow is not None else None
        try:
            yield
        finally:
            live.close()
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    routes = [
        Route("/", page("deck"), methods=["GET"]),
        Route("/present", page("present"), methods=["GET"]),
        Route("/presenter", page("presenter"), methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/fonts/{name}", font, methods=["GET"]),
        Route("/images/{token}", image, methods=["GET"]),
        Route("/events", events, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.router.redirect_slashes = False
    return app


def _not_found() -> Response:
    return PlainTextResponse("not found\n", status_code=404, headers=_HEADERS)
