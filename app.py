"""gebied — the planner's app. Run with ``python3 run.py app``.

The page's head (configuration, style, browser set-up) is :func:`gebied.app.page.head`, the shell
(navigation, the map frame) :func:`gebied.app.shell.main`; each page is a script in ``gebied/app/pages/``
and every figure it shows comes from a ``gebied`` function.
"""

if __name__ == "__main__":  # Streamlit runs this file as __main__; a worker process imports it as __mp_main__
    from gebied.app.page import head

    head()  # first, before the app's code is imported: the browser starts on the style and the map's code
    from gebied.app.shell import main

    main()
