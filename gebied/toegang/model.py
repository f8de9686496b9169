"""The tables of accounts, login attempts and the logboek, in the werkplaats store's database (one schema
under one chain of migrations: ``gebied/werkplaats/migrations``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gebied.werkplaats.model import Base, nu

MAX_ACCOUNTNAAM = 80


class Account(Base):
    """A person who may log in: a local password (argon2 hash) or, without one, an OIDC identity whose role
    the store gives."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    naam: Mapped[str] = mapped_column(String(MAX_ACCOUNTNAAM), unique=True, index=True)
    rol: Mapped[str] = mapped_column(String(20))
    wachtwoord_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    aangemaakt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=nu)


class Inlogpoging(Base):
    """One login attempt: by name and address, failed or not (failed ones slow the next down)."""

    __tablename__ = "inlogpoging"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    naam: Mapped[str] = mapped_column(String(MAX_ACCOUNTNAAM), index=True)
    adres: Mapped[str] = mapped_column(String(64), index=True)
    gelukt: Mapped[bool] = mapped_column(Boolean)
    tijd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=nu, index=True)


class Logregel(Base):
    """One write: who (name and role), when, what (action) and on what (onderwerp), with details as JSON."""

    __tablename__ = "logboek"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tijd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=nu, index=True)
    wie: Mapped[str] = mapped_column(String(MAX_ACCOUNTNAAM))
    rol: Mapped[str] = mapped_column(String(20))
    actie: Mapped[str] = mapped_column(String(40), index=True)
    onderwerp: Mapped[str] = mapped_column(String(300), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")
