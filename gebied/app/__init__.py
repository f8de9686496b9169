"""Face: the planner's Streamlit app, one module per page under ``pages/``.

``serve`` starts the server (``python3 run.py app``) and loads the default area as it starts; ``page`` is
the head of every run (configuration, style, browser set-up; it imports only Streamlit),
``data`` holds the cached, read-only results (area, matrices, base map), ``widgets`` the shared
pieces (map with legend, Dutch numbers, messages, downloads), ``state`` every session-state key.
Every figure a page shows comes from a ``gebied`` function. May use every other subpackage except
``cli``; nothing in the library imports it.
"""
