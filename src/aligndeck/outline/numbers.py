"""Numbers in the outline's language: reading "1.234,5" in a German table or CSV file, and
writing the numbers the deck adds (data labels, alt text, notes) with its separators.

CLDR's data comes through Babel, loaded on first use. English (and a language Babel does
not know) keeps the built-in English rules, so an English deck is unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_AFFIXES = re.compile(r"^[(]?[$€£¥]?(?P<number>.*?)[\s\u00a0\u202f]?"
                      r"(%|pp|×|x|k|K|M|B|ms|s)?[)]?$")


@lru_cache(maxsize=32)
def _locale(language: str) -> Any:
    """Babel's Locale for a BCP 47 tag; None for English or a tag CLDR does not know."""
    if language.split("-")[0].lower() == "en":
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(language.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return None


def locale_tag(language: str) -> str:
    """The locale prefix of an Excel number format (`[$-407]` for de-DE), so a chart's
    numbers follow the deck's language rather than the reader's settings; "" for English
    and for a language Windows has no locale id for."""
    locale = _locale(language)
    if locale is None:
        return ""
    import locale as system

    ids = {name: number for number, name in sorted(system.windows_locale.items())}
    name = f"{locale.language}_{locale.territory}" if locale.territory else ""
    number = ids.get(name) or next((n for key, n in ids.items()
                                    if key.split("_")[0] == locale.language), None)
    return f"[$-{number:X}]" if number else ""


def is_localized(language: str) -> bool:
    """Whether numbers follow another language's rules than English's."""
    return _locale(language) is not None


def parse_local(text: str, language: str) -> float | None:
    """The number `text` is as the language writes it ("1.234,5" in German, spaces or a
    narrow space grouping in French), or None when it is not one in that language."""
    locale = _locale(language)
    if locale is None:
        return None
    from babel.numbers import NumberFormatError, parse_decimal

    cleaned = text.strip().replace("−", "-")
    group = locale.number_symbols.get("latn", {}).get("group", "")
    if group and _SPACES.fullmatch(group):
        cleaned = _SPACES.sub(group, cleaned)
    if not cleaned or not any(c.isdigit() for c in cleaned):
        return None
    try:
        return float(parse_decimal(cleaned, locale=locale, strict=True))
    except (NumberFormatError, ValueError):
        return None


def is_local_number_cell(text: str, language: str) -> bool:
    """Whether a table cell reads as a number in the language, its unit and brackets
    aside ("3,5 %", "(1.234)", "−4 pp")."""
    match = _AFFIXES.match(text.strip())
    return match is not None and parse_local(match.group("number"), language) is not None


def format_local(value: float, places: int, language: str) -> str:
    """The value with `places` decimals and the language's grouping and decimal marks."""
    locale = _locale(language)
    if locale is None:
        return f"{value:,.{places}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(format_decimal(value, format=pattern, locale=locale))


def join_unit(number: str, unit: str | None, language: str) -> str:
    """A number and its unit: "%" and other symbols stick to it (or follow the language's
    space: "3,5 %" in German), words follow a space."""
    if not unit:
        return number
    if len(unit) <= 1 and not unit.isalpha():
        locale = _locale(language)
        if unit == "%" and locale is not None:
            pattern = locale.percent_formats[None].pattern
            space = "\u00a0" if "\u00a0%" in pattern else " " if " %" in pattern else ""
            return f"%{number}" if pattern.startswith("%") else f"{number}{space}%"
        return f"{number}{unit}"
    return f"{number} {unit}"
