"""A small, hand-made ledger for table and editing tests (built with the ORM)."""

from __future__ import annotations

from datetime import date

from partydesk.ledger.models import Organization, OrgHostUnit, Person, Unit
from partydesk.rules import idcard

VALID_ID = "11010519491231002X"  # born 1949-12-31, female


def fill_sample(ledger) -> dict:
    """Two units, three organizations (one empty), six people. Returns ids by name."""
    with ledger.session() as s:
        u1 = Unit(
            name="星光科技有限公司",
            kind="enterprise",
            street="城关街道",
            employees=120,
            credit_code="91512081MA62K0260E",
        )
        u2 = Unit(name="同心社会工作服务中心", kind="social_org", street="东湖街道", employees=15)
        s.add_all([u1, u2])
        s.flush()
        o1 = Organization(
            name="中共星光科技有限公司支部委员会",
            org_type="branch",
            formation="own",
            street="城关街道",
        )
        o2 = Organization(
            name="中共东湖街道联合党支部委员会",
            org_type="joint_branch",
            formation="joint",
            street="东湖街道",
        )
        o3 = Organization(
            name="中共城关街道快递行业工作支部委员会",
            org_type="work_branch",
            formation="backstop",
            street="城关街道",
        )
        s.add_all([o1, o2, o3])
        s.flush()
        s.add_all(
            [OrgHostUnit(org_id=o1.id, unit_id=u1.id), OrgHostUnit(org_id=o2.id, unit_id=u2.id)]
        )
        people = [
            ("张伟", "M", date(1985, 3, 2), "full", o1, "13812345678"),
            ("王芳", "F", date(1990, 7, 15), "probationary", o1, None),
            ("李娜", "F", date(1995, 1, 9), "activist", o2, None),
            ("刘洋", "M", date(1988, 11, 30), "full", o2, "13912345678"),
            ("陈静", "F", date(1992, 5, 5), "applicant", o1, None),
            ("赵磊", "M", date(1979, 8, 21), "full", o2, None),
        ]
        for i, (name, sex, born, cat, org, ph) in enumerate(people):
            s.add(
                Person(
                    name=name,
                    sex=sex,
                    birth_date=born,
                    category=cat,
                    org_id=org.id,
                    phone=ph,
                    id_number=idcard.make("330102", born, 10 + i, sex),
                    admitted_on=date(2015, 7, 1) if cat in ("full", "probationary") else None,
                )
            )
        s.flush()
        ids = {"units": [u1.id, u2.id], "orgs": [o1.id, o2.id, o3.id]}
        ids.update({p.name: p.id for p in s.query(Person)})
    return ids
