"""gebied — the planner's app. Run with ``python3 run.py app``.

The shell (page configuration, navigation, the map frame) is :func:`gebied.app.shell.main`; each page is a
script in ``gebied/app/pages/`` and every figure it shows comes from a ``gebied`` function.
"""

if __name__ == "__main__":  # Streamlit runs this file as __main__; a worker process imports it as __mp_main__
    from gebied.app.shell import main

    main()
