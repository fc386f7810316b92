"""Tracks in a channel: where, along the flow, each elbow that bends between two layers runs
its stretch across, so that elbows cross each other as little as the channel allows.

Pure arithmetic on the abstract axes of plan/flow/layout.py. An elbow in a channel comes in
at one point across the flow on the channel's near side (`low`, nearer layer 0) and leaves
at another on its far side (`high`), running across on its track between; tracks are
numbered from the near side. Elbows that share their near point (a fan-out from one box, or
links back into one box) run across on one track, one line with branches, as an organisation
chart draws it; so do elbows that share their far point (a merge into one box). Two lines
whose ranges across overlap (or touch) take different tracks, and which of them is nearer
decides whether one crosses the other's straight stretch: the order with the fewest
crossings is taken (each pair's cost counted both ways), and an order that would lay one
line's stretch along another's is never taken where another is possible.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Elbow = tuple[int, int, float, float]
"""(edge index, channel, near point across, far point across)."""

OVERLAP = 100
"""The cost of an order that lays a stretch along another's: never taken for a crossing."""
EXHAUSTIVE = 7
"""Lines in one tangle up to which every order is tried; more are improved by moves."""


@dataclass(frozen=True)
class _Line:
    """Elbows on one track: their near and far points and the range the track spans."""

    members: tuple[int, ...]
    near: frozenset[float]
    far: frozenset[float]

    @property
    def low(self) -> float:
        return min(self.near | self.far)

    @property
    def high(self) -> float:
        return max(self.near | self.far)

    def inside(self, at: float) -> bool:
        return self.low < at < self.high

    def meets(self, other: _Line) -> bool:
        return self.low <= other.high and other.low <= self.high


def _cost(first: _Line, then: _Line) -> int:
    """Crossings (and overlaps, at OVERLAP each) when `first` runs on a nearer track than
    `then`: `then`'s near stretch reaches past `first`'s track, `first`'s far stretch
    past `then`'s; a far stretch of `first` on the same line as a near one of `then` lies
    along it between the two tracks."""
    return (sum(first.inside(at) for at in then.near) +
            sum(then.inside(at) for at in first.far) +
            OVERLAP * len(first.far & then.near))


def assign_tracks(elbows: Sequence[Elbow]) -> tuple[dict[int, int], dict[int, int]]:
    """Each elbow's track, and each channel's number of tracks (channels with no elbow left
    out). Elbows are read in the order given, which settles ties."""
    by_channel: dict[int, list[Elbow]] = defaultdict(list)
    for elbow in elbows:
        by_channel[elbow[1]].append(elbow)
    tracks: dict[int, int] = {}
    counts: dict[int, int] = {}
    for channel, members in by_channel.items():
        lines = _lines(members)
        placed = _place(lines)
        for line, track in zip(lines, placed, strict=True):
            for i in line.members:
                tracks[i] = track
        counts[channel] = 1 + max(placed)
    return tracks, counts


def _lines(elbows: Sequence[Elbow]) -> list[_Line]:
    """Elbows gathered into lines: those with one near point, then those left alone with
    one far point; each line in the order of its first elbow."""
    groups: dict[tuple[str, float], list[Elbow]] = defaultdict(list)
    for elbow in elbows:
        groups[("near", elbow[2])].append(elbow)
    alone = [g[0] for g in groups.values() if len(g) == 1]
    for key in [k for k, g in groups.items() if len(g) == 1]:
        del groups[key]
    for elbow in alone:
        groups[("far", elbow[3])].append(elbow)
    lines = [_Line(tuple(e[0] for e in g), frozenset(e[2] for e in g),
                   frozenset(e[3] for e in g)) for g in groups.values()]
    first = {i: k for k, e in enumerate(elbows) for i in (e[0],)}
    return sorted(lines, key=lambda line: min(first[i] for i in line.members))


def _place(lines: Sequence[_Line]) -> list[int]:
    """Each line's track: lines that meet on different tracks, in the order of least cost
    (first found, from the given order, on a tie), each as near as that order allows."""
    n = len(lines)
    meets = [[i != j and lines[i].meets(lines[j]) for j in range(n)] for i in range(n)]
    cost = [[_cost(lines[i], lines[j]) if meets[i][j] else 0 for j in range(n)]
            for i in range(n)]
    order = _best_order(n, cost)
    track = [0] * n
    done: list[int] = []
    for u in order:
        above = [track[v] for v in done if meets[u][v] and cost[v][u] != cost[u][v]]
        taken = {track[v] for v in done if meets[u][v]}
        t = 1 + max(above, default=-1)
        while t in taken:
            t += 1
        track[u] = t
        done.append(u)
    return track


def _best_order(n: int, cost: Sequence[Sequence[int]]) -> list[int]:
    def total(order: Iterable[int]) -> int:
        seq = tuple(order)
        return sum(cost[a][b] for k, a in enumerate(seq) for b in seq[k + 1:])

    start = list(range(n))
    if not any(cost[a][b] != cost[b][a] for a in range(n) for b in range(a)):
        return start  # no pair minds its order
    if n <= EXHAUSTIVE:
        return list(min(itertools.permutations(start), key=total))
    best, best_cost = start, total(start)
    improved = True
    while improved:  # move one line at a time to wherever lowers the cost most
        improved = False
        for line in range(n):
            rest = [u for u in best if u != line]
            for at in range(n):
                tried = [*rest[:at], line, *rest[at:]]
                value = total(tried)
                if value < best_cost:
                    best, best_cost, improved = tried, value, True
                    break
        # each pass that goes on lowers the cost, which cannot go below zero
    return best


def channel_elbows(edges: Sequence[tuple[str, str]], plans: Mapping[int, tuple[str, int]],
                   layer: Mapping[str, int], centre: Mapping[str, float]) -> list[Elbow]:
    """The elbows of a layout (`plans`: edge -> (route kind, channel)): every route that
    bends in a channel and whose ends are not in line, with its near and far points."""
    out: list[Elbow] = []
    for i, (kind, channel) in sorted(plans.items()):
        if kind in ("hook", "drop", "enter", "twin") or channel < 0:
            continue
        a, b = edges[i]
        ca, cb = centre[a], centre[b]
        if ca == cb:
            continue
        near, far = (ca, cb) if layer[a] < layer[b] else (cb, ca)
        out.append((i, channel, near, far))
    return out
