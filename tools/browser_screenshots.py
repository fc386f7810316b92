"""Take the user guide's pictures of the browser preview (docs/presenting.md) with the
browser the tests drive.

Serves the default talk (`python -m aligndeck serve --reveal`), opens the column view and
the presenter's view in headless chromium (Playwright, Debian's /usr/bin/chromium) and
saves docs/browser-preview.png and docs/browser-presenter.png. Run from the repository
root:

    python tools/browser_screenshots.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    server = subprocess.Popen([sys.executable, "-m", "aligndeck", "serve", "deck.yaml",
                               "--reveal", "--port", "0"], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        found = re.search(r"http://\S+/", server.stdout.readline())
        assert found is not None
        url = found.group(0)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.goto(url)
            page.evaluate("document.fonts.ready")
            page.evaluate("window.scrollTo(0, document.querySelector("
                          "'section[data-slide=\"4\"]').offsetTop - 28)")
            page.screenshot(path=str(REPO / "docs" / "browser-preview.png"))
            page.goto(url + "presenter#8.2")
            page.evaluate("document.fonts.ready")
            page.wait_for_timeout(300)
            page.screenshot(path=str(REPO / "docs" / "browser-presenter.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
