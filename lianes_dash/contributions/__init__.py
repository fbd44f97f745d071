"""A living dataset (issue 28): collectivities declare and correct links, the network reviews them.

Data layer only (no Streamlit). The truth is an append-only table of events; accepted items
become a layer on top of the bundled links (:func:`lianes_dash.contributions.published.published_links`).
Entry point: :func:`lianes_dash.contributions.store.open_store`.
"""
