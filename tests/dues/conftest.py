"""A branch with members joining, leaving and on every kind of base, on a real ledger."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk.dues import bases
from partydesk.ledger import history
from partydesk.ledger.models import Organization, Person

TODAY = date(2027, 1, 15)


@pytest.fixture
def branch(ledger):
    """(ledger, org_id, {name: person_id}) for 2026 in 红星支部:
    张伟 在职 4200 (42.00), 李娜 预备党员 admitted 2026-06-18 on 2800 (14.00),
    王芳 6000 (90.00) transferred out 2026-09-10, 刘洋 离退休 5000 (25.00),
    陈静 最低标准 (0.20), 周敏 transferred in 2026-03-05 on 12000 (240.00),
    杨帆 an activist (no dues), 赵磊 in another branch on 3000 (15.00)."""
    with ledger.session() as s:
        org = Organization(name="中共红星科技有限公司支部委员会", org_type="branch")
        other = Organization(name="中共蓝天物流有限公司支部委员会", org_type="branch")
        s.add_all([org, other])
        s.flush()
        ids = {}
        for name, cat, admitted, where in [
            ("张伟", "full", date(2012, 7, 1), org),
            ("李娜", "probationary", date(2026, 6, 18), org),
            ("王芳", "full", date(2010, 5, 4), org),
            ("刘洋", "full", date(1990, 7, 1), org),
            ("陈静", "full", date(2019, 11, 2), org),
            ("周敏", "full", date(2016, 7, 1), org),
            ("杨帆", "activist", None, org),
            ("赵磊", "full", date(2018, 7, 1), other),
        ]:
            p = Person(name=name, category=cat, admitted_on=admitted, org_id=where.id)
            s.add(p)
            s.flush()
            ids[name] = p.id
        get = lambda n: s.get(Person, ids[n])  # noqa: E731
        bases.set_base(s, get("张伟"), 202601, 420000)
        bases.set_base(s, get("李娜"), 202606, 280000)
        bases.set_base(s, get("王芳"), 202601, 600000)
        bases.set_base(s, get("刘洋"), 202601, 500000, kind="retired")
        bases.set_base(s, get("陈静"), 202601, None, kind="minimum")
        bases.set_base(s, get("周敏"), 202603, 1200000)
        bases.set_base(s, get("赵磊"), 202601, 300000)
        history.transfer_in(s, ids["周敏"], date(2026, 3, 5), "宁波市某某街道党工委", today=TODAY)
        history.transfer_out(s, ids["王芳"], date(2026, 9, 10), "杭州市某某公司党支部", today=TODAY)
        org_id = org.id
    return ledger, org_id, ids
