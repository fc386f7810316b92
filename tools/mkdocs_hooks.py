"""MkDocs hook: the site's Contributing page is CONTRIBUTING.md itself, so the two never
differ. Its links, written for the repository's root, are turned into the site's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARK = "<!-- CONTRIBUTING.md -->"


def site_links(text: str) -> str:
    """`docs/x.md` -> `x.md`, `README.md` -> the home page: links as the site has them."""
    text = re.sub(r"\]\(docs/", "](", text)
    return re.sub(r"\]\(README\.md(#[^)]*)?\)", "](index.md)", text)


COMMANDS = "<!-- COMMANDS -->"
WIDTH = 76


def command_reference() -> str:
    """Each command's `--help`, exactly as the terminal shows it, under a heading of its
    own so the site's search and table of contents find it. Read from the click commands
    while the site is built, so it cannot differ from the installed aligndeck."""
    import click

    from aligndeck.cli import main

    parts = []
    # As wide as the page's code blocks, with the group's settings (-h as well as --help).
    settings = {**main.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    with click.Context(main, info_name="aligndeck", **settings) as group:
        parts += ["```text", group.get_help(), "```", ""]
        for name in main.list_commands(group):
            command = main.get_command(group, name)
            assert command is not None
            with click.Context(command, info_name=name, parent=group, **settings) as context:
                parts += [f"### aligndeck {name}", "", "```text", context.get_help(), "```", ""]
    return "\n".join(parts)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARK in markdown:
        contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
        markdown = markdown.replace(MARK, site_links(contributing))
    if COMMANDS in markdown:
        markdown = markdown.replace(COMMANDS, command_reference())
    return markdown
