"""`aligndeck serve`: the deck in the browser, redrawn on every save, for preview and talk."""
