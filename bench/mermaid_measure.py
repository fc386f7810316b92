"""Mermaid's own layouts of the flowchart corpus, measured with aligndeck's yardstick.

A development tool, never a dependency: it runs mermaid-cli (Node) with the system Chromium,
renders every chart of tests/flowcharts/corpus/ with dagre (Mermaid's default) and with ELK,
reads node boxes and edge routes back from the SVG and measures them with
tests/flowmetrics.py, the module the corpus test measures aligndeck's plan with. The numbers
go to bench/data/mermaid-layouts.json, which the test and bench/flowcharts.py read.

Set-up, once, outside the repository (nothing of Mermaid is committed):

    mkdir -p /tmp/mermaid-cli && cd /tmp/mermaid-cli
    PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli @mermaid-js/layout-elk

then, from the repository:

    python bench/mermaid_measure.py --mmdc /tmp/mermaid-cli/node_modules/.bin/mmdc

How the SVG is read: a node is a `g.node` (its box is the bounding box of its outline shape,
in the SVG's coordinates after every `translate`); an edge is a `path[data-edge]`, and its
route is the layout's own points (`data-points`, before the renderer smooths dagre's into
curves and rounds ELK's corners); its ends are the nodes named in its `data-id`. Text size is
Mermaid's 16 px type scaled with the whole drawing into the slide's diagram area (the house
design's, 16:9), read as points. A chart whose front matter or header asks for ELK is
rendered with dagre for the dagre column (its `layout: elk` and `flowchart-elk` rewritten).
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from flowmetrics import Box, Drawing, Link, flow_start, measure  # noqa: E402

CORPUS = REPO / "tests" / "flowcharts" / "corpus"
OUT = REPO / "bench" / "data" / "mermaid-layouts.json"
SVG = "{http://www.w3.org/2000/svg}"
FONT_PX = 16.0
PUPPETEER = {"executablePath": "/usr/bin/chromium",
             "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update"]}
HEADER = re.compile(r"^\s*(?:flowchart|graph)(?:-elk)?(?:[ \t]+(TB|TD|BT|LR|RL))?", re.M)


def diagram_area() -> tuple[float, float]:
    """The house design's diagram area (width, height) in points."""
    from aligndeck.plan.theme import DEFAULT_THEME

    area = DEFAULT_THEME.frame("diagram").content
    return area.w / 12700, area.h / 12700


def direction(text: str) -> str:
    match = HEADER.search(text)
    found = match.group(1) if match and match.group(1) else "TB"
    return "TB" if found == "TD" else found


def as_dagre(text: str) -> str:
    text = re.sub(r"^(\s*layout:\s*)elk\b", r"\1dagre", text, flags=re.M)
    return re.sub(r"^(\s*)flowchart-elk\b", r"\1flowchart", text, flags=re.M)


def render(mmdc: str, text: str, engine: str, work: Path) -> tuple[str | None, str]:
    source = work / "chart.mmd"
    source.write_text(as_dagre(text) if engine == "dagre" else text, encoding="utf-8")
    (work / "config.json").write_text(json.dumps({"layout": engine}))
    (work / "puppeteer.json").write_text(json.dumps(PUPPETEER))
    target = work / "chart.svg"
    target.unlink(missing_ok=True)
    try:
        run = subprocess.run([mmdc, "-q", "-p", str(work / "puppeteer.json"), "-c",
                              str(work / "config.json"), "-i", str(source), "-o", str(target)],
                             capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        return None, "mermaid-cli timed out"
    if run.returncode != 0 or not target.exists():
        lines = [ln for ln in (run.stderr or run.stdout).splitlines() if ln.strip()]
        return None, (lines[0] if lines else f"mermaid-cli exit {run.returncode}")[:200]
    return target.read_text(encoding="utf-8"), ""


def _translate(element: ET.Element) -> tuple[float, float]:
    match = re.search(r"translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)", element.get("transform", ""))
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d*\.?\d+(?:e-?\d+)?", text)]


_ARGS = {"M": 2, "L": 2, "T": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "A": 7, "Z": 0}


def _path_points(d: str) -> list[tuple[float, float]]:
    """The points a path's outline passes through or is pulled towards (its end points,
    control points, and an arc's far side), in absolute coordinates."""
    pts: list[tuple[float, float]] = []
    x = y = sx = sy = 0.0
    for command, body in re.findall(r"([MLHVCSQTAZmlhvcsqtaz])([^MLHVCSQTAZmlhvcsqtaz]*)", d):
        upper, rel = command.upper(), command.islower()
        nums = _numbers(body)
        size = _ARGS[upper]
        if size == 0:
            x, y = sx, sy
            continue
        for i in range(0, len(nums) - size + 1, size):
            args = nums[i:i + size]
            ox, oy = (x, y) if rel else (0.0, 0.0)
            if upper == "H":
                x = args[0] + (x if rel else 0.0)
            elif upper == "V":
                y = args[0] + (y if rel else 0.0)
            elif upper == "A":
                rx, ry, nx, ny = args[0], args[1], args[5] + ox, args[6] + oy
                mx, my = (x + nx) / 2, (y + ny) / 2
                pts += [(mx, my - ry), (mx, my + ry)] if abs(nx - x) >= abs(ny - y) else \
                    [(mx - rx, my), (mx + rx, my)]
                x, y = nx, ny
            else:
                pairs = [(args[j] + ox, args[j + 1] + oy) for j in range(0, size, 2)]
                pts += pairs[:-1]
                x, y = pairs[-1]
            pts.append((x, y))
            if upper == "M" and i == 0:
                sx, sy = x, y
    return pts


def _shape_points(element: ET.Element) -> list[tuple[float, float]]:
    tag = element.tag.replace(SVG, "")
    dx, dy = _translate(element)
    if tag == "rect" and element.get("width"):
        x, y = float(element.get("x", 0)), float(element.get("y", 0))
        w, h = float(element.get("width", 0)), float(element.get("height", 0))
        pts = [(x, y), (x + w, y + h)]
    elif tag == "polygon":
        nums = _numbers(element.get("points", ""))
        pts = list(zip(nums[::2], nums[1::2], strict=False))
    elif tag == "path":
        pts = _path_points(element.get("d", ""))
    elif tag in ("circle", "ellipse"):
        cx, cy = float(element.get("cx", 0)), float(element.get("cy", 0))
        rx = float(element.get("r", element.get("rx", 0)))
        ry = float(element.get("r", element.get("ry", 0)))
        pts = [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    else:
        pts = []
    return [(x + dx, y + dy) for x, y in pts]


def _outline(node: ET.Element) -> list[tuple[float, float]]:
    """The points of a node's outline shapes, leaving out its text."""
    out: list[tuple[float, float]] = []
    for child in node:
        if "label" in child.get("class", "").split():
            continue
        tag = child.tag.replace(SVG, "")
        if tag == "g":
            dx, dy = _translate(child)
            out += [(x + dx, y + dy) for x, y in _outline(child)]
        else:
            out += _shape_points(child)
    return out


NODE_ID = re.compile(r"^[\w-]*?flowchart-(.+)-(\d+)$")


def read_svg(svg: str) -> tuple[list[tuple[int, Box]], list[tuple[str, list[Any]]], list[str]]:
    """Nodes (with Mermaid's creation counter), edges (data-id, absolute points) and the
    ids of the groups (subgraphs), which links may end at."""
    root = ET.fromstring(svg)
    nodes: list[tuple[int, Box]] = []
    edges: list[tuple[str, list[Any]]] = []
    groups: list[str] = []

    def walk(element: ET.Element, ox: float, oy: float) -> None:
        for child in element:
            dx, dy = _translate(child)
            classes = child.get("class", "").split()
            tag = child.tag.replace(SVG, "")
            if tag == "g" and "cluster" in classes:
                groups.append(re.sub(r"^my-svg-", "", child.get("id", "")))
            if tag == "g" and "node" in classes:
                match = NODE_ID.match(child.get("id", ""))
                pts = _outline(child)
                if match and pts:
                    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                    nodes.append((int(match.group(2)), Box(
                        match.group(1), ox + dx + min(xs), oy + dy + min(ys),
                        max(xs) - min(xs), max(ys) - min(ys))))
                continue
            if tag == "path" and child.get("data-edge") == "true" and child.get("data-points"):
                raw = json.loads(base64.b64decode(child.get("data-points", "")))
                edges.append((child.get("data-id", ""),
                               [(ox + p["x"], oy + p["y"]) for p in raw]))
                continue
            walk(child, ox + dx, oy + dy)

    walk(root, 0.0, 0.0)
    return nodes, edges, groups


def _ends(edge_id: str, names: list[str]) -> tuple[str, str]:
    """The two node ids in an edge's `L_<start>_<end>_<n>` (ids may hold underscores)."""
    body = re.sub(r"_\d+$", "", edge_id.removeprefix("L_")) if edge_id.startswith("L_") \
        else ""
    for name in sorted(names, key=len, reverse=True):
        if body.startswith(name + "_") and body[len(name) + 1:] in names:
            return name, body[len(name) + 1:]
    return "", ""


def _nearest(point: tuple[float, float], nodes: list[tuple[int, Box]]) -> str:
    """The node whose box is nearest `point` (where a link ends, on its box's outline)."""
    def gap(box: Box) -> float:
        dx = max(box.x - point[0], 0.0, point[0] - box.x - box.w)
        dy = max(box.y - point[1], 0.0, point[1] - box.y - box.h)
        return dx * dx + dy * dy
    return min((box for _, box in nodes), key=gap).name if nodes else ""


def measure_svg(svg: str, text: str, first: str | None,
                area: tuple[float, float]) -> dict[str, Any]:
    nodes, edges, groups = read_svg(svg)
    names = [box.name for _, box in nodes]
    links = []
    for edge_id, points in edges:
        start, end = _ends(edge_id, names + groups)
        if not start:  # an edge id of the chart's own (`A e1@--> B`): the nearest boxes
            start, end = (_nearest(points[0], nodes), _nearest(points[-1], nodes))
        links.append(Link(start, end, tuple(points)))
    drawing = Drawing(tuple(box for _, box in nodes), tuple(links), 1.0)
    first = first if first in names else (min(nodes)[1].name if nodes else None)
    metrics = measure(drawing, first, direction(text), area)
    view = re.search(r'viewBox="([-\d. e]+)"', svg)
    width, height = _numbers(view.group(1))[2:4] if view else (0.0, 0.0)
    scale = min(area[0] / width, area[1] / height) if width and height else 0.0
    return {"rendered": True, "nodes": len(nodes), "edges": len(links),
            "crossings": metrics.crossings, "through_boxes": metrics.through_boxes,
            "overlaps": metrics.overlaps, "bends": metrics.bends,
            "first_at_start": metrics.first_at_start, "aspect": round(metrics.aspect, 3),
            "width_px": round(width, 1), "height_px": round(height, 1),
            "text_pt": round(FONT_PX * scale, 1)}


def first_node(text: str) -> str | None:
    """The node the chart's flow starts from (flowmetrics.flow_start), by aligndeck's parser,
    when it reads the chart."""
    from aligndeck.outline.flowgraph import MermaidError
    from aligndeck.outline.mermaid import parse_flowchart

    try:
        chart = parse_flowchart(text)
    except MermaidError:
        return None
    return flow_start(chart)


def package_versions(mmdc: str) -> dict[str, str]:
    """The versions of mermaid and its ELK layout next to the mmdc found (node_modules)."""
    modules = Path(mmdc).parent.parent
    out = {}
    for key, name in (("mermaid", "mermaid"), ("layout_elk", "@mermaid-js/layout-elk")):
        package = modules / name / "package.json"
        if package.exists():
            out[key] = json.loads(package.read_text(encoding="utf-8")).get("version", "")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mmdc", default="/tmp/mermaid-cli/node_modules/.bin/mmdc")
    parser.add_argument("--only", default="", help="comma-separated chart numbers (01,02)")
    parser.add_argument("--svg", type=Path, default=None,
                        help="a folder to keep the SVGs in, and to reuse them from")
    args = parser.parse_args()
    version = subprocess.run([args.mmdc, "--version"], capture_output=True, text=True,
                             timeout=60).stdout.strip()
    area = diagram_area()
    previous = json.loads(OUT.read_text()) if OUT.exists() else {}
    charts: dict[str, Any] = dict(previous.get("charts", {}))
    wanted = {n for n in args.only.split(",") if n}
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(CORPUS.glob("*.mmd")):
            if wanted and path.name[:2] not in wanted:
                continue
            text = path.read_text(encoding="utf-8")
            first = first_node(text)
            row: dict[str, Any] = {}
            for engine in ("dagre", "elk"):
                kept = args.svg / f"{path.stem}.{engine}.svg" if args.svg else None
                if kept is not None and kept.exists():
                    svg, error = kept.read_text(encoding="utf-8"), ""
                else:
                    svg, error = render(args.mmdc, text, engine, Path(tmp))
                    if kept is not None and svg is not None:
                        kept.parent.mkdir(parents=True, exist_ok=True)
                        kept.write_text(svg, encoding="utf-8")
                row[engine] = measure_svg(svg, text, first, area) if svg is not None else \
                    {"rendered": False, "error": error}
            charts[path.stem] = row
            print(path.stem, {e: {k: v for k, v in r.items() if k in
                                  ("rendered", "crossings", "through_boxes", "overlaps",
                                   "text_pt", "error")} for e, r in row.items()}, flush=True)
    data = {"mermaid_cli": version, **package_versions(args.mmdc),
            "area_pt": [round(a, 1) for a in area], "font_px": FONT_PX,
            "charts": dict(sorted(charts.items()))}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
