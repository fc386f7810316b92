"""The browser renderer: a DeckPlan drawn as inline SVG, one section per slide."""
