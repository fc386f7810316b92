"""The preview command's long steps on the terminal: LibreOffice, pages, a contact sheet."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

T = TypeVar("T")


def render_preview(deck: Path, folder: Path, dpi: int, slides: int, name: str
                    ) -> tuple[list[Path], tuple[int, int]]:
    """Deck to PDF to PNGs to contact sheet, with a progress bar on stderr: one step for
    LibreOffice (its elapsed seconds ticking), one per page, one for the sheet."""
    from aligndeck import export
    from aligndeck.contact_sheet import make_contact_sheet

    def show(item: object) -> str | None:
        return None if item is None else str(item)

    with click.progressbar(length=slides + 2, label=f"previewing {name}", show_eta=False,
                           item_show_func=show, file=sys.stderr) as bar:
        pdf = deck.with_suffix(".pdf")

        def redraw(item: str) -> None:
            bar.current_item = item  # update(0, item) would not redraw
            bar.render_progress()

        ticking(redraw, "converting with LibreOffice", lambda: export.to_pdf(deck, pdf))
        done = 0

        def on_page(count: int) -> None:
            nonlocal done
            if count > done:
                bar.update(count - done, f"rasterizing page {count}/{slides}")
                done = count

        bar.update(1, "rasterizing")
        pages = export.to_pngs(pdf, folder, dpi, on_page)
        on_page(len(pages))
        redraw("contact sheet")
        size = make_contact_sheet(pages, folder / "contact-sheet.png")
        bar.update(1, "done")
    return pages, size


def ticking(show: Callable[[str], None], label: str, action: Callable[[], T]) -> T:
    """Run one long step, showing its label with its elapsed seconds twice a second."""
    import threading
    import time

    started = time.monotonic()
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(0.5):
            show(f"{label} ({time.monotonic() - started:.0f} s)")

    show(label)
    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        return action()
    finally:
        stop.set()
        ticker.join()
