"""Maps: pydeck layers for the app (offline base from the extract), the print-map layout, small
multiples and the scenario status colours — all styled from the layer catalogue.

May use ``core``, ``sources``, ``area``, ``bereik`` and ``scenario``.
"""
