"""Hand edits: the digest a deck carries of what aligndeck wrote, the comparison that
notices what someone changed since, and `pull`, which brings text edits back into the
outline."""
