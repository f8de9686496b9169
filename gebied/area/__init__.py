"""The area model: the :class:`~gebied.area.model.Area` and how it is made from the sources — kernen,
accommodaties and voorzieningen, planner overrides, the build cache and summary tables.

May use ``core`` and ``sources``.
"""
