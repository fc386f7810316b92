"""Fixtures shared by the plan, deck and render tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from aligndeck.outline.loader import load_outline
from aligndeck.outline.models import Outline
from helpers import DEFAULT_OUTLINE, build_outline, run_validator

# No per-example deadline anywhere: CI machines are shared and slow, and times are the
# benchmark's business (bench/), never a test's.
settings.register_profile("aligndeck", deadline=None)
settings.load_profile("aligndeck")


@pytest.fixture(scope="session")
def default_outline() -> Outline:
    """The talk in the repo-root deck.yaml."""
    return load_outline(DEFAULT_OUTLINE)


@pytest.fixture(scope="session")
def make_outline() -> Callable[..., Outline]:
    """Factory: `make_outline(stages=8, loop_steps=6, responses=3, shortcomings=8, ...)`.

    Session-scoped (it is a pure function), so hypothesis tests may use it too.
    See helpers.build_outline for every knob.
    """
    return build_outline


@pytest.fixture(scope="session")
def validate_pptx() -> Callable[[Path], Any]:
    """`validate_pptx(path)`: the package must pass ooxml_check with no problem."""
    return run_validator


@pytest.fixture(scope="session")
def browser() -> Any:
    """One headless chromium for the session's browser tests (skipped without it)."""
    from helpers import require_chromium

    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(path))
        yield launched
        launched.close()


@pytest.fixture
def served() -> Any:
    """`served(outline, design=None)`: the deck served on a free loopback port, in a
    thread, until the test ends; returns the prepared server (its `.url`, `.live`)."""
    import threading
    import time

    from aligndeck.api import Design
    from aligndeck.serve.run import prepare

    running: list[tuple[Any, threading.Thread]] = []

    def start(outline: Path | None, design: Any = None, label: str | None = None) -> Any:
        prepared = prepare(outline, label or str(outline), design or Design(),
                           host="127.0.0.1", port=0, warn=lambda _message: None)
        thread = threading.Thread(target=prepared.server.run,
                                  kwargs={"sockets": [prepared.sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not prepared.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        running.append((prepared, thread))
        return prepared

    yield start
    for prepared, thread in running:
        prepared.server.should_exit = True
        thread.join(10)
