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
