"""Streamlit pages, run by ``st.navigation`` from ``dashboard.py`` (never auto-discovered)."""
