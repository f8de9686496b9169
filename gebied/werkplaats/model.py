"""The tables of the workshop store (SQLAlchemy ORM). Changes go through a migration in ``migrations/``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: How long texts may be (characters).
MAX_TEKST = 500
MAX_NAAM = 40
OORDELEN = {"voor": "heeft de voorkeur", "kan_leven": "kan ermee leven", "tegen": "is ertegen"}


def nu() -> dt.datetime:
    """Now, in UTC."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class Werksessie(Base):
    """A workshop: its code, area, story and scenario's, current question and chapter; closed or not."""

    __tablename__ = "werksessie"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True, index=True)
    naam: Mapped[str] = mapped_column(String(120))
    gebied: Mapped[str] = mapped_column(String(80))
    verhaal: Mapped[str | None] = mapped_column(String(120), nullable=True)
    scenarios: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of scenario names
    vraag: Mapped[str | None] = mapped_column(String(MAX_TEKST), nullable=True)
    hoofdstuk: Mapped[int] = mapped_column(Integer, default=0)
    token_hash: Mapped[str] = mapped_column(String(64))
    gesloten: Mapped[bool] = mapped_column(Boolean, default=False)
    aangemaakt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=nu)


class Bijdrage:
    """What every contribution has: its id, session, participant (and optional display name) and time."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sessie_id: Mapped[int] = mapped_column(ForeignKey("werksessie.id"), index=True)
    deelnemer: Mapped[str] = mapped_column(String(40), index=True)
    naam: Mapped[str] = mapped_column(String(MAX_NAAM), default="")
    tijd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=nu)


class Opmerking(Bijdrage, Base):
    """A note pinned on the map by a participant."""

    __tablename__ = "opmerking"
    thema: Mapped[str] = mapped_column(String(40))
    tekst: Mapped[str] = mapped_column(String(MAX_TEKST))
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    verborgen: Mapped[bool] = mapped_column(Boolean, default=False)


class Reactie(Bijdrage, Base):
    """A participant's view of a scenario, overall (``kern`` empty) or for one kern."""

    __tablename__ = "reactie"
    scenario: Mapped[str] = mapped_column(String(120))
    kern: Mapped[str] = mapped_column(String(80), default="")
    oordeel: Mapped[str] = mapped_column(String(12))
    reden: Mapped[str] = mapped_column(String(MAX_TEKST), default="")


class Antwoord(Bijdrage, Base):
    """An answer to the facilitator's question of that moment."""

    __tablename__ = "antwoord"
    vraag: Mapped[str] = mapped_column(String(MAX_TEKST))
    tekst: Mapped[str] = mapped_column(String(MAX_TEKST))
