"""Pure functions over frames: filters, counts, peers, regional comparison, fiches, provenance
columns. No Streamlit, no figures."""
