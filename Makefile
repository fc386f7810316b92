# Shortcuts for developers; CI runs .ci/run.
.PHONY: check test deck preview schema bench

check:  ## lint and types
	ruff check .
	mypy

test:  ## the README's test command
	python -m pytest

deck:  ## build the default deck
	aligndeck build

preview:  ## regenerate the README picture
	aligndeck preview -o /tmp/prev && cp /tmp/prev/contact-sheet.png docs/contact-sheet.png

schema:  ## refresh the stored JSON Schema
	aligndeck schema > schema/deck.schema.json

bench:  ## the benchmark (bench/requirements.txt first)
	python bench/run.py
