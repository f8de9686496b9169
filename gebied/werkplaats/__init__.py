"""Werkplaats: live participation in workshops, stored durably in a real database (SQLite or PostgreSQL).

A werksessie with a short code; participants pin notes, react to scenario's and answer the facilitator's
question; the facilitator (a secret token) steers and closes. Schema under Alembic migrations; exports
of a session as GeoPackage and XLSX. May use ``core`` and ``verhaal`` (the note themes).
"""
