"""Slide families: which layout each kind of slide is drawn on, with or without a template."""

from __future__ import annotations

FAMILIES = ("cover", "content", "diagram")
"""Slide families: cover (title and closing), content (title + bullets), diagram (title only)."""

FAMILY_OF_KIND = {
    "title": "cover", "closing": "cover",
    "content": "content", "stage": "content", "shortcoming": "content",
    "image": "diagram", "quote": "diagram", "columns": "diagram",
    "pipeline": "diagram", "loop": "diagram", "comparison": "diagram", "insight": "diagram",
    "shortcomings": "diagram", "diagram": "diagram", "table": "diagram", "chart": "diagram",
}
