"""Foundations: errors that reach the user, Dutch number formats, the choice of CRS, atomic file I/O,
the area configuration and the layer catalogue (the one source of categories, colours and labels).

Uses no other subpackage; every other subpackage may use it.
"""
