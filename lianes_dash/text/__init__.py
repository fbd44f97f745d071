"""Words and text rules, under every other layer: the language switch and its English catalogue,
French formatting and folding, URL keys, and what makes user text inert (HTML, spreadsheets)."""
