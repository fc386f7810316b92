"""Python's cyclic garbage collector held off while a deck is built.

A build makes many objects that live until it ends (the outline, the plan, the fitted
text, python-pptx's parts and proxies). The collector's passes walk them again and again
while they grow: in a 1,200-slide build its full passes took about a tenth of the CPU
time, and freed nothing (docs/notes/performance.md, sixth round). mypy holds its
collector back for the same reason. Reference counting still frees all that is not in a
cycle meanwhile. The cycles (python-pptx's package and its parts point at each other) are
freed by the first pass after the build, which walks what the build made once; a process
that ends right after its build (`aligndeck build`) skips even that.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")
_ending = [False]
"""Whether the process ends after the paused call that is running (ending_process)."""


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
                if _ending[0]:
                    # What the call made is all young to the collector, and its next
                    # pass would walk all of it: put it with the oldest instead (freeze,
                    # then unfreeze into the oldest generation), which a full pass frees.
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()

    return paused


@contextlib.contextmanager
def ending_process() -> Iterator[None]:
    """Paused calls inside this block leave their garbage for a full pass that a
    process ending right after them never makes; for one-shot commands only (a process
    that goes on to build again would keep each build's cycles until a full pass)."""
    before = _ending[0]
    _ending[0] = True
    try:
        yield
    finally:
        _ending[0] = before
