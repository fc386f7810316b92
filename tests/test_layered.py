"""The layered placement's rules on small hand-made graphs, each with its exact outcome:
straightening (chains in one line, slides that push what stands beyond, no slide that
straightens fewer) and packing in each layer's order.

Positions are cross offsets from `pack` with boxes 10 wide and gaps of 2, so neighbours in
a layer stand 12 apart."""

from __future__ import annotations

import itertools

import pytest

from aligndeck.plan.flow.layers import Graph, Layering, Spacing, assign_layers, order_layers
from aligndeck.plan.flow.position import pack

SPACING = Spacing(node=10, gap=2, leg=2, pad_before=1, pad_after=1)


def graph(links: str) -> Graph:
    """`"A>B B>C"`: nodes in the order they first appear."""
    edges = tuple((a, b) for a, b in (link.split(">") for link in links.split()))
    return Graph(tuple(dict.fromkeys(n for edge in edges for n in edge)), edges)


def place(g: Graph, *, drops: bool = False) -> tuple[Layering, dict[str, float]]:
    """Layers, order and cross positions as the flowchart layout makes them; with `drops`,
    an edge that skips layers runs down a leg reserved above its target (as in a
    top-to-bottom chart), which the target's packing order follows."""
    layering = assign_layers(g)
    legs = {i: (b, layering.layer[a], layering.layer[b] - 1) for i, (a, b) in enumerate(g.edges)
            if drops and layering.layer[b] - layering.layer[a] >= 2}
    order_layers(g, layering, legs, set())
    cross, _ = pack(g, layering, SPACING, legs, frozenset(legs))
    return layering, cross


def assert_orderly(layering: Layering, cross: dict[str, float]) -> None:
    """Every layer's nodes stand in the order the crossing reduction chose, a gap apart."""
    for names in layering.order:
        nodes = [n for n in names if not n.startswith("leg:")]
        for a, b in itertools.pairwise(nodes):
            assert cross[b] - cross[a] >= SPACING.node + SPACING.gap, (names, cross)


def test_a_chain_of_single_links_is_one_straight_line() -> None:
    # P fans out to X and Y; Q -> R -> S is a chain beside it. The median placement leaves
    # the chain zigzagging (Q 18, R 24, S 18) and P over X; straightened, the chain is one
    # line, and P slides across to line up with Y (one more edge straight in all),
    # pushing Q, which stands beyond it, along: both layers keep their order and gaps.
    g = graph("P>X P>Y X>Z Q>R R>S")
    layering, cross = place(g)
    assert layering.order == [["P", "Q"], ["X", "Y", "R"], ["Z", "S"]]
    assert cross == {"P": 12, "Q": 24, "X": 0, "Y": 12, "R": 24, "Z": 0, "S": 24}
    assert_orderly(layering, cross)


def test_a_slide_is_weighed_with_what_it_pushes() -> None:
    # A and B both lead to C, which stands under A; D stands alone after them. B could
    # line up with C too, but only by pushing A (beyond it, in the way) out of line: no
    # more edges straight in all, so nothing moves, and nothing is jumped over or overlaps.
    g = Graph(("A", "B", "C", "D"), (("B", "C"), ("A", "C")))
    layering, cross = place(g)
    assert layering.order == [["A", "B", "D"], ["C"]]
    assert cross == {"A": 0, "B": 12, "D": 24, "C": 0}
    assert_orderly(layering, cross)


def test_no_slide_that_straightens_fewer() -> None:
    # Z -> A -> B -> C is straight. A could line up with its other child D, which
    # straightens A -> D but bends Z -> A and A -> B: A stays.
    g = graph("Z>A A>B B>C A>D")
    layering, cross = place(g)
    assert layering.order == [["Z"], ["A"], ["B", "D"], ["C"]]
    assert cross == {"Z": 0, "A": 0, "B": 0, "C": 0, "D": 12}


def test_a_node_placed_with_its_drop_leg_keeps_its_layer_order() -> None:
    # A -> C skips a layer: C's leg drops beside B, so C is packed with the first layer,
    # before D exists. D still comes first in their layer, as the ordering put it.
    g = graph("A>B B>C B>D A>C")
    layering, cross = place(g, drops=True)
    assert layering.order == [["A", "leg:3:0"], ["B", "leg:3:1"], ["D", "C"]]
    assert cross == {"A": 0, "B": 0, "D": 0, "C": 12}
    assert_orderly(layering, cross)


def test_an_order_that_cannot_be_kept_goes_beyond_everything_placed() -> None:
    # Here keeping the order of one layer would push items along without end (each push
    # moves what stands beyond in another layer, which pushes back): the item then goes
    # beyond everything already placed, and no two boxes of a layer overlap.
    g = graph("B>F B>E B>C C>D A>C C>E A>B B>D")
    layering, cross = place(g, drops=True)
    assert layering.order == [["A", "leg:4:0"], ["B", "leg:1:1", "leg:4:1", "leg:7:1"],
                              ["F", "leg:1:2", "C", "leg:7:2"], ["E", "D"]]
    # (Placed so, then drawn towards their links without pushing: plan/flow/position.py _relax.)
    assert cross == {"A": 4, "B": 4, "F": 0, "C": 12, "E": 20, "D": 32}
    assert_orderly(layering, cross)


@pytest.mark.parametrize(("links", "starts_here", "layers"), [
    # S, a side input written before the chain it feeds, starts the flow: it stays first.
    ("C>D S>D A>B B>C", True, {"C": 2, "D": 3, "S": 0, "A": 0, "B": 1}),
    # Where the flow comes in from elsewhere (a slide after the first), every source
    # stands just before the box it feeds, as it always did.
    ("C>D S>D A>B B>C", False, {"C": 2, "D": 3, "S": 2, "A": 0, "B": 1}),
    # Only the start stays: a later side input still moves down to its box.
    ("S>D A>B B>C C>D T>C", True, {"S": 0, "D": 3, "A": 0, "B": 1, "C": 2, "T": 1}),
    # A start that is the first node written was at the first layer already.
    ("A>B B>C C>D S>D", True, {"A": 0, "B": 1, "C": 2, "D": 3, "S": 2}),
])
def test_the_flows_start_stays_in_the_first_layer(links: str, starts_here: bool,
                                                  layers: dict[str, int]) -> None:
    g = graph(links)
    layering = assign_layers(Graph(g.nodes, g.edges, starts_here=starts_here))
    assert layering.layer == layers


@pytest.mark.parametrize(("links", "turned"), [
    # One loop: the link back into the first node is turned round, as the walk finds it.
    ("A>B B>C C>A", {"C>A"}),
    # Mermaid's subgraph-cycle demo (corpus chart 12): the walk turns three links round
    # (E>A, F>D, G>D); moving D after E, F and G turns two (E>A, D>E), with A still first.
    ("A>B B>C C>D B>D D>E E>A E>F F>D F>G B>G G>D", {"E>A", "D>E"}),
    # Mermaid's getting-started chart (corpus chart 02): turning B>C alone would break
    # both loops, but C would then start a flow of its own before A: the walk's two stay.
    ("A>B B>C C>D C>E E>B D>F F>B", {"E>B", "F>B"}),
    # No cycle: nothing turned.
    ("A>B A>C B>D C>D", set()),
])
def test_cycles_are_broken_by_turning_the_fewest_links_that_keep_the_start(
        links: str, turned: set[str]) -> None:
    g = graph(links)
    layering = assign_layers(g)
    assert {f"{a}>{b}" for i, (a, b) in enumerate(g.edges) if i in layering.reversed} == turned
    assert layering.layer[g.nodes[0]] == 0
    assert all((layering.layer[a] < layering.layer[b]) != (i in layering.reversed)
               for i, (a, b) in enumerate(g.edges) if a != b)


@pytest.mark.parametrize("seed", range(40))
def test_crossings_are_every_pair_of_links_that_cross(seed: int) -> None:
    import random

    from aligndeck.plan.flow.layers import _crossings

    rng = random.Random(seed)
    order = [[f"n{level}.{i}" for i in range(rng.randint(0, 6))] for level in range(4)]
    level_of = {name: level for level, names in enumerate(order) for name in names}
    links: dict[str, list[str]] = {name: [] for name in level_of}
    for upper, lower in itertools.pairwise(order):
        for _ in range(rng.randint(0, 12)) if upper and lower else ():
            a, b = rng.choice(upper), rng.choice(lower)  # repeats too: each one counts
            links[a].append(b)
            links[b].append(a)
    # Two links between the same two layers cross where their ends stand in opposite
    # orders (links out of one node, or into one, do not).
    expected = 0
    for upper, lower in itertools.pairwise(order):
        ends = [(upper.index(a), lower.index(b)) for a in upper for b in links[a]
                if b in lower]
        expected += sum(1 for (i, j), (k, m) in itertools.combinations(ends, 2)
                        if (i - k) * (j - m) < 0)
    assert _crossings(order, links, level_of) == expected
