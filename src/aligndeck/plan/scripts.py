"""Which language and East Asian font a piece of text needs, from the scripts it uses."""

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


def _script(ch: str) -> str | None:
    code = ord(ch)
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
    return default


def east_asian_font(language: str) -> str | None:
    """The East Asian typeface (`a:ea`) for a language tag, or None for other languages."""
    parts = language.split("-")
    base = parts[0].lower()
    if base == "zh":
        region = parts[1].upper() if len(parts) > 1 else "CN"
        return EAST_ASIAN_FONTS.get(f"zh-{region}", EAST_ASIAN_FONTS["zh-CN"])
    return EAST_ASIAN_FONTS.get(base)


def has_east_asian(text: str) -> bool:
    return not text.isascii() and any(_script(ch) for ch in text)
