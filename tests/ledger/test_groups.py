"""党小组: made, led and filled from the ledger's own people; printed in the book; a move to
another organization takes the person out of the old one's group (and undo puts them back)."""

from datetime import date

import pytest

from partydesk.errors import ValidationError
from partydesk.ledger import editing, groups, history
from partydesk.ledger.models import Person
from partydesk.reports.book import load_book
from tests.sample_ledger import fill_sample

TODAY = date(2026, 11, 22)


@pytest.fixture
def ids(ledger):
    return fill_sample(ledger)


def test_groups_in_the_book_and_their_rules(ledger, ids):
    o1, o2, _ = ids["orgs"]
    with ledger.session() as s:
        g = groups.add_group(s, o1, "第一党小组", leader_id=ids["张伟"])
        groups.assign(s, ids["王芳"], g.id)
        with pytest.raises(ValidationError, match="本组织已有“第一党小组”"):
            groups.add_group(s, o1, "第一党小组")
        with pytest.raises(ValidationError, match="刘洋不是本组织的人员"):
            groups.add_group(s, o1, "第二党小组", leader_id=ids["刘洋"])
        with pytest.raises(ValidationError, match="刘洋不是“第一党小组”所在党组织的人员"):
            groups.assign(s, ids["刘洋"], g.id)
        gid = g.id
    with ledger.session() as s:
        assert load_book(s, o1, 2026).groups == [("第一党小组", "张伟", "张伟、王芳")]
        [row] = groups.groups(s, o1)
        assert (row.name, row.leader, row.members) == ("第一党小组", "张伟", ["张伟", "王芳"])
        # the leader leaving the group no longer leads it
        groups.assign(s, ids["张伟"], None)
        assert groups.groups(s, o1)[0].leader == ""
        groups.set_leader(s, gid, ids["王芳"])
    with ledger.session() as s:
        # a cell edit moving 王芳 to another organization takes her out of the group …
        ch = editing.set_fields(
            s, "person", ids["王芳"], {"org_id": "中共东湖街道联合党支部委员会"}, today=TODAY
        )
        assert ch.fields == ["org_id"] and ch.before["party_group_id"] == gid
        assert s.get(Person, ids["王芳"]).party_group_id is None
        # … and undo puts her back
        editing.revert(s, [ch])
        assert s.get(Person, ids["王芳"]).party_group_id == gid
        step = history.move(s, ids["王芳"], o2, TODAY, today=TODAY)
        assert s.get(Person, ids["王芳"]).party_group_id is None
        history.undo(s, step)
        assert s.get(Person, ids["王芳"]).party_group_id == gid
        assert groups.remove_group(s, gid) == "第一党小组"
        assert s.get(Person, ids["王芳"]).party_group_id is None
        assert groups.groups(s, o1) == []
