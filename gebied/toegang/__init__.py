"""Toegang: who may do what — roles, local accounts, the audit log (logboek) and the guarded actions.

Roles (``beheerder``, ``planner``, ``lezer``, and the link-only ``deelnemer`` and ``scherm``) and what each
may open and do are one table (:mod:`gebied.toegang.rollen`); every write the app or the CLI makes goes
through :mod:`gebied.toegang.acties`, which checks the role on the server, does the write and logs who
and when. Accounts (argon2 hashes, slowed-down failed logins) and the log live in the werkplaats store.
May use ``core``, ``scenario`` and ``werkplaats``.
"""
