"""The organization tree and unique names, through the one editing core (cell, form,
paste and `set` all call it): the stored value or the refusal message."""

from datetime import date

import pytest

from partydesk.errors import ValidationError
from partydesk.ledger import editing, tree
from partydesk.ledger.models import Organization, OrgHostUnit, Unit


@pytest.fixture
def orgs(ledger):
    with ledger.session() as s:
        top = Organization(name="中共城关街道两新工委", org_type="committee")
        gen = Organization(name="中共某某公司总支部委员会", org_type="general_branch")
        br = Organization(name="中共某某公司第一支部委员会", org_type="branch")
        gone = Organization(
            name="中共旧支部委员会", org_type="branch", dissolved_on=date(2020, 1, 1)
        )
        s.add_all([top, gen, br, gone])
        s.flush()
        gen.parent_id, br.parent_id = top.id, gen.id
        u = Unit(name="某某公司")
        s.add(u)
        s.flush()
        s.add(OrgHostUnit(org_id=br.id, unit_id=u.id))
        return {"top": top.id, "gen": gen.id, "br": br.id, "gone": gone.id, "unit": u.id}


def set_org(ledger, oid, **raw):
    with ledger.session() as s:
        editing.set_fields(s, "org", oid, raw)


@pytest.mark.parametrize(
    "who, raw, reason",
    [
        ("top", {"parent_id": "top"}, "上级党组织不能是它自己"),
        ("top", {"parent_id": "br"}, "党支部下不能再设党组织"),
        ("top", {"parent_id": "gen"}, "会形成循环"),
        ("gen", {"org_type": "党支部"}, "不能改为党支部"),
        ("top", {"org_type": "党总支"}, "不能改为党总支"),
        ("br", {"org_type": "党委"}, "党总支，其下只能设党支部"),
        ("gen", {"name": "中共某某公司第一支部委员会"}, "党组织全称不能重复"),
    ],
)
def test_tree_and_name_refusals(ledger, orgs, who, raw, reason):
    raw = {k: orgs[v] if k == "parent_id" else v for k, v in raw.items()}
    with pytest.raises(ValidationError, match=reason):
        set_org(ledger, orgs[who], **raw)


def test_a_dissolved_organizations_name_may_be_used_again(ledger, orgs):
    set_org(ledger, orgs["gen"], name="中共旧支部委员会")
    with ledger.session() as s:
        assert s.get(Organization, orgs["gen"]).name == "中共旧支部委员会"


def test_unit_names_unique_and_deleting_the_only_host_says_what_coverage_goes(ledger, orgs):
    with ledger.session() as s:
        with pytest.raises(ValidationError, match="单位名称不能重复"):
            editing.add_record(s, "unit", {"name": "某某公司"})
        assert "“中共某某公司第一支部委员会”党组织将没有所在单位" in tree.coverage_loss(
            s, [orgs["unit"]]
        )


def test_paste_refuses_a_cycle_cell_and_keeps_the_rest(ledger, orgs):
    with ledger.session() as s:
        changes, refused = editing.paste_cells(
            s,
            "org",
            [
                (orgs["top"], None, "parent_id", "中共某某公司总支部委员会"),
                (orgs["top"], None, "short_name", "两新工委"),
            ],
        )
        assert [r.field for r in refused] == ["parent_id"] and "循环" in refused[0].reason
        assert s.get(Organization, orgs["top"]).short_name == "两新工委"
        assert s.get(Organization, orgs["top"]).parent_id is None
