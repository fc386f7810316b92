"""Write docs/outline-keys.md, every key of the outline, from the outline's JSON Schema.

The schema (`aligndeck schema`) is generated from the models the loader validates with, and
gives each field a description and an example; this page says the same, so it cannot drift
from what the loader accepts. Each example is a `# fragment` the docs tests build.
tests/test_docs_examples.py fails when the committed page differs from what this writes.

    python tools/docs_outline.py          # rewrite docs/outline-keys.md
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "outline-keys.md"

# Keys that make sense only with others beside them (an image needs its alt text): the
# example of the key is shown with these, taken from their own schema examples.
COMPANIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Slide", "title"): ("points",),
    ("Slide", "notes"): ("points",),
    ("Slide", "image"): ("alt",),
    ("Slide", "alt"): ("image",),
    ("Slide", "caption"): ("image", "alt"),
    ("Slide", "by"): ("quote",),
    ("Chart", "type"): ("categories", "series"),
    ("Chart", "categories"): ("series",),
    ("Chart", "series"): ("categories",),
    ("Chart", "unit"): ("categories", "series"),
    ("Chart", "caption"): ("categories", "series"),
    ("Table", "header"): ("rows",),
    ("Table", "missing"): ("header", "rows"),
    ("Table", "rows"): ("header",),
}
# A CSV file an example names, written out on the page so its example builds.
CSV_FILES = {
    "data/win-rates.csv": "Model,Win rate\nGPT-3 175B,50\nInstructGPT 175B,85\n",
    "data/methods.csv": "Method,Signal\nInstruction tuning,Demonstrations\nRLHF,Preferences\n",
}
TEXT = ["string", "number", "boolean"]
Link = tuple[str | None, str, bool, Any]
"""One step of the path to a key: the $defs object holding it, the key, whether it holds a
list, and its example."""


def load_schema() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "src"))
    from aligndeck.outline.schema import schema_text

    schema: dict[str, Any] = json.loads(schema_text())
    return schema


class _Dumper(yaml.SafeDumper):
    """Block style as people write outlines: list items indented under their key, and text
    with line breaks (a Mermaid chart) as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)


class Page:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.defs: dict[str, Any] = schema["$defs"]
        self.lines: list[str] = []
        self.documented: dict[str, str] = {}
        """Each $defs object already listed, with the anchor of its first place."""

    # what a value is, in words
    def ref(self, node: dict[str, Any]) -> str | None:
        target = node.get("$ref")
        return target.rsplit("/", 1)[1] if isinstance(target, str) else None

    def kind(self, node: dict[str, Any]) -> str:
        options = [o for o in node.get("anyOf", [node]) if o.get("type") != "null"]
        words = [self._one_kind(o) for o in options]
        return " or ".join(words)

    def _one_kind(self, node: dict[str, Any]) -> str:
        if "enum" in node:
            return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
        if self.ref(node) is not None:
            return "a mapping"
        kind = node.get("type")
        if kind == "array":
            item = node.get("items", {})
            inner = self._one_kind(item)
            return "a list of " + ("mappings" if inner == "a mapping" else
                                   "lists" if inner.startswith("a list") else
                                   "numbers" if inner == "a number" else "texts")
        if kind == "boolean":
            return "`true` or `false`"
        if kind == "number":
            return "a number"
        if kind == "object":
            return "a mapping"
        if kind == TEXT or kind == "string":
            return "text"
        return "a value"

    def child_def(self, node: dict[str, Any]) -> str | None:
        for option in node.get("anyOf", [node]):
            if (name := self.ref(option)) is not None:
                return name
            if option.get("type") == "array" and (name := self.ref(option.get("items", {}))):
                return name
        return None

    # examples
    def example(self, node: dict[str, Any]) -> Any:
        examples = node.get("examples")
        assert examples, f"a field without an example: {node}"
        return examples[0]

    def object_with(self, def_name: str, key: str, value: Any) -> dict[str, Any]:
        """A mapping of def_name with key set to value, and the keys it needs beside it."""
        definition = self.defs[def_name]
        needed = [k for k in definition.get("required", []) if k != key]
        needed += [k for k in COMPANIONS.get((def_name, key), ()) if k not in needed]
        out = {k: self.example(definition["properties"][k]) for k in needed}
        out[key] = value
        return {k: out[k] for k in sorted(out, key=lambda k: (k != "title", k != "name", 0))}

    def fragment(self, chain: list[Link], value: Any) -> str:
        """YAML for a value at a path: chain is (def holding the key, key, is-list, the key's
        example) from the top. An item of a list stands beside the example's other items
        (a column needs another column)."""
        for def_name, key, is_list, example in reversed(chain):
            if is_list:
                value = [value, *(example[1:] if isinstance(example, list) else [])]
            if def_name is None:
                value = {key: value}
                break
            value = self.object_with(def_name, key, value)
        text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         width=1000, default_flow_style=False)
        return "```yaml\n# fragment\n" + text + "```"

    # the page
    def write_keys(self, properties: dict[str, Any], required: list[str], prefix: str,
                   chain: list[Link], holder: str | None,
                   depth: int) -> None:
        ordered = field_order(holder or "Outline", properties)
        for key in ordered:
            node = properties[key]
            path = f"{prefix}{key}"
            is_list = self._is_list(node)
            here: list[Link] = [*chain, (holder, key, False, None)]
            self.key_section(path, node, key in required, here, depth)
            child = self.child_def(node)
            if child is None or child == "StringOverrides":
                continue
            if child in self.documented:
                self.lines += [f"Its keys are those of [`{self.documented[child]}`]"
                               f"(#{anchor(self.documented[child])}).", ""]
                continue
            self.documented[child] = path
            definition = self.defs[child]
            suffix = "[]." if is_list else "."
            inner: list[Link] = [*chain, (holder, key, is_list, self.example(node))]
            self.write_keys(definition["properties"], definition.get("required", []),
                            path + suffix, inner, child, min(depth + 1, 4))
            if child == "Chart" or child == "Table":
                self.csv_files(definition)

    def _is_list(self, node: dict[str, Any]) -> bool:
        return any(o.get("type") == "array" for o in node.get("anyOf", [node]))

    def key_section(self, path: str, node: dict[str, Any], required: bool,
                    chain: list[Link], depth: int) -> None:
        facts = ["**required**" if required else "optional", self.kind(node)]
        default = node.get("default")
        if not required and default not in (None, [], {}):
            shown = default if isinstance(default, str) else json.dumps(default)
            facts.append(f"default `{shown}`")
        self.lines += ["#" * depth + f" `{path}`", "", "; ".join(facts) + ".", ""]
        self.lines += [node.get("description", "").strip(), ""]
        if path == "strings":
            self.strings_table()
        self.lines += [self.fragment(chain, self.example(node)), ""]

    def csv_files(self, definition: dict[str, Any]) -> None:
        written = self.example(definition["properties"]["csv"])
        self.lines += [f"The file `{written}` of the `csv` example:", "",
                       f'```csv title="{written}"', CSV_FILES[written].rstrip("\n"), "```", ""]

    def strings_table(self) -> None:
        overrides = self.defs["StringOverrides"]["properties"]
        self.lines += ["| key | English | example | what it is |", "|---|---|---|---|"]
        for key in sorted(overrides):
            description = overrides[key].get("description", "")
            english = ""
            if (found := re.search(r"English: “(.*)”\.?$", description)) is not None:
                english = found.group(1)
                description = description[:found.start()].strip()
            example = cell(str(self.example(overrides[key])))
            self.lines.append(f"| `{key}` | {cell(english)} | {example} | {cell(description)} |")
        every = {key: self.example(overrides[key]) for key in sorted(overrides)}
        block = self.fragment([(None, "strings", False, None)], every)
        self.lines += ["", '??? example "Every example above, in one outline"', "",
                       *("    " + line if line else "" for line in block.splitlines()), ""]

    def render(self) -> str:
        self.lines = [
            "# Every key",
            "",
            "<!-- Generated by tools/docs_outline.py from `aligndeck schema`: do not edit. -->",
            "",
            "Every key an outline may hold, with what it takes, its default and an example. This",
            "page is generated from the outline's JSON Schema (`aligndeck schema`), which is",
            "generated from the models the loader checks outlines with, so it lists exactly what",
            "the loader accepts. Each example is a fragment: the tests lay it over the smallest",
            "outline that builds (a title and one stage) and build it. `[]` in a path stands for",
            "each item of a list: `stages[].name` is the `name` of each stage.",
            "",
            "Text fields take [inline formatting](own-slides.md#inline-formatting); paths are",
            "relative to the outline's folder. [The outline](outline.md) shows the shape at a",
            "glance and the order of the slides.",
            "",
        ]
        self.write_keys(self.schema["properties"], self.schema.get("required", []), "", [],
                        None, 2)
        return "\n".join(self.lines).rstrip("\n") + "\n"


def field_order(def_name: str, properties: dict[str, Any]) -> list[str]:
    """The keys in the order the model declares them (the order of the outline's own
    story: title, then the slides in deck order), which the schema sorts away."""
    from aligndeck.outline import data, models

    model = getattr(models, def_name, None) or getattr(data, def_name, None)
    declared = [name for name in getattr(model, "model_fields", {}) if name in properties]
    return declared + sorted(k for k in properties if k not in declared)


def anchor(path: str) -> str:
    """The anchor MkDocs gives a heading `` `path` ``."""
    return re.sub(r"[^\w\- ]", "", path).strip().lower().replace(" ", "-")


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    return Page(load_schema()).render()


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(PAGE.relative_to(ROOT))
