"""Scenario's "één locatie per kern": the scenario model and its files, saved scenario's, evaluation
against the current situation, comparison, rule-based and optimal (HiGHS) generators, the kernprofiel.

May use ``core``, ``sources``, ``area`` and ``bereik``.
"""
