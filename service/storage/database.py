"""The database connection (SQLite by default, PostgreSQL by DATABASE_URL) and migrations."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from service.errors import DatabaseUnavailableError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)


# Seconds to wait for a PostgreSQL server that does not answer: without it a request
# waits for the operating system's TCP timeout (minutes) instead of getting a 503.
CONNECT_TIMEOUT_SECONDS = 5

# A pooled server connection idle longer than this is pinged before use; one used more
# recently is taken as alive. Pinging every checkout (SQLAlchemy's pool_pre_ping) costs a
# round trip per request, a third of a repeat's. A connection that dropped within the
# window fails its statement: that request is a 503 and the pool is emptied.
IDLE_PING_SECONDS = 2.0

# The execution option of a statement whose rows PostgreSQL should send in binary.
BINARY_RESULTS = "binary_results"


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
    # Deleted rows are overwritten with zeros, so an erased case leaves no bytes in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _ping_idle_connections(engine: Engine) -> None:
    """Ping a pooled connection before use when it has been idle, and replace it if dead."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is not None and time.monotonic() - returned_at < IDLE_PING_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise DisconnectionError() from error  # the pool connects again


def _binary_results_on_request(engine: Engine) -> None:
    """Fetch rows in PostgreSQL's binary format for statements that ask for it.

    A `bytea` column in the text format travels as hex, twice its size, and is decoded
    in Python: for a document's bytes that was most of a repeat's time.
    """

    @event.listens_for(engine, "do_execute")
    def _execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        if not context.execution_options.get(BINARY_RESULTS):
            return False
        cursor.execute(statement, parameters, binary=True)
        return True


def unavailable(error: OperationalError) -> DatabaseUnavailableError:
    """The 503 of a database that cannot be reached or is locked (logged by type only)."""
    # Not the message: it can quote the statement's parameters.
    log.warning("database unavailable", extra={"exception": type(error.orig).__name__})
    return DatabaseUnavailableError()


class _SharedConnection:
    """The one autocommit connection of a request, taken from the pool when first used."""

    def __init__(self) -> None:
        self.connection: Connection | None = None

    def take(self, engine: Engine) -> Connection:
        if self.connection is None:
            self.connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self.connection

    def give_back(self) -> None:
        if self.connection is not None:
            connection, self.connection = self.connection, None
            connection.close()


class Database:
    """An engine and sessions; one per process (each worker process opens its own)."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        # The connection `statements()` shares within a request (begin_request), per thread.
        self._shared: ContextVar[_SharedConnection | None] = ContextVar(
            f"shared-connection-{id(self)}", default=None
        )
        # A server's connection can drop while pooled; a SQLite file's cannot.
        server = not self.url.startswith("sqlite")
        self.engine: Engine = create_engine(self.url)
        if server:
            _ping_idle_connections(self.engine)
            _binary_results_on_request(self.engine)
        else:
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

    @contextmanager
    def statements(self) -> Iterator[Connection]:
        """A connection on which each statement commits by itself: reads, or one write,
        without the BEGIN and COMMIT round trips of a transaction.

        Within a request (`begin_request`) every call hands out the same connection.
        """
        shared = self._shared.get()
        if shared is None:
            try:
                with self.engine.connect() as connection:
                    yield connection.execution_options(isolation_level="AUTOCOMMIT")
            except OperationalError as error:
                raise unavailable(error) from None
            return
        try:
            yield shared.take(self.engine)
        except BaseException as error:
            shared.give_back()  # whatever went wrong, the next statement starts afresh
            if isinstance(error, OperationalError):
                raise unavailable(error) from None
            raise

    def begin_request(self) -> None:
        """Share one connection among this request's `statements()` (taken when first
        needed): its token check and its reads then cost one checkout of the pool."""
        self._shared.set(_SharedConnection())

    def end_request(self, _error: BaseException | None = None) -> None:
        """Give the request's shared connection back to the pool."""
        shared = self._shared.get()
        if shared is not None:
            shared.give_back()
            self._shared.set(None)

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
