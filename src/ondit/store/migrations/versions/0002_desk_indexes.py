"""indexes for the analyst's desk filters

The web page filters events by admin1 and by the actors and claim statuses of their mentions;
without these indexes each filter scans every mention of a large database.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_admin1"), ["admin1"], unique=False)
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_actor1"), ["actor1"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_actor2"), ["actor2"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mentions_claim_status"), ["claim_status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_claim_status"))
        batch_op.drop_index(batch_op.f("ix_mentions_actor2"))
        batch_op.drop_index(batch_op.f("ix_mentions_actor1"))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_admin1"))
