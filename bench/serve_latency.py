"""Benchmark: from saving the outline to the page repainted, in `aligndeck serve`.

    pip install -e '.[test]'        # Playwright; the browser is Debian's chromium
    python bench/serve_latency.py   # the default deck, 40 saves
    python bench/serve_latency.py --saves 100 --outline my/deck.yaml --json serve.json

It copies the outline into a temporary folder, starts `python -m aligndeck serve` on it (a
separate process, as a user runs it) and opens the page in headless chromium. Then, again
and again, it changes the title of the second slide and saves the file, the way an editor
does (`--atomic`: write a temporary file and rename it over the outline). The time of a
save is taken just before the write; the page notes the time of the first frame painted
after it applied the update (`window.aligndeckPainted`, set in a requestAnimationFrame
callback). Both clocks are the machine's wall clock. Each save waits for its repaint, then
a pause, so that saves are not merged. Prints the median, the 90th percentile and the worst,
against the targets of issue 13 (median < 300 ms, worst < 1 s).

Benchmarks are not tests: nothing here is asserted in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TITLE = "A base model predicts text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outline", type=Path, default=REPO / "deck.yaml")
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--pause", type=float, default=0.25, help="seconds between saves")
    parser.add_argument("--atomic", action="store_true", help="save by rename, as editors do")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="aligndeck-serve-bench-"))
    outline = folder / "deck.yaml"
    shutil.copy(args.outline, outline)
    original = outline.read_text(encoding="utf-8")
    if TITLE not in original:
        sys.exit(f"{args.outline}: has no slide titled {TITLE!r} to edit")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    server = subprocess.Popen([sys.executable, "-m", "aligndeck", "serve", "deck.yaml",
                               "--port", "0"], cwd=folder, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    latencies: list[float] = []
    try:
        assert server.stdout is not None
        url = re.search(r"http://\S+/", server.stdout.readline())
        assert url is not None
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium)
            page = browser.new_page(bypass_csp=True)
            page.goto(url.group(0))
            page.wait_for_selector("section.slide")
            time.sleep(1.0)  # the event stream is open
            for number in range(1, args.saves + 1):
                text = original.replace(TITLE, f"{TITLE} {number}", 1)
                saved = time.time() * 1000
                if args.atomic:
                    temp = folder / f".deck.yaml.{number}"
                    temp.write_text(text, encoding="utf-8")
                    os.replace(temp, outline)
                else:
                    outline.write_text(text, encoding="utf-8")
                page.wait_for_function(
                    "([n, t]) => window.aligndeckPainted > t && document.querySelector("
                    "'section[data-slide=\"2\"] [data-name=\"title\"]').textContent"
                    ".endsWith(' ' + n)", arg=[number, saved], timeout=10_000)
                latencies.append(page.evaluate("window.aligndeckPainted") - saved)
                time.sleep(args.pause)
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    median = statistics.median(latencies)
    p90 = statistics.quantiles(latencies, n=10)[-1]
    worst = max(latencies)
    print(f"{len(latencies)} saves of {args.outline.name} "
          f"({'rename' if args.atomic else 'write in place'}): save -> repainted")
    print(f"  median {median:6.0f} ms   target < 300 ms: {'met' if median < 300 else 'NOT met'}")
    print(f"  p90    {p90:6.0f} ms")
    print(f"  worst  {worst:6.0f} ms   target < 1000 ms: {'met' if worst < 1000 else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps({"latencies_ms": latencies, "median_ms": median,
                                         "p90_ms": p90, "worst_ms": worst}, indent=2))


if __name__ == "__main__":
    main()
