"""accounts, login attempts, logboek

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("naam", sa.String(80), nullable=False, unique=True, index=True),
        sa.Column("rol", sa.String(20), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(200)),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "inlogpoging",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("naam", sa.String(80), nullable=False, index=True),
        sa.Column("adres", sa.String(64), nullable=False, index=True),
        sa.Column("gelukt", sa.Boolean, nullable=False),
        sa.Column("tijd", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    op.create_table(
        "logboek",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tijd", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("wie", sa.String(80), nullable=False),
        sa.Column("rol", sa.String(20), nullable=False),
        sa.Column("actie", sa.String(40), nullable=False, index=True),
        sa.Column("onderwerp", sa.String(300), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("logboek", "inlogpoging", "account"):
        op.drop_table(table)
