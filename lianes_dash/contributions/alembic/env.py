"""Alembic environment: runs on the connection :func:`lianes_dash.contributions.db.migrate` hands over.

No alembic.ini and no URL here: the app migrates its own database on first open.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
