"""Tracks in a channel (plan/flow/tracks.py): elbows that bend between two layers, each with
its near point (on the side of the layer before) and far point (the layer after) across the
flow, given tracks so that they cross as little as the channel allows."""

from __future__ import annotations

import itertools

import pytest

from aligndeck.plan.flow.tracks import Elbow, assign_tracks, channel_elbows


def crossings(elbows: list[Elbow], tracks: dict[int, int]) -> int:
    """Crossings of the drawn elbows: near stretch (from the channel's near side to the
    track), track stretch, far stretch (from the track to the far side)."""
    count = 0
    for (i, _, ni, fi), (j, _, nj, fj) in itertools.combinations(elbows, 2):
        for (a, na, fa), (b, nb, fb) in (((i, ni, fi), (j, nj, fj)),
                                         ((j, nj, fj), (i, ni, fi))):
            low, high = sorted((na, fa))
            # b's near stretch runs from the near side to b's track: it crosses a's track
            # when a's track is nearer; b's far stretch when a's track is farther.
            if low < nb < high and tracks[a] < tracks[b]:
                count += 1
            if low < fb < high and tracks[a] > tracks[b]:
                count += 1
    return count


FAN_RIGHT = [(0, 0, 10.0, 20.0), (1, 0, 10.0, 30.0), (2, 0, 10.0, 40.0)]
FAN_BOTH = [(0, 0, 50.0, 10.0), (1, 0, 50.0, 30.0), (2, 0, 50.0, 70.0), (3, 0, 50.0, 90.0)]
MERGE = [(0, 0, 10.0, 50.0), (1, 0, 90.0, 50.0)]
STAIRS = [(0, 0, 10.0, 30.0), (1, 0, 20.0, 40.0), (2, 0, 0.0, 35.0)]
SWAP = [(0, 0, 10.0, 40.0), (1, 0, 50.0, 20.0)]
APART = [(0, 0, 10.0, 20.0), (1, 0, 30.0, 40.0)]


@pytest.mark.parametrize(("elbows", "lines", "crossed"), [
    (FAN_RIGHT, 1, 0),      # a fan-out from one box: one line, branches off it
    (FAN_BOTH, 1, 0),       # ... to both sides
    (MERGE, 1, 0),          # two links into one box meet on one line
    (STAIRS, 3, 1),         # three apart, overlapping: one crossing is unavoidable
    (SWAP, 2, 1),           # two links whose ends swap sides cross once, whatever the order
    (APART, 1, 0),          # ranges that do not meet share a track
])
def test_tracks_keep_lines_apart_and_crossings_least(elbows: list[Elbow], lines: int,
                                                     crossed: int) -> None:
    tracks, counts = assign_tracks(elbows)
    assert counts == {0: lines}
    assert sorted(tracks) == [e[0] for e in elbows]
    assert crossings(elbows, tracks) == crossed


@pytest.mark.parametrize("elbows", [STAIRS, [(0, 0, 0.0, 50.0), (1, 0, 10.0, 20.0),
                                             (2, 0, 30.0, 60.0), (3, 0, 5.0, 55.0),
                                             (4, 0, 25.0, 45.0)]])
def test_tracks_are_the_least_crossing_order_of_any(elbows: list[Elbow]) -> None:
    tracks, _ = assign_tracks(elbows)
    best = min(crossings(elbows, dict(zip([e[0] for e in elbows], order, strict=True)))
               for order in itertools.permutations(range(len(elbows))))
    assert crossings(elbows, tracks) == best


def test_lines_whose_ranges_meet_never_share_a_track() -> None:
    elbows = [(i, 0, float(i), float(i + 15)) for i in range(12)]  # past the exhaustive size
    tracks, counts = assign_tracks(elbows)
    for (i, _, a, b), (j, _, c, d) in itertools.combinations(elbows, 2):
        if min(a, b) <= max(c, d) and min(c, d) <= max(a, b):
            assert tracks[i] != tracks[j]
    assert crossings(elbows, tracks) == 0
    assert counts[0] == 12


def test_a_far_stretch_never_lies_along_a_near_one() -> None:
    # 0 leaves the channel at 30 where 1 comes in: 1 must run nearer than 0, or 0's
    # stretch from its track to the far side would lie along 1's from the near side.
    elbows = [(0, 0, 10.0, 30.0), (1, 0, 30.0, 50.0), (2, 0, 20.0, 40.0)]
    tracks, _ = assign_tracks(elbows)
    assert tracks[1] < tracks[0]


def test_channel_elbows_take_bending_routes_only() -> None:
    edges = [("a", "b"), ("a", "c"), ("d", "a"), ("a", "e"), ("a", "c")]
    layer = {"a": 0, "b": 1, "c": 1, "d": 1, "e": 2}
    centre = {"a": 10.0, "b": 10.0, "c": 30.0, "d": 40.0, "e": 50.0}
    plans = {0: ("direct", 0), 1: ("direct", 0), 2: ("leg", 0), 3: ("drop", 1),
             4: ("twin", 0)}
    assert channel_elbows(edges, plans, layer, centre) == [
        (1, 0, 10.0, 30.0),   # in line (0), an L (3) and a twin drawn on another (4): out
        (2, 0, 10.0, 40.0),   # an edge back: its near point is its target's
    ]
