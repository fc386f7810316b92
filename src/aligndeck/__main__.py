"""`python -m aligndeck` runs the command-line interface."""

from __future__ import annotations

from aligndeck.cli import entry

if __name__ == "__main__":
    entry()
