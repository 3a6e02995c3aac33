"""Host units (所在单位): linking organizations to units, which is what makes a unit count
as covered; names parsed as offices write them, hints never refusals, every link audited."""

from datetime import date

import pytest
from sqlalchemy import select

from partydesk import stats
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger import hosts, listing
from partydesk.ledger.models import OrgHostUnit, Unit
from partydesk.ledger.models.audit import AuditEntry
from tests.sample_ledger import fill_sample

TODAY = date(2026, 11, 22)


@pytest.fixture
def ids(ledger):
    got = fill_sample(ledger)
    with ledger.session() as s:
        u3 = Unit(name="星河快递服务站", kind="enterprise", street="东湖街道", employees=9)
        s.add(u3)
        s.flush()
        got["units"].append(u3.id)
    return got


def test_a_new_host_unit_moves_a_unit_from_uncovered_to_joint(ledger, ids):
    u1, u2, u3 = ids["units"]
    o1, o2, _ = ids["orgs"]
    with ledger.session() as s:
        before = stats.coverage(s, TODAY)
        assert u3 in before.uncovered_ids and u3 not in before.joint_ids
        change = hosts.set_host_units(s, o2, [u2, u3])
        assert change.before == [u2] and change.after == [u2, u3] and change.changed
    with ledger.session() as s:
        after = stats.coverage(s, TODAY)
        assert u3 in after.joint_ids and u3 not in after.uncovered_ids
        assert [n for _, n in hosts.host_units(s, o2)] == sorted(
            ["同心社会工作服务中心", "星河快递服务站"]
        )
        # the tables show it: the organization's 所在单位, the unit's 党组织, and search
        rows = listing.fetch_rows(s, "org", [o2], ["hosts"])
        assert set(rows[o2][1].split("、")) == {"同心社会工作服务中心", "星河快递服务站"}
        assert listing.query_ids(s, listing.ListQuery("org", "快递服务站")) == [o2]
        assert (
            listing.fetch_rows(s, "unit", [u3], ["orgs"])[u3][1] == "中共东湖街道联合党支部委员会"
        )
        # undo: the links as they were
        hosts.set_host_units(s, o2, change.before)
    with ledger.session() as s:
        assert s.scalars(select(OrgHostUnit.unit_id).where(OrgHostUnit.org_id == o2)).all() == [u2]
        assert u3 in stats.coverage(s, TODAY).uncovered_ids


def test_names_are_parsed_as_offices_write_them(ledger, ids):
    u1, u2, u3 = ids["units"]
    with ledger.session() as s:
        assert hosts.parse_units(s, "星光科技有限公司、同心社会工作服务中心") == [u1, u2]
        assert hosts.parse_units(s, f"快递，{u1}；星光科技有限公司") == [u3, u1]  # dupes once
        assert hosts.parse_units(s, "") == []
        with pytest.raises(ValidationError) as e:
            hosts.parse_units(s, "星光科技有限公司、不存在的公司、宏图")
        assert "找不到单位“不存在的公司”" in str(e.value) and "找不到单位“宏图”" in str(e.value)
        s.add(Unit(name="星光物流有限公司", kind="enterprise"))
        s.flush()
        with pytest.raises(NotFoundError, match="对应多个单位"):
            hosts.find_unit(s, "星光")


def test_formation_hints_are_warnings_not_refusals(ledger, ids):
    u1, u2, u3 = ids["units"]
    o1, o2, _ = ids["orgs"]
    with ledger.session() as s:
        change = hosts.set_host_units(s, o1, [u1, u3])  # 单独组建 with two units: stored
        assert change.after == [u1, u3]
        assert change.warnings == ["组建方式为单独组建，却有2个所在单位（联合组建请改组建方式）"]
        s.get(Unit, u2).status = "closed"
        s.flush()
        change = hosts.set_host_units(s, o2, [u2])
        assert "组建方式为联合组建，只有1个所在单位" in change.warnings
        assert "所在单位已注销：同心社会工作服务中心" in change.warnings
        with pytest.raises(NotFoundError, match="不存在"):
            hosts.set_host_units(s, o2, [u2, 999])
        with pytest.raises(NotFoundError, match="党组织"):
            hosts.set_host_units(s, 999, [u2])


def test_each_link_is_in_the_audit_log(ledger, ids):
    u1, u2, u3 = ids["units"]
    o1 = ids["orgs"][0]
    with ledger.session() as s:
        hosts.set_host_units(s, o1, [u3])
    with ledger.session() as s:
        actions = (
            s.execute(
                select(AuditEntry.action)
                .where(AuditEntry.table_name == "org_host_unit")
                .order_by(AuditEntry.id)
            )
            .scalars()
            .all()
        )
    assert sorted(actions[-2:]) == ["delete", "insert"]
