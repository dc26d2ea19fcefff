"""Alembic environment: the connection comes from patclaims.storage.db (programmatic config), never from an ini file."""
from alembic import context

from patclaims.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `patclaims db upgrade` (storage.db.Database.upgrade)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
