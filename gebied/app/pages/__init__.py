"""The app's pages, one script each (run by ``st.navigation`` from the shell, ``gebied.app.shell``)."""
