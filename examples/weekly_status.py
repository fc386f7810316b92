"""An analyst's weekly job: one status deck per warehouse, 30 of them, from one CSV.

    python examples/weekly_status.py OUT/            # OUT/01-warehouse.pptx … 30
    python examples/weekly_status.py OUT/ --twice    # and proves every deck byte-identical

Reads (or first writes, seeded, so every run has the same numbers) `OUT/weekly.csv`: one
row per warehouse and week, with a few cells left empty where a count did not arrive.
For each warehouse it builds a deck through the Python API (`aligndeck.build`) from a
mapping made in code: the four-stage process, a table of the latest week, and a line
chart of the last eight weeks whose gaps stay gaps. Some names are long German ones, one
warehouse is Japanese, one Arabic, one German with `language: de-DE`.

`write_outlines(folder)` writes the same decks as YAML files instead, for the CLI
(bench/batch.py times 30 CLI calls against one batch call on them).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path
from typing import Any

WEEKS = 8
COLUMNS = ("warehouse", "week", "received", "shipped", "backlog")

NAMES = [
    "Berlin Nord", "Hamburg Hafen", "München Süd", "Köln Ost", "Frankfurt Flughafen",
    "Stuttgart", "Düsseldorf", "Leipzig", "Dortmund", "Essen", "Bremen", "Dresden",
    "Hannover", "Nürnberg", "Duisburg", "Bochum", "Wuppertal", "Bielefeld", "Bonn",
    "Münster", "Karlsruhe", "Mannheim", "Augsburg", "Wiesbaden",
    "Zentrallager Nordrhein-Westfalen Güterverkehrszentrum Duisburg-Rheinhausen",
    "Regionalverteilzentrum Mecklenburg-Vorpommern Ostseeküste",
    "Kühlhaus- und Tiefkühllogistikzentrum Oberschwaben",
    "東京湾岸物流センター",
    "مستودع دبي المركزي",
    "Verteilzentrum Kassel",
]
LANGUAGES = {"東京湾岸物流センター": "ja-JP", "مستودع دبي المركزي": "ar-AE",
             "Verteilzentrum Kassel": "de-DE"}

WORDS: dict[str, dict[str, Any]] = {
    "en-US": {"title": "Weekly status: {name}", "stages": [
        ("Receive", "Goods checked in at the dock"), ("Store", "Put away and counted"),
        ("Pick", "Orders collected from the shelves"), ("Ship", "Loaded and on the road")],
        "table": "This week", "chart": "Eight weeks", "metric": "Measure",
        "now": "This week", "before": "Last week",
        "rows": ["Received", "Shipped", "Backlog"]},
    "de-DE": {"title": "Wochenstatus: {name}", "stages": [
        ("Wareneingang", "Ware an der Rampe geprüft"), ("Lagerung", "Eingelagert und gezählt"),
        ("Kommissionierung", "Aufträge aus dem Regal"), ("Versand", "Verladen und unterwegs")],
        "table": "Diese Woche", "chart": "Acht Wochen", "metric": "Kennzahl",
        "now": "Diese Woche", "before": "Vorwoche",
        "rows": ["Eingang", "Versand", "Rückstand"]},
    "ja-JP": {"title": "週次報告：{name}", "stages": [
        ("入荷", "ドックで検品"), ("保管", "棚入れと棚卸"), ("ピッキング", "棚から注文品を集める"),
        ("出荷", "積み込みと配送")],
        "table": "今週", "chart": "8週間の推移", "metric": "指標", "now": "今週",
        "before": "先週", "rows": ["入荷数", "出荷数", "未処理"]},
    "ar-AE": {"title": "التقرير الأسبوعي: {name}", "stages": [
        ("الاستلام", "فحص البضائع عند الرصيف"), ("التخزين", "الترتيب على الرفوف والجرد"),
        ("التجهيز", "جمع الطلبات من الرفوف"), ("الشحن", "التحميل والانطلاق")],
        "table": "هذا الأسبوع", "chart": "ثمانية أسابيع", "metric": "المقياس",
        "now": "هذا الأسبوع", "before": "الأسبوع الماضي",
        "rows": ["المستلم", "المشحون", "المتأخر"]},
}


def write_csv(path: Path, seed: int = 23) -> None:
    """Eight weeks per warehouse, seeded; about one cell in twenty left empty."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for name in NAMES:
            base = rng.randrange(800, 4000)
            for week in range(1, WEEKS + 1):
                received = base + rng.randrange(-300, 300)
                shipped = received - rng.randrange(-200, 250)
                row: list[Any] = [name, f"W{week}", received, shipped, received - shipped]
                for i in (2, 3):
                    if rng.random() < 0.05:
                        row[i] = ""
                writer.writerow(row)


def read_csv(path: Path) -> dict[str, list[dict[str, str]]]:
    by_name: dict[str, list[dict[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            by_name.setdefault(row["warehouse"], []).append(row)
    return by_name


def _value(cell: str) -> int | None:
    return int(cell) if cell.strip() else None  # an empty cell is a gap, not a zero


def outline_for(name: str, weeks: list[dict[str, str]]) -> dict[str, Any]:
    """One warehouse's deck, as a mapping: what a script has in hand."""
    language = LANGUAGES.get(name, "en-US")
    words = WORDS[language]
    last, before = weeks[-1], weeks[-2]
    rows = [[label, _value(last[key]), _value(before[key])]
            for label, key in zip(words["rows"], ("received", "shipped", "backlog"),
                                  strict=True)]
    return {
        "title": words["title"].format(name=name),
        "language": language,
        "intro": [
            {"title": words["table"],
             "table": {"header": [words["metric"], words["now"], words["before"]],
                       "rows": rows}},
            {"title": words["chart"],
             "chart": {"type": "line", "categories": [w["week"] for w in weeks],
                       "series": [{"name": words["rows"][0],
                                   "values": [_value(w["received"]) for w in weeks]},
                                  {"name": words["rows"][1],
                                   "values": [_value(w["shipped"]) for w in weeks]}]}},
        ],
        "stages": [{"name": stage, "summary": summary} for stage, summary in words["stages"]],
        "stage_slides": False,  # a status deck: the overview is enough
    }


def outlines(data: Path) -> dict[str, dict[str, Any]]:
    """Every warehouse's outline, by a file-safe name."""
    if not data.exists():
        write_csv(data)
    made = {}
    for i, (name, weeks) in enumerate(read_csv(data).items(), start=1):
        made[f"{i:02d}-warehouse"] = outline_for(name, weeks)
    return made


def write_outlines(folder: Path) -> list[Path]:
    """The same decks as YAML files in `folder`, for the command line."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, outline in outlines(folder / "weekly.csv").items():
        path = folder / f"{stem}.yaml"
        path.write_text(yaml.safe_dump(outline, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    import aligndeck

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--twice", action="store_true",
                        help="build every deck twice and compare the bytes")
    args = parser.parse_args()
    started = time.perf_counter()
    failed = []
    decks = outlines(args.folder / "weekly.csv")
    for stem, outline in decks.items():
        out = args.folder / f"{stem}.pptx"
        try:
            result = aligndeck.build(outline, out)
        except aligndeck.DeckError as exc:
            failed.append(stem)
            print(f"{stem}: failed\n{exc}", file=sys.stderr)
            continue
        for warning in result.warnings:
            print(f"{stem}: {warning.path}: {warning.message}", file=sys.stderr)
        if args.twice:
            first = out.read_bytes()
            aligndeck.build(outline, out)
            assert out.read_bytes() == first, f"{out} differs between builds"
    seconds = time.perf_counter() - started
    print(f"built {len(decks) - len(failed)} of {len(decks)} decks in {seconds:.1f} s"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
