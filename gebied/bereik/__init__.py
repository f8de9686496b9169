"""Bereikbaarheid: travel modes, the travel-time engine (scipy csgraph), the matrices of an area,
nearest voorziening and coverage per kern, and isochrones.

May use ``core``, ``sources`` and ``area``.
"""
