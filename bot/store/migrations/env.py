"""Alembic environment: runs on the connection `bot.store.db.migrate` hands over."""

from __future__ import annotations

from typing import Any

from alembic import context

from bot.store.db import make_engine
from bot.store.tables import UTCDateTime, metadata

config = context.config


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render our UTCDateTime as a plain DateTime, so migrations need no bot imports."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run(connection: Any) -> None:
    """Run the migrations on one connection."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_item=render_item,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:  # the alembic command line: `alembic -x url=... upgrade head`
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///data/loti-bot.sqlite3")
    with make_engine(url).begin() as conn:
        run(conn)
