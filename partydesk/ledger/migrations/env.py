"""Alembic environment: runs on the engine handed in through config.attributes.

Every step of one upgrade runs in ONE explicit SQLite transaction (BEGIN IMMEDIATE …
COMMIT): Python's sqlite3 would otherwise run each CREATE/ALTER in autocommit and open a
transaction only at the first INSERT/UPDATE, so a crash or a full disk between steps left
tables of the new revision under the old version number — a ledger no version can open.
"""

from alembic import context

from partydesk.ledger.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                _run(connection)
            return
        dbapi = connection.connection.driver_connection
        legacy = dbapi.isolation_level
        dbapi.isolation_level = None  # the statements below manage the transaction
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                _run(connection)
                connection.exec_driver_sql("COMMIT")
            except BaseException:
                if dbapi.in_transaction:
                    dbapi.execute("ROLLBACK")
                raise
        finally:
            dbapi.isolation_level = legacy
            connection.rollback()  # SQLAlchemy's own bookkeeping; nothing is pending


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER
        compare_type=True,
        transactional_ddl=False,  # the transaction is ours (above)
    )
    context.run_migrations()


run_migrations_online()
