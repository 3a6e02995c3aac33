"""A ledger on a PostgreSQL server (服务器账本): its address, its password and its engine.

`--ledger postgresql://user@host:port/db` names one. The password never comes from the
address (an address holding one is refused, without repeating it): it comes from
`offer()` (the window's dialog, or a prompt at a terminal), else from libpq's own
`PGPASSWORD` or `~/.pgpass`. No message, log line or `str()` here ever carries it: the
engine is made with a `creator`, so SQLAlchemy's URL holds no password either.

psycopg is imported only when a server ledger is opened (the optional extra `server`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import QueuePool

from partydesk.errors import LedgerError

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
CONNECT_TIMEOUT_S = 10
_PASSWORDS: dict[tuple[str, int, str, str], str] = {}


class PasswordNeeded(LedgerError):
    """The server wants a password (none given, or a wrong one): a terminal may ask."""

    def __init__(self, message: str, address: ServerAddress):
        super().__init__(message)
        self.address = address


@dataclass(frozen=True)
class ServerAddress:
    """Where a server ledger is: host, port, database and account (never a password)."""

    host: str
    port: int
    database: str
    user: str

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}@{self._hostport}/{self.database}"

    @property
    def _hostport(self) -> str:
        h = f"[{self.host}]" if ":" in self.host else self.host
        return f"{h}:{self.port}"

    def describe(self) -> str:
        return f"服务器 {self._hostport} 上的数据库“{self.database}”（用户“{self.user}”）"

    def anchor(self) -> Path:
        """A local path standing for this ledger where the program wants a file's place:
        the default folder of its backups and of its key file. Nothing is ever created at
        the path itself."""
        from partydesk.ledger.paths import default_ledger_path

        safe = re.sub(r"[^0-9A-Za-z._-]", "_", f"{self.host}-{self.port}-{self.database}")
        return default_ledger_path().parent / "服务器账本" / f"{safe}.partydesk"

    def __str__(self) -> str:
        return self.url

    def _key(self) -> tuple[str, int, str, str]:
        return (self.host, self.port, self.database, self.user)


def is_server_url(text: object) -> bool:
    return isinstance(text, str) and text.split(":", 1)[0].lower() in SCHEMES and "://" in text


def parse(text: str) -> ServerAddress:
    """The address in `postgresql://user@host:port/db`; LedgerError (Chinese, without the
    password) for one that holds a password or lacks a part."""
    parts = urlsplit(text)
    if parts.password is not None:
        raise LedgerError(
            "服务器账本的地址里不能写口令（会留在命令历史和日志里）。请去掉地址中“:口令”部分，"
            "在提示时输入口令，或用 PGPASSWORD 环境变量、~/.pgpass 文件提供。"
        )
    user = unquote(parts.username or "")
    host = parts.hostname or ""
    try:
        port = parts.port or 5432
    except ValueError as e:
        raise LedgerError(f"服务器账本地址中的端口号不对：{_redact(text)}。") from e
    database = unquote(parts.path.lstrip("/"))
    if not host or not database:
        raise LedgerError(
            f"服务器账本地址不完整：{_redact(text)}。"
            "请写成 postgresql://用户名@服务器地址:端口/数据库名。"
        )
    if not user:
        from partydesk.ledger.lock import current_user

        user = current_user()
    return ServerAddress(host, port, database, user)


def _redact(text: str) -> str:
    return re.sub(r"//([^/@:]*):[^/@]*@", r"//\1@", text)


def offer(address: ServerAddress, password: str) -> None:
    """Remember `password` for `address` in this process (memory only)."""
    _PASSWORDS[address._key()] = password


def forget(address: ServerAddress) -> None:
    _PASSWORDS.pop(address._key(), None)


def _connect_args(address: ServerAddress, dbname: str | None = None) -> dict:
    args = {
        "host": address.host,
        "port": address.port,
        "dbname": dbname or address.database,
        "user": address.user,
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "PartyDesk",
    }
    pw = _PASSWORDS.get(address._key())
    if pw is not None:
        args["password"] = pw
    return args


def _psycopg():
    try:
        import psycopg
    except ImportError as e:
        raise LedgerError(
            "本程序没有安装连接 PostgreSQL 服务器的组件（psycopg）。"
            "请用 pip install 'partydesk[server]' 安装后再打开服务器账本。"
        ) from e
    return psycopg


def connect(address: ServerAddress, dbname: str | None = None, *, autocommit: bool = False):
    """A psycopg connection; LedgerError in Chinese when the server refuses."""
    psycopg = _psycopg()
    try:
        return psycopg.connect(**_connect_args(address, dbname), autocommit=autocommit)
    except psycopg.OperationalError as e:
        raise LedgerError(explain(address, e)) from None


def explain(address: ServerAddress, e: BaseException) -> str:
    """One Chinese sentence for a failed connection (the server's text never holds the
    password; ours does not either)."""
    text = str(e)
    low = text.lower()
    where = address.describe()
    if "password authentication failed" in low:
        return f"无法登录{where}：口令不对。请检查用户名和口令后再试。"
    if "no password supplied" in low or "fe_sendauth" in low:
        return (
            f"无法登录{where}：需要口令。请输入口令，或用 PGPASSWORD 环境变量、~/.pgpass 文件提供。"
        )
    if "does not exist" in low and "database" in low:
        return f"{where}不存在。请检查数据库名，或请服务器管理员先建好这个数据库。"
    if "does not exist" in low and "role" in low:
        return f"无法登录{where}：服务器上没有这个用户。"
    if "refused" in low or "could not connect" in low or "no route" in low:
        return (
            f"无法连接{where}：服务器拒绝连接。请检查服务器地址和端口，"
            "确认数据库服务器已经启动、本机可以访问。"
        )
    if "timeout" in low or "timed out" in low:
        return f"连接{where}超时。请检查网络和服务器地址后再试。"
    if "translate host name" in low or "name or service not known" in low:
        return f"找不到服务器“{address.host}”。请检查服务器地址。"
    if "no pg_hba.conf entry" in low or "permission denied" in low:
        return f"{where}不允许本机或这个用户登录。请联系服务器管理员。"
    first = text.strip().splitlines()[0] if text.strip() else type(e).__name__
    return f"无法连接{where}（{first}）。"


def needs_password(e: BaseException) -> bool:
    low = str(e).lower()
    return "password authentication failed" in low or "no password supplied" in low


def make_engine(address: ServerAddress) -> Engine:
    """An engine over the server ledger; connections are psycopg ones with the password
    (if any) given as an argument, never in a URL."""
    psycopg = _psycopg()
    args = _connect_args(address)

    def creator():
        return psycopg.connect(**args)

    return create_engine(
        "postgresql+psycopg://",
        creator=creator,
        poolclass=QueuePool,
        pool_pre_ping=True,
    )


def translate_error(exc: BaseException, ledger) -> LedgerError | None:
    """The LedgerError for a server error a user can cause (the server went away, a
    read-only account or connection), else None."""
    from partydesk.ledger.errors import LedgerReadOnlyError

    mod = type(exc).__module__
    if not mod.startswith("psycopg"):
        return None
    text = str(exc).lower()
    where = ledger.server.describe()
    if "read-only transaction" in text:
        return LedgerReadOnlyError(ledger.readonly_reason or f"{where}以只读方式打开，不能修改。")
    if "permission denied" in text:
        return LedgerReadOnlyError(f"当前用户没有修改{where}中这些记录的权限。请联系服务器管理员。")
    if type(exc).__name__ == "OperationalError":
        return LedgerError(
            f"与{where}的连接断开了，本次修改未保存（已保存的数据不受影响）。请检查网络后重新打开。"
        )
    return None
