"""aligndeck: a YAML outline of a talk in, a PowerPoint deck with native diagrams out."""

from __future__ import annotations

__version__ = "0.1.0"
