"""Clerks' accounts on a server ledger: a PostgreSQL login role per clerk, a member of
the clerk role (the table privileges), and its lane — the streets it sees, or every
street for a county account. Roles belong to the whole server; lanes to one ledger."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert

from partydesk.accounts.policies import CLERK_ROLE, install
from partydesk.errors import ValidationError
from partydesk.ledger.models.accounts import ALL_STREETS, AccountLane

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass
class AccountInfo:
    """A clerk's account: its name and lane (`county` sees every street)."""

    name: str
    streets: list[str] = field(default_factory=list)
    county: bool = False

    @property
    def lane(self) -> str:
        return "全县（所有街道、乡镇）" if self.county else "、".join(self.streets) or "（无）"


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValidationError(
            f"账号名“{name}”不可用：只能用小写英文字母、数字和下划线，以字母开头，"
            "不超过63个字符（例如 chengguan_li）。",
            "name",
        )
    return name


def _streets(streets: list[str], county: bool) -> list[str]:
    if county:
        return [ALL_STREETS]
    out = [s.strip() for s in streets if s.strip()]
    if not out:
        raise ValidationError("请用 --street 指定账号的街道或乡镇，县级账号用 --county。")
    if ALL_STREETS in out:
        raise ValidationError(f"街道名不能是“{ALL_STREETS}”；县级账号请用 --county。")
    return out


def add_user(
    conn, name: str, *, streets: list[str] = (), county: bool = False, password: str | None = None
) -> AccountInfo:
    """Make (or, when the role exists on the server already, adopt) the login role `name`
    as a clerk of this ledger with its lane. Sets up the lanes first if needed."""
    install(conn)
    _check_name(name)
    lane = _streets(list(streets), county)
    exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first()
    if exists is None:
        conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN')
    if password:
        # Hashed here (SCRAM, by libpq), so the password itself never reaches the server's
        # statement log; ALTER ROLE takes no parameters, hence the literal.
        pg = conn.connection.driver_connection.pgconn
        hashed = pg.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
        conn.exec_driver_sql(f"ALTER ROLE \"{name}\" PASSWORD '{hashed.decode()}'")
    conn.exec_driver_sql(f'GRANT {CLERK_ROLE} TO "{name}"')
    conn.execute(delete(AccountLane).where(AccountLane.account == name))
    _add(conn, name, lane)
    return _info(conn, name)


def _add(conn, name: str, streets: list[str]) -> None:
    conn.execute(
        insert(AccountLane)
        .values([{"account": name, "street": s} for s in streets])
        .on_conflict_do_nothing()
    )


def grant(conn, name: str, *, streets: list[str] = (), county: bool = False) -> AccountInfo:
    """Widen an account's lane by streets (or to the whole county)."""
    info = _known(conn, name)
    lane = _streets(list(streets), county)
    if county:
        conn.execute(delete(AccountLane).where(AccountLane.account == name))
    elif info.county:
        raise ValidationError(f"账号“{name}”已是县级账号，能看到所有街道和乡镇。")
    _add(conn, name, lane)
    return _info(conn, name)


def revoke(conn, name: str, *, streets: list[str] = (), county: bool = False) -> AccountInfo:
    """Narrow an account's lane (a lane left empty sees nothing)."""
    _known(conn, name)
    lane = _streets(list(streets), county)
    conn.execute(
        delete(AccountLane).where(AccountLane.account == name, AccountLane.street.in_(lane))
    )
    return _info(conn, name)


def list_users(conn) -> list[AccountInfo]:
    names = conn.scalars(select(AccountLane.account).distinct().order_by(AccountLane.account))
    return [_info(conn, n) for n in list(names)]


def _info(conn, name: str) -> AccountInfo:
    streets = list(
        conn.scalars(
            select(AccountLane.street)
            .where(AccountLane.account == name)
            .order_by(AccountLane.street)
        )
    )
    if ALL_STREETS in streets:
        return AccountInfo(name, [], True)
    return AccountInfo(name, streets)


def _known(conn, name: str) -> AccountInfo:
    info = _info(conn, name)
    if not info.county and not info.streets:
        raise ValidationError(f"本账本没有账号“{name}”；请先用 partydesk server add-user 添加。")
    return info
