"""The query/edit service behind the tables: listing in SQL, validated edits, undo data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger import editing, listing
from partydesk.ledger.listing import ListQuery
from partydesk.ledger.models import Organization, Person
from tests.sample_ledger import VALID_ID, fill_sample


@pytest.fixture
def sample(ledger):
    return ledger, fill_sample(ledger)


def names(session, q):
    ids = listing.query_ids(session, q)
    rows = listing.fetch_rows(session, q.entity, ids, ["name"])
    return [rows[i][1] for i in ids]


def test_search_filter_and_sort_in_sql(sample):
    lg, ids = sample
    with lg.session() as s:
        # names in pinyin order, as WPS sorts them (code-point order was 刘 张 李 王 赵 陈)
        pinyin = ["陈静", "李娜", "刘洋", "王芳", "张伟", "赵磊"]
        assert names(s, ListQuery("person", sort="name")) == pinyin
        assert names(s, ListQuery("person", sort="name", descending=True)) == pinyin[::-1]
        assert names(s, ListQuery("person", text="联合", sort="name")) == ["李娜", "刘洋", "赵磊"]
        # the organization's name is searchable (joined), words are ANDed
        assert set(names(s, ListQuery("person", text="联合"))) == {"李娜", "刘洋", "赵磊"}
        assert names(s, ListQuery("person", text="联合 刘")) == ["刘洋"]
        assert set(names(s, ListQuery("person", filters={"category": ["full"]}))) == {
            "张伟",
            "刘洋",
            "赵磊",
        }
        assert listing.count(s, ListQuery("person", text="138")) == 1
        # sorting by the organization column sorts by its name, not its id
        by_org = listing.query_ids(s, ListQuery("person", sort="org_id", descending=True))
        rows = listing.fetch_rows(s, "person", by_org, ["org_id"])
        shown = [rows[i][1] for i in by_org]
        assert shown == sorted(shown, reverse=True)
        assert (
            listing.query_ids(s, ListQuery("person", sort="name"), limit=2)
            == listing.query_ids(s, ListQuery("person", sort="name"))[:2]
        )
        # a percent sign is searched literally
        assert listing.query_ids(s, ListQuery("unit", text="%")) == []
        streets = [v for v, _ in listing.filter_choices(s, "unit", "street")]
        assert streets == ["东湖街道", "城关街道"]
        assert set(names(s, ListQuery("org", filters={"formation": ["joint", "backstop"]}))) == {
            "中共东湖街道联合党支部委员会",
            "中共城关街道快递行业工作支部委员会",
        }
        members = listing.fetch_rows(
            s, "org", listing.query_ids(s, ListQuery("org")), ["member_count"]
        )
        assert sorted(v[1] for v in members.values()) == [0, 3, 3]
        # a unit's organizations: shown, searched, and not the dissolved ones
        orgs = listing.fetch_rows(s, "unit", ids["units"], ["name", "orgs"])
        assert {v[1]: v[2] for v in orgs.values()} == {
            "星光科技有限公司": "中共星光科技有限公司支部委员会",
            "同心社会工作服务中心": "中共东湖街道联合党支部委员会",
        }
        assert names(s, ListQuery("unit", text="联合党支部")) == ["同心社会工作服务中心"]
        s.get(Organization, ids["orgs"][1]).dissolved_on = date(2026, 1, 1)
        s.flush()
        assert (
            listing.fetch_rows(s, "unit", [ids["units"][1]], ["orgs"])[ids["units"][1]][1] is None
        )
        assert names(s, ListQuery("unit", text="联合党支部")) == []


def test_id_number_fills_birth_date_and_sex_and_undo_restores(sample):
    lg, ids = sample
    pid = ids["张伟"]
    with lg.session() as s:
        uuid = s.get(Person, pid).uuid
        ch = editing.set_fields(
            s, "person", pid, {"id_number": " 11010519491231002x"}, expect_uuid=uuid
        )
    assert ch.after == {"id_number": VALID_ID, "birth_date": date(1949, 12, 31), "sex": "F"}
    with lg.session() as s:
        p = s.get(Person, pid)
        assert (p.id_number, p.birth_date, p.sex) == (VALID_ID, date(1949, 12, 31), "F")
        editing.revert(s, [ch])
    with lg.session() as s:
        p = s.get(Person, pid)
        assert (p.birth_date, p.sex) == (date(1985, 3, 2), "M")


def test_refused_edits_say_why_and_write_nothing(sample):
    lg, ids = sample
    pid = ids["张伟"]
    with pytest.raises(ValidationError, match="校验位错误"):
        with lg.session() as s:
            editing.set_fields(s, "person", pid, {"id_number": "110105194912310021"})
    with pytest.raises(ValidationError, match="晚于今天"):
        with lg.session() as s:
            editing.set_fields(s, "person", pid, {"admitted_on": "2999-01-01"})
    with pytest.raises(ValidationError, match="不能清空"):
        with lg.session() as s:
            editing.set_fields(s, "person", pid, {"org_id": ""})
    with pytest.raises(ValidationError, match="已被“王芳”使用"):
        with lg.session() as s:
            other = s.get(Person, ids["王芳"]).id_number
            editing.set_fields(s, "person", pid, {"id_number": other})
    with pytest.raises(NotFoundError):
        with lg.session() as s:
            editing.set_fields(s, "person", pid, {"job": "x"}, expect_uuid="not-the-same")
    with lg.session() as s:
        p = s.get(Person, pid)
        assert p.admitted_on == date(2015, 7, 1) and p.org_id == ids["orgs"][0] and p.job is None


def test_org_by_name_and_paste_block_cell_by_cell(sample):
    lg, ids = sample
    a, b = ids["张伟"], ids["王芳"]
    with lg.session() as s:
        changes, refused = editing.paste_cells(
            s,
            "person",
            [
                (a, None, "job", "工程师"),
                (a, None, "org_id", "东湖街道联合"),
                (b, None, "job", "会计"),
                (b, None, "phone", "12345"),
                (b, None, "member_count", "3"),
            ],
        )
    assert [(r.id, r.field) for r in refused] == [(b, "phone"), (b, "member_count")]
    assert "手机号" in refused[0].reason
    with lg.session() as s:
        assert s.get(Person, a).org_id == ids["orgs"][1]
        assert (s.get(Person, a).job, s.get(Person, b).job) == ("工程师", "会计")
        editing.revert(s, changes)
    with lg.session() as s:
        assert s.get(Person, a).org_id == ids["orgs"][0] and s.get(Person, b).job is None


def test_org_with_members_cannot_be_deleted_unless_moved(sample):
    lg, ids = sample
    o1, o2, o3 = ids["orgs"]
    with pytest.raises(editing.HasMembersError, match="还有3名人员"):
        with lg.session() as s:
            editing.delete_record(s, "org", o1)
    with lg.session() as s:
        snap = editing.delete_record(s, "org", o1, move_members_to=o3)
    with lg.session() as s:
        assert s.get(Organization, o1) is None
        assert editing.members_of(s, o3) == 3
        editing.restore(s, snap)
    with lg.session() as s:
        org = s.get(Organization, o1)
        assert org.uuid == snap.uuid and [u.name for u in org.host_units] == ["星光科技有限公司"]
        assert editing.members_of(s, o1) == 3 and editing.members_of(s, o3) == 0


def test_add_delete_restore_person(sample):
    lg, ids = sample
    with pytest.raises(ValidationError, match="姓名、人员类别不能为空"):
        with lg.session() as s:
            editing.add_record(s, "person", {"name": ""})
    with lg.session() as s:
        snap = editing.add_record(
            s,
            "person",
            {
                "name": "孙丽",
                "category": "积极分子",
                "org_id": ids["orgs"][2],
                "id_number": VALID_ID,
                "applied_on": "1990-03-01",
                "activist_on": "1990-09-01",
            },
        )
    with lg.session() as s:
        p = s.get(Person, snap.id)
        assert (p.category, p.birth_date, p.sex) == ("activist", date(1949, 12, 31), "F")
        gone = editing.delete_record(s, "person", snap.id)
    with lg.session() as s:
        assert s.get(Person, snap.id) is None
        editing.restore(s, gone)
    with lg.session() as s:
        assert s.get(Person, snap.id).name == "孙丽"
    # the 操作日志 tells the story: added, deleted, put back (with the values put back)
    from partydesk.ledger.models.audit import AuditEntry

    with lg.session() as s:
        log = s.execute(
            select(AuditEntry.action, AuditEntry.new_values)
            .where(AuditEntry.table_name == "person", AuditEntry.record_id == snap.id)
            .order_by(AuditEntry.id)
        ).all()
    assert [a for a, _ in log] == ["insert", "delete", "undelete"]
    assert "孙丽" in log[-1][1]


def test_a_column_the_ledger_needs_cannot_be_emptied(sample):
    lg, ids = sample
    with pytest.raises(ValidationError, match="在册状态：不能为空"):
        with lg.session() as s:
            editing.set_fields(s, "person", ids["张伟"], {"status": ""})
    with pytest.raises(ValidationError, match="党组织类别：不能为空"):
        with lg.session() as s:
            editing.set_fields(s, "org", ids["orgs"][0], {"org_type": " "})
