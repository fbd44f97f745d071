"""Page under construction (placeholder until its issue lands)."""

import streamlit as st

st.title("En construction")
