"""Running the server: bind the port (or say it is taken), follow saves, stop on Ctrl-C."""

from __future__ import annotations

import contextlib
import errno
import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from aligndeck.errors import BuildError
from aligndeck.serve.app import HostCheck, is_loopback, make_app
from aligndeck.serve.live import LiveDeck

Echo = Callable[[str], None]

DEBOUNCE_MS = 40
"""How long to gather the events of one save (an editor writes, renames, chmods…): short,
so the page repaints within a blink of the save."""


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready socket on host:port, or a BuildError that says what to do."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BuildError(f"--host {host}: not an address of this machine ({exc.strerror})"
                         ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(f"port {port} on {host} is taken by another program; stop it, "
                             "or choose another port with --port") from None
        raise BuildError(f"cannot listen on {host}:{port} ({exc.strerror})") from None
    # Listen at once: a browser opened on the printed address waits in the queue until
    # the server takes it, instead of being refused.
    sock.listen(128)
    return sock


async def follow_saves(live: LiveDeck, extra: Path | None = None) -> None:
    """Redraw the deck after each save of the outline, its template or an image it names
    (the same files `watch` follows); runs until cancelled."""
    import watchfiles

    from aligndeck.watch import Watched, fingerprint

    assert live.outline is not None
    watched = Watched(live.outline, extra)
    last = fingerprint(watched.paths)
    while True:
        folders = watched.folders()
        async for batch in watchfiles.awatch(
                *sorted(folders), watch_filter=lambda _kind, path: watched.counts(path),
                debounce=DEBOUNCE_MS * 10, step=DEBOUNCE_MS // 4, recursive=False,
                rust_timeout=1000, yield_on_timeout=True):
            if batch and not watched.touched(batch):
                continue
            now = fingerprint(watched.paths)
            if now == last or not live.outline.is_file():
                continue
            watched.refresh()
            last = fingerprint(watched.paths)
            await live.refresh()
            if watched.folders() != folders:
                break


class _Server(uvicorn.Server):
    """uvicorn's server, which ends the pages' event streams first when it stops: they
    would otherwise hold the shutdown until its timeout."""

    def __init__(self, config: uvicorn.Config, live: LiveDeck) -> None:
        super().__init__(config)
        self.live = live

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.live.close()
        await super().shutdown(sockets)


@dataclass(frozen=True)
class Prepared:
    """A server ready to run: its bound socket, its address and the deck it shows."""

    server: uvicorn.Server
    sock: socket.socket
    url: str
    live: LiveDeck


def prepare(outline: Path | None, label: str, design: object, *, host: str, port: int,
            warn: Echo, debug: bool = False, template: Path | None = None) -> Prepared:
    """Bind the port, draw the deck once and make the server (not started yet). Raises
    BuildError when the port cannot be had."""
    sock = bind(host, port)
    port = sock.getsockname()[1]
    live = LiveDeck(outline, label, design, warn, debug)
    live.refresh_sync()

    async def follow() -> None:
        await follow_saves(live, template)

    app = HostCheck(make_app(live, follow=follow if outline is not None else None),
                    host, port)
    shown = f"[{host}]" if ":" in host else host
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=1, ws="none")
    return Prepared(_Server(config, live), sock, f"http://{shown}:{port}/", live)


def serve(outline: Path | None, label: str, design: object, *, host: str, port: int,
          open_browser: bool, echo: Echo, warn: Echo, debug: bool = False,
          template: Path | None = None) -> None:
    """Serve the deck until Ctrl-C. Raises BuildError when the port cannot be had."""
    prepared = prepare(outline, label, design, host=host, port=port, warn=warn, debug=debug,
                       template=template)
    url = prepared.url
    if not is_loopback(host):
        warn(f"warning: serving on {host}: anyone who can reach this machine on port "
             f"{prepared.sock.getsockname()[1]} can see the talk")
    if outline is None:
        warn("no deck.yaml here: serving the built-in alignment talk, which does not change "
             "(`aligndeck init` writes it out to edit)")
    echo(f"serving {label} at {url} (present: {url}present, presenter: {url}presenter); "
         "Ctrl-C stops")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how serving ends
        prepared.server.run(sockets=[prepared.sock])
