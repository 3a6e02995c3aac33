"""Each township in its own lane: a township clerk's account, with plain SQL through
psycopg, sees and changes none of another township's people (nor their units,
organizations, history or audit entries); a county account sees everything. Needs the
PostgreSQL test server (PARTYDESK_TEST_DB); skips, saying why, without one."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest

from tests.clients import NO_SERVER, TEST_DB, client
from tests.sample_ledger import fill_sample

pytestmark = pytest.mark.skipif(not TEST_DB, reason=NO_SERVER)
PASSWORD = "lane-test-密码1"


@pytest.fixture
def server(ledger_path):
    """A server ledger with the sample (城关街道: 张伟 王芳 陈静; 东湖街道: 李娜 刘洋 赵磊),
    set up with a 城关街道 clerk and a county clerk. Yields (url, ids, township, county)."""
    from partydesk import accounts
    from tests import pg

    url = ledger_path  # a fresh server database with the schema
    owner = client(url)
    ids = fill_sample(owner)
    tag = uuid.uuid4().hex[:8]
    town, county = f"cg_{tag}", f"county_{tag}"
    with owner.engine.begin() as conn:
        accounts.install(conn)
        accounts.add_user(conn, town, streets=["城关街道"], password=PASSWORD)
        accounts.add_user(conn, county, county=True, password=PASSWORD)
    yield url, ids, town, county
    with owner.engine.begin() as conn:
        for role in (town, county):
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
    owner.close()
    with pg._admin(TEST_DB) as admin:
        for role in (town, county):
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def _as(url: str, role: str):
    import psycopg

    p = urlsplit(url)
    return psycopg.connect(
        host=p.hostname,
        port=p.port or 5432,
        dbname=p.path.lstrip("/"),
        user=role,
        password=PASSWORD,
        autocommit=True,
    )


def _names(conn, sql: str, *args) -> set[str]:
    return {r[0] for r in conn.execute(sql, args).fetchall()}


def test_township_account_sees_and_changes_none_of_another_townships_people(server):
    url, ids, town, _ = server
    other = ids["刘洋"]  # 东湖街道
    with _as(url, town) as c:
        assert _names(c, "SELECT name FROM person") == {"张伟", "王芳", "陈静"}
        assert c.execute("SELECT * FROM person WHERE id = %s", (other,)).fetchall() == []
        assert _names(c, "SELECT name FROM organization") == {
            "中共星光科技有限公司支部委员会",
            "中共城关街道快递行业工作支部委员会",
        }
        assert _names(c, "SELECT name FROM unit") == {"星光科技有限公司"}
        # changing or deleting someone of 东湖街道 finds no row
        cur = c.execute("UPDATE person SET phone = '13000000000' WHERE id = %s", (other,))
        assert cur.rowcount == 0
        assert c.execute("DELETE FROM person WHERE id = %s", (other,)).rowcount == 0
        assert c.execute("UPDATE person SET phone = '13000000000'").rowcount == 3
        # nor can a person be moved, or added, into another township's organization
        import psycopg

        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE person SET org_id = %s WHERE id = %s", (ids["orgs"][1], ids["张伟"]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE unit SET street = '东湖街道'")
        # what hangs off the people: the host-unit links of the other township's branch
        assert c.execute("SELECT count(*) FROM org_host_unit").fetchone()[0] == 1
        # nor the lanes themselves
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SELECT * FROM account_lane")
    owner = client(url)
    with owner.session() as s:
        from partydesk.ledger.models import Person

        assert s.get(Person, other).phone == "13912345678"  # untouched
    owner.close()


def test_county_account_sees_every_township(server):
    url, _, _, county = server
    with _as(url, county) as c:
        assert len(_names(c, "SELECT name FROM person")) == 6
        assert len(_names(c, "SELECT name FROM unit")) == 2


def test_the_township_clerk_works_through_partydesk_in_their_lane(server):
    """The core on the clerk's own account: their edits are logged under that account,
    their 操作日志 shows no other township's entries, and the county sees both."""
    url, ids, town, county = server
    from partydesk.ledger import editing

    p = urlsplit(url)
    lg = client(f"postgresql://{town}@{p.hostname}:{p.port}{p.path}", PASSWORD)
    with lg.session() as s:
        editing.set_fields(s, "person", ids["张伟"], {"phone": "13900139000"})
    lg.close()
    with _as(url, town) as c:
        who = {r[0] for r in c.execute("SELECT who FROM audit_log").fetchall()}
        assert who == {town}
    with _as(url, county) as c:
        labels = {r[0] for r in c.execute("SELECT label FROM audit_log WHERE who = %s", (town,))}
        assert any("张伟" in x for x in labels)


def test_server_commands_set_up_lanes_and_the_township_lists_only_its_people(ledger_path, capsys):
    from partydesk.cli import main
    from tests import pg

    url = ledger_path
    owner = client(url)
    fill_sample(owner)
    owner.close()
    town = f"cg_{uuid.uuid4().hex[:8]}"
    lg = ("--ledger", url)
    try:
        assert main(["server", "init", *lg]) == 0
        assert "行级权限" in capsys.readouterr().out
        assert main(["server", "add-user", town, "--street", "城关街道", *lg]) == 0
        assert main(["server", "users", *lg]) == 0
        assert f"{town}\t城关街道" in capsys.readouterr().out
        p = urlsplit(url)
        as_town = ("--ledger", f"postgresql://{town}@{p.hostname}:{p.port}{p.path}")
        assert main(["list", "people", "--tsv", *as_town]) == 0
        listed = {
            ln.split("\t")[1] for ln in capsys.readouterr().out.splitlines()[1:] if "\t" in ln
        }
        assert listed == {"张伟", "王芳", "陈静"}
        assert main(["server", "grant", town, "--street", "东湖街道", *lg]) == 0
        assert main(["list", "people", "--tsv", *as_town]) == 0
        out = capsys.readouterr().out
        assert "刘洋" in out and "张伟" in out
    finally:
        owner = client(url)
        with owner.engine.begin() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{town}"')
        owner.close()
        with pg._admin(TEST_DB) as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{town}"')


def test_a_clerks_pc_without_a_key_file_signs_with_the_servers_key(server, tmp_path):
    """The ledger's key is kept on the server for the clerks' PCs (not in a file there, and
    not readable by a clerk with plain SQL, nor copied into a snapshot): a township
    clerk's edit joins the audit chain, which the county then verifies whole."""
    import shutil

    import psycopg

    from partydesk import keys
    from partydesk.audit import chain
    from partydesk.backup import server as server_backup
    from partydesk.ledger import editing

    url, ids, town, _ = server
    shutil.rmtree(keys.keys_folder())  # the clerk's PC: no key file
    with _as(url, town) as c, pytest.raises(psycopg.errors.InsufficientPrivilege):
        c.execute("SELECT ledger_key FROM partydesk_secret")
    p = urlsplit(url)
    lg = client(f"postgresql://{town}@{p.hostname}:{p.port}{p.path}", PASSWORD)
    with lg.session() as s:
        assert not keys.key_missing(s)
        editing.set_fields(s, "person", ids["张伟"], {"phone": "13900139000"})
    lg.close()
    assert not keys.keys_folder().exists() or not list(keys.keys_folder().iterdir())
    owner = client(url)
    with owner.session() as s:
        report = chain.verify(s)
        assert report.broken is None and not report.no_key and report.checked > 6
    snap = server_backup.snapshot(owner, tmp_path / "备份")
    owner.close()
    import sqlite3

    con = sqlite3.connect(snap.path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "audit_log" in tables and "partydesk_secret" not in tables
