"""The database connection (SQLite by default, PostgreSQL by DATABASE_URL) and migrations."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from service.errors import DatabaseUnavailableError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)


# Seconds to wait for a PostgreSQL server that does not answer: without it a request
# waits for the operating system's TCP timeout (minutes) instead of getting a 503.
CONNECT_TIMEOUT_SECONDS = 5


def normalise_url(url: str) -> str:
    """Use psycopg 3 for postgresql:// URLs (with a connect timeout unless the URL sets
    one) and make sure a SQLite file's folder exists."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("postgresql") and "connect_timeout" not in parsed.query:
        parsed = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)})
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return parsed.render_as_string(hide_password=False)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def unavailable(error: OperationalError) -> DatabaseUnavailableError:
    """The 503 of a database that cannot be reached or is locked (logged by type only)."""
    # Not the message: it can quote the statement's parameters.
    log.warning("database unavailable", extra={"exception": type(error.orig).__name__})
    return DatabaseUnavailableError()


class Database:
    """An engine and sessions; one per process (each worker process opens its own)."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        # A server's connection can drop while pooled; a SQLite file cannot.
        server = not self.url.startswith("sqlite")
        self.engine: Engine = create_engine(self.url, pool_pre_ping=server)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _configure_sqlite)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as error:
            raise unavailable(error) from None

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection in one transaction, for plain statements on a hot path (no ORM)."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as error:
            raise unavailable(error) from None

    def upgrade(self) -> None:
        """Bring the schema to the latest migration (of every branch)."""
        command.upgrade(alembic_config(self.url), "heads")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def alembic_config(url: str) -> Config:
    """Alembic's configuration, built in code (no alembic.ini to keep in step)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
