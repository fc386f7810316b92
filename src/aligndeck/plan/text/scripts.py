"""Which language, direction and East Asian or complex-script font a piece of text needs,
from the scripts it uses."""

from __future__ import annotations

import unicodedata

EAST_ASIAN_FONTS = {
    "ja": "Yu Gothic",
    "zh-CN": "Microsoft YaHei",
    "zh-TW": "Microsoft JhengHei",
    "zh-HK": "Microsoft JhengHei",
    "ko": "Malgun Gothic",
}
"""Fonts every current Windows and Office has for each East Asian language; LibreOffice
substitutes Noto Sans CJK (Debian's fonts-noto-cjk) where they are missing."""


RTL_LANGUAGES = frozenset({"he", "iw", "yi", "ar", "fa", "ur", "ps", "sd", "ug", "ckb", "dv"})
"""Languages written right to left (the first part of a tag: he-IL, ar-EG, fa-IR, ur-PK)."""

COMPLEX_SCRIPT_FONTS = {"hebrew": "Noto Sans Hebrew", "arabic": "Noto Sans Arabic",
                        "thai": "Noto Sans Thai", "devanagari": "Noto Sans Devanagari"}
"""The typeface written for runs in a complex script (`a:cs`: right to left, or Thai) and
measured with: free, on every platform, and drawn by LibreOffice (Debian's fonts-noto-core);
PowerPoint substitutes a system font of the script where it is missing."""

_DEFAULT_LANGUAGE = {"hebrew": "he-IL", "arabic": "ar-SA"}
_WRITES = {"hebrew": ("he", "iw", "yi"), "arabic": ("ar", "fa", "ur", "ps", "sd", "ug", "ckb")}


def rtl_script(ch: str) -> str | None:
    """"hebrew" or "arabic" for a letter (or mark) of a right-to-left script, else None."""
    code = ord(ch)
    if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
        return "hebrew"
    if (0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF
            or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF):
        return "arabic"
    return None


def _script(ch: str) -> str | None:
    code = ord(ch)
    if code < 0x3040:
        return rtl_script(ch)
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "kana"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if unicodedata.east_asian_width(ch) in ("W", "F") and unicodedata.category(ch) == "Lo":
        return "han"
    return None


def language_of(text: str, default: str) -> str:
    """The language tag for a run: the outline's language, unless the text is written in
    an East Asian script that language does not use (kana: Japanese; hangul: Korean; Han
    characters alone: Chinese, or the outline's language when that is Chinese or Japanese)."""
    if text.isascii():
        return default
    scripts = {s for s in map(_script, text) if s}
    base = default.split("-")[0].lower()
    if "kana" in scripts:
        return default if base == "ja" else "ja-JP"
    if "hangul" in scripts:
        return default if base == "ko" else "ko-KR"
    if "han" in scripts:
        return default if base in ("zh", "ja") else "zh-CN"
    for script in ("hebrew", "arabic"):
        if script in scripts:
            return default if base in _WRITES[script] else _DEFAULT_LANGUAGE[script]
    return default


_JOINING = ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),  # Arabic
            (0x0700, 0x074F), (0x0860, 0x086F),  # Syriac
            (0x07C0, 0x07FF),  # N'Ko
            (0x1800, 0x18AF),  # Mongolian
            (0x0900, 0x0A7F))  # Devanagari, Bengali, Gurmukhi: letters hang from one line
"""Scripts whose letters join: spacing them apart breaks the joins."""


def letter_spacing(text: str, spacing: float) -> float:
    """The letter spacing (pt) a label may take: `spacing`, or none for text in a script
    whose letters join (Arabic, Syriac, N'Ko, Mongolian; the headline of Devanagari,
    Bengali, Gurmukhi) or in CJK, which is set solid."""
    if text.isascii():
        return spacing
    if has_east_asian(text) or any(first <= ord(ch) <= last for ch in text
                                   for first, last in _JOINING):
        return 0.0
    return spacing


_TRADITIONAL = frozenset({"tw", "hk", "mo", "hant"})
"""Parts of a Chinese language tag that mean traditional characters (zh-TW, zh-Hant-HK)."""


def phrase_language(text: str, language: str = "") -> str | None:
    """The BudouX model that splits a heading into phrases, None for text in no script it
    splits. Text with kana is Japanese ("ja"). Han characters alone may be Japanese or
    Chinese: they are read in `language`, the deck's, when that is Japanese ("ja") or
    Chinese ("zh-hant" for a traditional tag: zh-TW, zh-HK, zh-Hant), and as simplified
    Chinese ("zh-hans") in any other deck."""
    if text.isascii():
        return None
    scripts = {s for s in map(_script, text) if s}
    if "kana" in scripts:
        return "ja"
    if "han" not in scripts:
        return None
    parts = language.lower().replace("_", "-").split("-")
    if parts[0] == "ja":
        return "ja"
    if parts[0] == "zh" and _TRADITIONAL.intersection(parts[1:]):
        return "zh-hant"
    return "zh-hans"


def east_asian_font(language: str) -> str | None:
    """The East Asian typeface (`a:ea`) for a language tag, or None for other languages."""
    parts = language.split("-")
    base = parts[0].lower()
    if base == "zh":
        region = parts[1].upper() if len(parts) > 1 else "CN"
        return EAST_ASIAN_FONTS.get(f"zh-{region}", EAST_ASIAN_FONTS["zh-CN"])
    return EAST_ASIAN_FONTS.get(base)


def has_east_asian(text: str) -> bool:
    return not text.isascii() and any(_script(ch) not in (None, "hebrew", "arabic")
                                      for ch in text)


def is_rtl_language(language: str) -> bool:
    return language.split("-")[0].lower() in RTL_LANGUAGES


def complex_script_font(text: str) -> str | None:
    """The typeface for the right-to-left, Thai or Devanagari letters of a run (`a:cs`), or
    None if it has none."""
    if text.isascii():
        return None
    script = next((s for s in map(rtl_script, text) if s), None)
    if script is None and any("\u0e00" <= ch <= "\u0e7f" for ch in text):
        script = "thai"
    if script is None and any("\u0900" <= ch <= "\u097f" for ch in text):
        script = "devanagari"
    return COMPLEX_SCRIPT_FONTS[script] if script else None


def is_rtl_text(text: str, language: str) -> bool:
    """Whether a paragraph reads right to left. In a deck whose language is written right
    to left: when it has a right-to-left letter, or no letter at all. Elsewhere: when its
    first letter is of a right-to-left script (Unicode's rule for a paragraph)."""
    letters = (ch for ch in text if unicodedata.category(ch).startswith("L"))
    if is_rtl_language(language):
        return (not text.isascii() and any(map(rtl_script, text))) or next(letters, None) is None
    if text.isascii():  # its first letter, if any, is Latin: every paragraph a deck writes
        return False
    first = next(letters, None)
    return first is not None and rtl_script(first) is not None
