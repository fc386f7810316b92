"""Python's cyclic garbage collector held off while a deck is built.

A build makes many objects that live until it ends (the outline, the plan, the fitted
text, python-pptx's parts and proxies). The collector's passes walk them again and again
while they grow: in a 1,200-slide build its full passes took about a tenth of the CPU
time, and freed nothing (docs/notes/performance.md, sixth round). mypy holds its
collector back for the same reason. Reference counting still frees all that is not in a
cycle meanwhile. The cycles (python-pptx's package and its parts point at each other) are
freed by the first pass after the build, which walks what the build made once; the
command (`cli.entry`) makes young passes rare enough that a process ending right after its
build skips even that.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """`function` run with the cyclic collector off, then put back as it was (on or off),
    whether it returns or raises; calls inside calls leave it off until the outer one
    ends."""

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        was_on = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()

    return paused
