"""Checks of built data against geography and the sources' own statements (pure functions, no streamlit)."""
