"""The deck as the server shows it: the last good drawing, the last save's mistakes, and
the open pages to tell when either changes."""

from __future__ import annotations

import asyncio
import json
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aligndeck.errors import BuildError, OutlineError, tally
from aligndeck.render.html.page import DrawnDeck, Mode, draw_deck, image_token, page_html

Echo = Callable[[str], None]


@dataclass(frozen=True)
class Drawing:
    """One attempt to draw the deck: slides (None when the save had mistakes), the
    messages to show, and the images its slides point at, by served name."""

    deck: DrawnDeck | None
    problems: tuple[str, ...]
    images: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0


def draw(outline: Path | None, label: str, design: object, debug: bool = False) -> Drawing:
    """Check and plan the outline as `build` does, then draw it for the browser; mistakes
    come back as `build` prints them (`deck.yaml:14:7: error: …`), never raised."""
    from aligndeck import api

    started = time.perf_counter()
    try:
        checked = api.check(outline, design=design if isinstance(design, api.Design)
                            else api.Design())
        # Served by their real path as checked now: a link put in an image's place later
        # cannot lead the server out of the project before the next check refuses it.
        images = {image_token(written, path): path.resolve()
                  for written, path in checked.assets.items()}
        names = {written: f"/images/{image_token(written, path)}"
                 for written, path in checked.assets.items()}
        deck = draw_deck(checked.plan, checked.theme, checked.minutes, names.__getitem__)
        warnings = tuple(problem.format(label) for problem in checked.warnings)
        return Drawing(deck, warnings, images, time.perf_counter() - started)
    except OutlineError as exc:
        lines = [problem.format(label) for problem in exc.problems]
        lines.append(f"{tally(exc.problems)}; the slides shown are from the last good save")
        return Drawing(None, tuple(lines), seconds=time.perf_counter() - started)
    except (BuildError, OSError) as exc:
        return Drawing(None, (f"error: {exc}",), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug in aligndeck: say so, keep serving the last good deck
        if debug:
            traceback.print_exc()
        return Drawing(None, (f"internal error: {type(exc).__name__}: {exc} (rerun with "
                              "--debug for the traceback, and please report it)",),
                       seconds=time.perf_counter() - started)


class LiveDeck:
    """What the pages show, and the queues of the pages that follow it (server-sent
    events). Changed only on the event loop; drawing happens in a worker thread."""

    def __init__(self, outline: Path | None, label: str, design: object, echo: Echo,
                 debug: bool = False) -> None:
        self.outline = outline
        self.label = label
        self.design = design
        self.echo = echo
        self.debug = debug
        self.version = 0
        self.deck: DrawnDeck | None = None
        self.problems: tuple[str, ...] = ()
        self.images: dict[str, Path] = {}
        self.followers: set[asyncio.Queue[str | None]] = set()
        self._pages: dict[Mode, str] = {}
        self.deck_id = "live"

    def accept(self, drawing: Drawing) -> None:
        """Take a new drawing: a good one replaces the slides; a bad one keeps them and
        shows its messages."""
        self.version += 1
        if drawing.deck is not None:
            self.deck = drawing.deck
            self.images = drawing.images
            self.problems = ()  # warnings go to the terminal, as `build` prints them
            slides = len(drawing.deck.slides)
            self.echo(f"drew {slides} slides in {drawing.seconds * 1000:.0f} ms")
            for line in drawing.problems:
                self.echo(line)
        else:
            self.problems = drawing.problems
            for line in drawing.problems:
                self.echo(line)
        self._pages = {}
        message = self.message()
        for queue in self.followers:
            queue.put_nowait(message)

    def refresh_sync(self) -> None:
        self.accept(draw(self.outline, self.label, self.design, self.debug))

    async def refresh(self) -> None:
        drawing = await asyncio.to_thread(draw, self.outline, self.label, self.design,
                                          self.debug)
        self.accept(drawing)

    def message(self) -> str:
        """The server-sent event that brings an open page up to date."""
        payload = {
            "version": self.version,
            "slides": list(self.deck.slides) if self.deck is not None else None,
            "pictures": self.deck.pictures if self.deck is not None else None,
            "data": ({**self.deck.data, "live": True, "version": self.version,
                      "id": self.deck_id} if self.deck is not None else None),
            "problems": list(self.problems),
        }
        return f"event: deck\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"

    def page(self, mode: Mode) -> str:
        if mode not in self._pages:
            deck = self.deck or DrawnDeck((), {"title": self.label, "minutes": 0,
                                               "slides": []}, self.label, "en")
            self._pages[mode] = page_html(deck, mode, inline=False, problems=self.problems,
                                          version=self.version, live=True,
                                          deck_id=self.deck_id)
        return self._pages[mode]

    def follow(self) -> asyncio.Queue[str | None]:
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.followers.add(queue)
        return queue

    def leave(self, queue: asyncio.Queue[str | None]) -> None:
        self.followers.discard(queue)

    def close(self) -> None:
        """End every event stream (the server is stopping)."""
        for queue in self.followers:
            queue.put_nowait(None)
