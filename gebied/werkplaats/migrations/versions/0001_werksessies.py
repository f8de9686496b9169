"""werksessies, opmerkingen, reacties, antwoorden

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "werksessie",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(8), nullable=False, unique=True, index=True),
        sa.Column("naam", sa.String(120), nullable=False),
        sa.Column("gebied", sa.String(80), nullable=False),
        sa.Column("verhaal", sa.String(120)),
        sa.Column("scenarios", sa.Text, nullable=False),
        sa.Column("vraag", sa.String(500)),
        sa.Column("hoofdstuk", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("gesloten", sa.Boolean, nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
    )
    for name, cols in {
        "opmerking": [sa.Column("thema", sa.String(40), nullable=False),
                      sa.Column("tekst", sa.String(500), nullable=False),
                      sa.Column("lon", sa.Float, nullable=False), sa.Column("lat", sa.Float, nullable=False),
                      sa.Column("verborgen", sa.Boolean, nullable=False)],
        "reactie": [sa.Column("scenario", sa.String(120), nullable=False),
                    sa.Column("kern", sa.String(80), nullable=False),
                    sa.Column("oordeel", sa.String(12), nullable=False),
                    sa.Column("reden", sa.String(500), nullable=False)],
        "antwoord": [sa.Column("vraag", sa.String(500), nullable=False),
                     sa.Column("tekst", sa.String(500), nullable=False)],
    }.items():
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("sessie_id", sa.Integer, sa.ForeignKey("werksessie.id"), nullable=False, index=True),
            sa.Column("deelnemer", sa.String(40), nullable=False, index=True),
            sa.Column("naam", sa.String(40), nullable=False),
            *cols,
            sa.Column("tijd", sa.DateTime(timezone=True), nullable=False),
        )


def downgrade() -> None:
    for name in ("antwoord", "reactie", "opmerking", "werksessie"):
        op.drop_table(name)
