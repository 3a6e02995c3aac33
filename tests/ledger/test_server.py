"""A ledger on a PostgreSQL server: `init` on an empty database, the password from
PGPASSWORD / a password file / the prompt's offer and never from the address, Chinese
errors for a refused connection and a wrong password, and no password in any message or
log. Runs in the PostgreSQL run of the suite (PARTYDESK_TEST_DB); skipped otherwise."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from partydesk.errors import LedgerError
from partydesk.ledger import open_ledger, server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bare_url(new_ledger):
    """An empty server database (no schema), as an administrator hands it over."""
    where = new_ledger("bare.partydesk", schema=False)
    if not isinstance(where, str):
        pytest.skip("needs the PostgreSQL run (PARTYDESK_TEST_DB)")
    return where


@pytest.fixture
def clerk(bare_url):
    """A login with a password that the server checks, owning the empty database;
    (url, password)."""
    from tests import pg

    addr = server.parse(bare_url)
    admin = os.environ["PARTYDESK_TEST_DB"]
    role, password = pg.make_clerk(admin, addr.database)
    yield f"postgresql://{role}@{addr.host}:{addr.port}/{addr.database}", password
    pg.drop_clerk(admin, addr.database, role)


def _cli(*argv, env_extra=None, home=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    env.pop("PGPASSWORD", None) if "PGPASSWORD" not in (env_extra or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "partydesk", *argv],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_init_makes_the_schema_in_an_empty_database_then_refuses(bare_url):
    r = _cli("init", "--ledger", bare_url)
    assert r.returncode == 0, r.stderr
    assert "已新建账本" in r.stdout
    r = _cli("add", "units", "单位名称=星光科技有限公司", "--ledger", bare_url)
    assert r.returncode == 0, r.stderr
    r = _cli("init", "--ledger", bare_url)
    assert r.returncode == 1 and "账本已存在" in r.stderr
    with open_ledger(bare_url) as lg:
        from partydesk.ledger.models import Unit

        with lg.session() as s:
            assert [u.name for u in s.query(Unit)] == ["星光科技有限公司"]


def test_an_empty_database_is_not_opened_as_a_ledger_without_init(bare_url):
    r = _cli("stats", "--ledger", bare_url)
    assert r.returncode == 1
    assert "还是空的" in r.stderr and "partydesk init" in r.stderr


def test_password_from_pgpassword_and_wrong_one_in_chinese_without_the_password(clerk, tmp_path):
    url, password = clerk
    state = tmp_path / "state"
    env = {"PGPASSWORD": password, "XDG_STATE_HOME": str(state)}
    r = _cli("init", "--ledger", url, env_extra=env)
    assert r.returncode == 0, r.stderr
    wrong = "Wrong-" + secrets.token_hex(6)
    r = _cli(
        "stats", "--ledger", url, env_extra={"PGPASSWORD": wrong, "XDG_STATE_HOME": str(state)}
    )
    assert r.returncode == 1
    assert "口令不对" in r.stderr
    assert wrong not in r.stderr + r.stdout
    logs = "".join(p.read_text(errors="replace") for p in state.rglob("*") if p.is_file())
    assert logs, "the command line writes its log"
    assert password not in logs and wrong not in logs


def test_password_from_a_password_file(clerk, tmp_path):
    url, password = clerk
    addr = server.parse(url)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{addr.host}:{addr.port}:{addr.database}:{addr.user}:{password}\n")
    pgpass.chmod(0o600)
    r = _cli("init", "--ledger", url, env_extra={"PGPASSFILE": str(pgpass)})
    assert r.returncode == 0, r.stderr
    r = _cli("stats", "--ledger", url, env_extra={"PGPASSFILE": str(pgpass)})
    assert r.returncode == 0, r.stderr
    assert "两个覆盖" in r.stdout


def test_no_password_asks_for_one_and_an_offered_one_opens(clerk, monkeypatch, tmp_path):
    url, password = clerk
    monkeypatch.delenv("PGPASSWORD", raising=False)
    (tmp_path / "empty").write_text("")
    (tmp_path / "empty").chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "empty"))
    addr = server.parse(url)
    with pytest.raises(server.PasswordNeeded) as e:
        open_ledger(url, create=True)
    assert "需要口令" in str(e.value) or "口令不对" in str(e.value)
    server.offer(addr, "not-" + password)
    with pytest.raises(server.PasswordNeeded) as e:
        open_ledger(url, create=True)
    assert "口令不对" in str(e.value) and password not in str(e.value)
    server.offer(addr, password)
    try:
        with open_ledger(url, create=True) as lg:
            assert lg.is_server and password not in repr(lg.engine.url) + lg.location
    finally:
        server.forget(addr)


def test_a_password_in_the_address_is_refused_without_repeating_it(bare_url):
    addr = server.parse(bare_url)
    secret = "S3cret-" + secrets.token_hex(4)
    r = _cli("stats", "--ledger", f"postgresql://{addr.user}:{secret}@{addr.host}:{addr.port}/x")
    assert r.returncode == 1
    assert "不能写口令" in r.stderr and secret not in r.stderr


def test_a_refused_connection_is_one_chinese_line(bare_url):
    addr = server.parse(bare_url)
    with pytest.raises(LedgerError) as e:
        open_ledger(f"postgresql://{addr.user}@127.0.0.1:1/{addr.database}")
    assert "服务器拒绝连接" in str(e.value)


def test_a_missing_database_says_so(bare_url):
    addr = server.parse(bare_url)
    with pytest.raises(LedgerError) as e:
        open_ledger(f"postgresql://{addr.user}@{addr.host}:{addr.port}/no_such_db_here")
    assert "不存在" in str(e.value)
