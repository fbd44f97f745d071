"""Build steps, run by hand (``make data``): raw snapshots → reference tables and bundled links,
each output with its provenance. Nothing at run time imports them."""
