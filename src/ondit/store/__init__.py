"""Storage: SQLAlchemy over SQLite by default, PostgreSQL for teams, same code and migrations."""

from ondit.store.repository import Store, open_store

__all__ = ["Store", "open_store"]
