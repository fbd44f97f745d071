"""A living dataset (issue 28): collectivities declare and correct links, the network reviews them.

Data layer only (no Streamlit). The truth is an append-only table of events; accepted items
become a layer on top of the bundled links. What the pages call:

- :func:`.store.open_store` → :class:`.store.Store` (cache it once per process): ``submit_declaration``,
  ``submit_report``, ``accept`` / ``refuse`` / ``withdraw`` / ``edit`` / ``undo`` (each takes the
  version the reviewer saw), ``items``, ``items_of_session``, ``accepted``, ``history``, ``contact`` (review only),
  ``verify`` (reviewer login), ``forget_email``;
- :func:`.published.published_links` (pure): the bundled links plus ``store.accepted()``;
- :mod:`.validation`: the forms (``Declaration``, ``Report``) and the refusal
  (``ContributionError.problems``: field, French message, suggestions).
"""
