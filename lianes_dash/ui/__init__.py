"""Streamlit side: caching, session state, sidebar and shared widgets (pages import from here)."""
