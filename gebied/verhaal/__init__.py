"""Gebiedsbiografie: stories (Markdown + front matter), their safe rendering and HTML export,
generated dorpsbiografieën per kern, and workshop notes.

May use everything below it: ``core``, ``sources``, ``area``, ``bereik``, ``scenario`` and ``maps``.
"""
