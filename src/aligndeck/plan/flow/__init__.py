"""Mermaid flowcharts laid out for a slide: the package's public face.

The slide kinds call `plan_flowchart_parts(text, source, area, …)` (one diagram a slide)
or `plan_flowchart` (one slide only) and never the phases. The
modules read as the steps of the layout, in order:

- `layers`: a layered graph (edges back reversed, layers assigned, order in each layer);
- `position`: packing the nodes across the flow, layer by layer;
- `branch`: a decision's exits and labels, and elbows LibreOffice would draw on one line;
- `tracks`: where each elbow runs across the channel it bends in, fewest crossings;
- `layout`: routes for every connector in the flowchart's direction;
- `untangle`: the drawn routes counted, and neighbours swapped where that draws less;
- `blocks`: subgraphs laid out apart, in their own direction, as one node of their parent;
- `sizing`: box and label sizes for a type size;
- `geometry`: the sizes the layout reads and the geometry it returns;
- `parts`: a chart too large for one slide, cut between layers (or across a layer too
  wide) into parts with markers;
- `pieces`: cut along its pieces instead: those no link joins, or the branches it falls
  into past a layer too wide for a slide;
- `continued`: the fewest parts that fit, every way to cut tried;
- `squeeze`: a packed layout's empty stripes taken out, for a chart that does not fit;
- `spread`: a chart that leaves much of its area empty, given roomier boxes and gaps;
- `refusal`: why a chart no slide holds is refused, with a split the planner tried;
- `notices`: the warnings that say how a chart was fitted (turned, wrapped, cut);
- `chart`: the whole chart, adapted to the area, turned into the plan's boxes and arrows;
- `style`: the chart's own classes and styles mapped onto the theme, after planning.
"""

from __future__ import annotations

from aligndeck.plan.flow.chart import PlannedFlowchart, plan_flowchart, plan_flowchart_parts
from aligndeck.plan.flow.style import restyle, restyle_text

__all__ = ["PlannedFlowchart", "plan_flowchart", "plan_flowchart_parts", "restyle", "restyle_text"]
