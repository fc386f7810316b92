"""Tests for aligndeck.plan.markup (inline **bold**, *italic*, `code` and [links](url))."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligndeck.plan.markup import ESCAPABLE, Span, has_markup, parse_inline, plain_text


def B(text: str) -> Span:
    return Span(text, bold=True)


def I(text: str) -> Span:  # noqa: E743 - reads as the style it builds
    return Span(text, italic=True)


def BI(text: str) -> Span:
    return Span(text, bold=True, italic=True)


def C(text: str) -> Span:
    return Span(text, code=True)


def L(text: str, url: str, **style: bool) -> Span:
    return Span(text, link=url, **style)


# ------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain
        ("", ()),
        ("plain words", (Span("plain words"),)),
        # bold, italic, both
        ("**bold**", (B("bold"),)),
        ("*italic*", (I("italic"),)),
        ("***both***", (BI("both"),)),
        ("a **b** c", (Span("a "), B("b"), Span(" c"))),
        ("**a** and **b**", (B("a"), Span(" and "), B("b"))),
        ("x*y*z", (Span("x"), I("y"), Span("z"))),  # intraword, as in CommonMark
        ("**bold** *it*", (B("bold"), Span(" "), I("it"))),
        # nested
        ("*a **b** c*", (I("a "), BI("b"), I(" c"))),
        ("**a *b* c**", (B("a "), BI("b"), B(" c"))),
        ("***a** b*", (BI("a"), I(" b"))),
        ("***a* b**", (BI("a"), B(" b"))),
        ("**a*", (Span("*"), I("a"))),
        ("*a**", (I("a"), Span("*"))),
        # literal asterisks: unclosed, unmatched, surrounded by spaces
        ("2 * 3 = 6", (Span("2 * 3 = 6"),)),
        ("a * b * c", (Span("a * b * c"),)),
        ("a*", (Span("a*"),)),
        ("*a", (Span("*a"),)),
        ("**not closed", (Span("**not closed"),)),
        ("not opened**", (Span("not opened**"),)),
        ("**", (Span("**"),)),
        ("****", (Span("****"),)),
        ("* a *", (Span("* a *"),)),
        ("** a **", (Span("** a **"),)),
        ("*a *", (Span("*a *"),)),
        ("5*", (Span("5*"),)),
        # underscores are never emphasis
        ("snake_case and _this_", (Span("snake_case and _this_"),)),
        # code: nothing formatted inside, backslashes literal
        ("`code`", (C("code"),)),
        ("run `make test` now", (Span("run "), C("make test"), Span(" now"))),
        ("`**not bold**`", (C("**not bold**"),)),
        ("`[x](https://a.b)`", (C("[x](https://a.b)"),)),
        ("`a\\*b`", (C("a\\*b"),)),
        ("`C:\\path\\`", (C("C:\\path\\"),)),
        ("`` a`b ``", (C("a`b"),)),
        ("``a``", (C("a"),)),
        ("` `", (C(" "),)),
        ("`unclosed", (Span("`unclosed"),)),
        ("``a`", (Span("``a`"),)),
        ("**`x`**", (Span("x", bold=True, code=True),)),
        ("*`a` b*", (Span("a", italic=True, code=True), I(" b"))),
        # links
        ("[docs](https://example.com)", (L("docs", "https://example.com"),)),
        ("see [it](http://a.b/c?d=1#e).", (Span("see "), L("it", "http://a.b/c?d=1#e"),
                                           Span("."))),
        ("[mail me](mailto:me@example.com)", (L("mail me", "mailto:me@example.com"),)),
        ("[x](HTTPS://A.B)", (L("x", "HTTPS://A.B"),)),
        ("[a **b**](https://u)", (L("a ", "https://u"), L("b", "https://u", bold=True))),
        ("**[a](https://u)**", (L("a", "https://u", bold=True),)),
        ("[`x()`](https://u)", (L("x()", "https://u", code=True),)),
        ("[w](https://en.wikipedia.org/wiki/A_(b))",
         (L("w", "https://en.wikipedia.org/wiki/A_(b)"),)),
        ("[x]( https://u )", (L("x", "https://u"),)),
        ("[x](https://u/\\))", (L("x", "https://u/)"),)),
        ("[a [b] c](https://u)", (L("a [b] c", "https://u"),)),
        ("[](https://u)", (L("https://u", "https://u"),)),
        ("*[a*](https://u)", (Span("*"), L("a*", "https://u"))),
        # not links: the whole stays literal
        ("[x](javascript:alert(1))", (Span("[x](javascript:alert(1))"),)),
        ("[x](www.example.com)", (Span("[x](www.example.com)"),)),
        ("[x](/relative)", (Span("[x](/relative)"),)),
        ("[x](https://)", (Span("[x](https://)"),)),
        ("[*x*](ftp://a)", (Span("[*x*](ftp://a)"),)),
        ("[x]()", (Span("[x]()"),)),
        # not links: brackets literal, the rest parsed
        ("[x] (https://u)", (Span("[x] (https://u)"),)),
        ("[x](https://u a)", (Span("[x](https://u a)"),)),
        ("[x](https://u", (Span("[x](https://u"),)),
        ("[**x**]", (Span("["), B("x"), Span("]"))),
        ("a ] b [ c", (Span("a ] b [ c"),)),
        # no links inside links
        ("[a [b](https://x) c](https://y)",
         (Span("[a "), L("b", "https://x"), Span(" c](https://y)"))),
        # escapes
        ("\\*not italic\\*", (Span("*not italic*"),)),
        ("\\**bold?**", (Span("*"), I("bold?"), Span("*"))),
        ("\\`x\\`", (Span("`x`"),)),
        ("\\[x](https://u)", (Span("[x](https://u)"),)),
        ("a\\\\b", (Span("a\\b"),)),
        ("\\_\\#\\+\\-\\.\\!\\(\\)\\]", (Span("_#+-.!()]"),)),
        ("C:\\Users\\me", (Span("C:\\Users\\me"),)),
        ("end\\", (Span("end\\"),)),
        ("\\a\\ \\\"", (Span("\\a\\ \\\""),)),
        ("**a\\*b**", (B("a*b"),)),
        ("*\\**", (I("*"),)),
    ],
)
def test_parse_inline(text: str, expected: tuple[Span, ...]) -> None:
    assert parse_inline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("**bold** and *it*", "bold and it"),
        ("`x * y`", "x * y"),
        ("2 * 3 = 6", "2 * 3 = 6"),
        ("\\*star\\*", "*star*"),
        ("see [the docs](https://a.b/docs)", "see the docs (https://a.b/docs)"),
        ("[**bold** link](https://u)!", "bold link (https://u)!"),
        ("<[https://a.b](https://a.b)>", "<https://a.b>"),
        ("[](https://a.b)", "https://a.b"),
        ("[me@a.b](mailto:me@a.b)", "me@a.b"),
        ("[write](mailto:me@a.b)", "write (mailto:me@a.b)"),
        ("[a](https://u)[b](https://v)", "a (https://u)b (https://v)"),
        ("[a](https://u)[b](https://u)", "a (https://u)b (https://u)"),
        ("[x](javascript:y)", "[x](javascript:y)"),
    ],
)
def test_plain_text(text: str, expected: str) -> None:
    assert plain_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", False),
        ("plain", False),
        ("2 * 3 = 6", False),
        ("a*", False),
        ("C:\\Users", False),
        ("[x](ftp://a)", False),
        ("**b**", True),
        ("*i*", True),
        ("`c`", True),
        ("[l](https://u)", True),
        ("\\*", True),
    ],
)
def test_has_markup(text: str, expected: bool) -> None:
    assert has_markup(text) is expected


# --------------------------------------------------------------- properties

_MARKDOWNISH = st.lists(
    st.sampled_from([*"ab c*`[]()\\_.!-#+\n\t", "**", "https://x.y", "](https://u)", "é",
                     "中", "\u00a0"]),
    max_size=40,
).map("".join)
_ANY = st.one_of(st.text(max_size=60), _MARKDOWNISH)
_PLAIN = st.text(st.characters(blacklist_characters="\\`*["), max_size=60)


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in ESCAPABLE else ch for ch in text)


@settings(max_examples=500, deadline=None)
@given(text=_ANY)
def test_parse_never_raises_and_spans_are_normalised(text: str) -> None:
    spans = parse_inline(text)
    assert spans == parse_inline(text)
    assert all(span.text for span in spans)
    for first, second in itertools.pairwise(spans):
        if first.link is not None and first.link == second.link:
            continue  # two links side by side stay two, even to one url (tested below)
        assert (first.bold, first.italic, first.code, first.link) != (
            second.bold, second.italic, second.code, second.link)
    for span in spans:
        assert span.link is None or span.link.lower().startswith(
            ("http://", "https://", "mailto:"))
    assert isinstance(plain_text(text), str)
    assert has_markup(text) is (spans != ((Span(text),) if text else ()))


@pytest.mark.parametrize(("text", "spans"), [
    ("[a](https://x)[b](https://x)", (Span("a", link="https://x"), Span("b", link="https://x"))),
    ("[](https://0)[](https://0)", (Span("https://0", link="https://0"),
                                    Span("https://0", link="https://0"))),
    ("[a **b**](https://x)", (Span("a ", link="https://x"),
                              Span("b", bold=True, link="https://x"))),
    ("[a ](https://x)[b](https://y)", (Span("a ", link="https://x"), Span("b", link="https://y"))),
])
def test_two_links_side_by_side_stay_two_even_to_one_url(
        text: str, spans: tuple[Span, ...]) -> None:
    assert parse_inline(text) == spans


@settings(max_examples=500, deadline=None)
@given(text=_ANY)
def test_plain_text_is_the_span_text_without_links(text: str) -> None:
    spans = parse_inline(text)
    if all(span.link is None for span in spans):
        assert plain_text(text) == "".join(span.text for span in spans)
    else:
        for span in spans:
            if span.link is not None:
                assert span.text in plain_text(text)


@settings(max_examples=300, deadline=None)
@given(text=_PLAIN)
def test_text_without_special_characters_is_one_plain_span(text: str) -> None:
    assert parse_inline(text) == ((Span(text),) if text else ())
    assert plain_text(text) == text
    assert not has_markup(text)


@settings(max_examples=500, deadline=None)
@given(text=_ANY)
def test_escaping_every_marker_gives_the_text_back(text: str) -> None:
    assert parse_inline(_escape(text)) == ((Span(text),) if text else ())
    assert plain_text(_escape(text)) == text


@settings(max_examples=300, deadline=None)
@given(text=_PLAIN.filter(lambda t: t.strip() == t and t != "" and "\n" not in t))
def test_markers_around_plain_text(text: str) -> None:
    assert parse_inline(f"**{text}**") == (B(text),)
    assert parse_inline(f"*{text}*") == (I(text),)
    assert parse_inline(f"***{text}***") == (BI(text),)
    assert parse_inline(f"`{_escape(text)}`") == (C(_escape(text)),)
    link = f"[{_escape(text)}](https://example.com/{len(text)})"
    assert parse_inline(link) == (L(text, f"https://example.com/{len(text)}"),)


def test_pathological_input_is_fast() -> None:
    # The delimiter and bracket searches stay linear: cmark's openers_bottom, the code
    # span memo and the link-target parenthesis limit.
    unmatched_code = "".join("`" * n + "a" for n in range(1, 120))
    for text in ("*a " * 3000, "[" * 5000 + "]" * 10, unmatched_code, "[a](" * 3000):
        assert parse_inline(text) == (Span(text),)
    assert len(parse_inline("**a*" * 2000)) == 2000
