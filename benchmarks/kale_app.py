"""The reference for bench_app.py: a bare Streamlit page with one list and no map. Choosing in it costs what
Streamlit and the browser cost anyway (message to the server, a script run, the page updated and drawn)."""

import streamlit as st

keuze = st.sidebar.selectbox("Keuze", ["een", "twee", "drie"], key="keuze")
st.write(f"Gekozen: {keuze}")
