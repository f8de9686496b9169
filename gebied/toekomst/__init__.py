"""Toekomst: who lives in each kern by age, now and in the years ahead, and what that asks of each voorziening.

Age groups per kern (CBS wijk shares, else the national default table, else a planner's table), finer
groups derived by a documented rule, prognose tables and the built-in projection, and the demand per
voorziening kind. May use ``core`` and ``area``.
"""
