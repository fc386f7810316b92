"""The page around the slides: one template for the live preview and the self-contained file.

`draw_deck` turns a checked outline into the slides' markup and the data the script needs
(notes, click builds, minutes); `page_html` wraps them in the page, either pointing at the
server's scripts, fonts and images (`serve`) or with all of them inlined (`build --html`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import mimetypes
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from typing import Literal

from aligndeck.plan.context import measuring_fonts
from aligndeck.plan.model import DeckPlan
from aligndeck.plan.theme import Theme
from aligndeck.render.html.svg import ImageUrl, SlideDrawer

Mode = Literal["deck", "present", "presenter"]

FONT_FILES = {
    "aligndeck-sans-regular.woff2": ("normal", "normal"),
    "aligndeck-sans-bold.woff2": ("bold", "normal"),
    "aligndeck-sans-italic.woff2": ("normal", "italic"),
    "aligndeck-sans-bolditalic.woff2": ("bold", "italic"),
}
"""The web fonts the page ships (tools/make_web_fonts.py), with their weight and style."""

STATIC_FILES = {"deck.js": "text/javascript", "deck.css": "text/css"}

SERVED_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
              "font-src 'self'; img-src 'self' data:; connect-src 'self'")
"""`data:` images: the picture of a template's layout under each slide is inline (a JPEG,
which cannot run script)."""
FILE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "font-src data:; img-src data:")
"""The self-contained file may load nothing at all: every byte it shows is inside it."""


def static_bytes(name: str) -> bytes:
    """A file shipped with the page (script, style sheet, font, template)."""
    folder = resources.files("aligndeck.render.html") / "static"
    if name in FONT_FILES or name == "OFL.txt":
        folder = folder / "fonts"
    return (folder / name).read_bytes()


@dataclass(frozen=True)
class DrawnDeck:
    """A deck drawn for the browser: each slide's markup, and what the script needs."""

    slides: tuple[str, ...]
    data: dict[str, object]
    title: str
    lang: str
    pictures: str = ""
    """A template's pictures, each once, as `<image id>` elements the slides `<use>`."""


def draw_deck(plan: DeckPlan, theme: Theme, minutes: float, image_url: ImageUrl
              ) -> DrawnDeck:
    drawer = SlideDrawer(plan, theme, measuring_fonts(theme), image_url)
    slides = tuple(drawer.slide(number, slide) for number, slide in enumerate(plan.slides, 1))
    data: dict[str, object] = {
        "title": plan.title,
        "minutes": round(minutes, 1),
        "aspect": plan.width / plan.height,
        "slides": [{"kind": s.kind, "title": s.title, "notes": s.notes,
                    "builds": [list(click) for click in s.builds]} for s in plan.slides],
    }
    pictures: dict[str, tuple[str, str, int, int]] = {}
    if theme.frames is not None:
        for family in ("cover", "content", "diagram"):
            backdrop = theme.frame(family).backdrop
            for picture in backdrop.pictures if backdrop is not None else ():
                pictures.setdefault(picture[0], picture)
    return DrawnDeck(slides, data, plan.title, plan.language, picture_defs(pictures.values()))


def picture_defs(pictures: Iterable[tuple[str, str, int, int]]) -> str:
    """A template's pictures (id, data: address, pixel size) as `<image>` elements for the
    page's one `<defs>`: the slides' layouts draw them with `<use href="#pic-…">`, so a
    photo on every slide is in the page once."""
    return "".join(f'<image id="{escape(pid)}" width="{w}" height="{h}" '
                   f'preserveAspectRatio="none" href="{escape(url)}"/>'
                   for pid, url, w, h in pictures)


def data_url(path: Path) -> str:
    """A file as a `data:` address (images in the self-contained page)."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def image_token(written: str, path: Path) -> str:
    """The served name of an image: a digest of where it is and what it holds, so a saved
    image gets a new address and the browser fetches it again."""
    digest = hashlib.sha256(str(path).encode() + b"\0" + path.read_bytes()).hexdigest()
    return digest[:24] + (path.suffix.lower() if path.suffix.isascii() else "")


def _json_for_script(value: object) -> str:
    # Inside <script>, "</" could close the element: escape it (and the line separators
    # JavaScript once refused in strings).
    text = json.dumps(value, ensure_ascii=False)
    return (text.replace("</", "<\\/").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029"))


def page_html(deck: DrawnDeck, mode: Mode, *, inline: bool, problems: Sequence[str] = (),
              version: int = 0, live: bool = False, deck_id: str = "deck",
              slides: Sequence[str] | None = None) -> str:
    """The whole page. `inline` puts the style sheet, script and fonts inside it (the
    file `build --html` writes); otherwise they are fetched from the server's fixed
    addresses. `problems` are shown above the slides (the last save's mistakes)."""
    from jinja2 import Environment

    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(static_bytes("page.html.j2").decode("utf-8"))
    faces = []
    for name, (weight, style) in FONT_FILES.items():
        url = (f"data:font/woff2;base64,{base64.b64encode(static_bytes(name)).decode()}"
               if inline else f"/fonts/{name}")
        faces.append({"url": url, "weight": weight, "style": style})
    data = {**deck.data, "live": live, "version": version, "id": deck_id}
    return template.render(
        lang=deck.lang, title=deck.title, mode=mode, version=version, inline=inline,
        csp=FILE_CSP if inline else SERVED_CSP, faces=faces,
        css=static_bytes("deck.css").decode("utf-8") if inline else "",
        js=static_bytes("deck.js").decode("utf-8") if inline else "",
        css_url="/static/deck.css", js_url="/static/deck.js",
        slides=deck.slides if slides is None else slides, problems=list(problems),
        pictures=deck.pictures,
        data=_json_for_script(data))


def write_html(plan: DeckPlan, theme: Theme, minutes: float, assets: Mapping[str, Path],
               out: Path) -> int:
    """The self-contained page for `build --html`, written atomically; returns its size."""
    import os
    import tempfile

    deck = draw_deck(plan, theme, minutes, lambda written: data_url(assets[written]))
    text = page_html(deck, "deck", inline=True, deck_id=hashlib.sha256(
        plan.title.encode()).hexdigest()[:12]).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return len(text)
