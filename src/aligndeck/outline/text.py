"""Text the user writes: the one annotation every text field of the outline uses."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

NO_CONTROL_CHARACTERS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
"""Control characters cannot be stored in a PowerPoint file (XML forbids them)."""

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=NO_CONTROL_CHARACTERS)
]
"""A piece of text the user wrote: surrounding whitespace removed, never empty, no control
characters (tabs and line breaks are fine)."""
