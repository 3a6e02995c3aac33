"""Small realistic test data built with the ORM: a branch with members, committee, groups
and a year of records (the same generator as the demo)."""

from __future__ import annotations

import random
from datetime import date

from partydesk.demo.work import bulk_write, org_records
from partydesk.ledger.models import (
    CommitteeMember,
    Organization,
    OrgHostUnit,
    PartyGroup,
    Person,
    Unit,
)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "海燕",
]


def make_branch(
    session,
    *,
    members: int = 12,
    year: int = 2026,
    months: int = 12,
    seed: int = 1,
    name: str = "中共星河科技有限公司支部委员会",
    records: bool = True,
    skip: float = 0.0,
) -> int:
    """An organization with `members` members, a committee of 3, two party groups, two
    candidates, and (with `records`) `months` months of records. Returns its id."""
    rng = random.Random(seed)
    parent = Organization(name="中共城南街道两新组织综合委员会", org_type="committee")
    unit = Unit(name=name.removeprefix("中共").removesuffix("支部委员会"), kind="enterprise")
    org = Organization(
        name=name,
        org_type="branch",
        formation="own",
        parent=parent,
        founded_on=date(2015, 7, 1),
        term_start=date(2024, 3, 1),
        term_end=date(2027, 2, 28),
        street="城南街道",
    )
    session.add_all([parent, unit, org])
    session.flush()
    session.add(OrgHostUnit(org_id=org.id, unit_id=unit.id))
    used = set()
    people = []
    for i in range(members + 2):
        while True:
            n = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if n not in used:
                used.add(n)
                break
        cat = "full" if i < members - 1 else ("probationary" if i < members else "activist")
        p = Person(
            name=n,
            sex=rng.choice("MF"),
            org_id=org.id,
            category=cat,
            birth_date=date(1970 + rng.randint(0, 30), rng.randint(1, 12), 1),
            education=rng.choice(["大学本科", "大专", "高中", "硕士研究生"]),
            ethnicity="汉族",
            job=rng.choice(["技术员", "销售经理", "车间主任", "会计"]),
            admitted_on=date(2000 + rng.randint(0, 20), 7, 1) if cat != "activist" else None,
            applied_on=date(2024, 3, 5) if cat == "activist" else None,
            activist_on=date(2024, 9, 1) if cat == "activist" else None,
        )
        people.append(p)
    session.add_all(people)
    session.flush()
    org.secretary_id = people[0].id
    for p, role in zip(people[:3], ["secretary", "organization", "publicity"], strict=True):
        session.add(
            CommitteeMember(org_id=org.id, person_id=p.id, role=role, since=date(2024, 3, 1))
        )
    g1 = PartyGroup(org_id=org.id, name="第一党小组", leader_id=people[1].id)
    g2 = PartyGroup(org_id=org.id, name="第二党小组", leader_id=people[2].id)
    session.add_all([g1, g2])
    session.flush()
    for i, p in enumerate(people[:members]):
        p.party_group_id = g1.id if i % 2 else g2.id
    session.flush()
    if records:
        mem = [(p.id, p.name) for p in people[:members]]
        r, a, ap = org_records(
            rng,
            org.id,
            year,
            months,
            mem,
            secretary=people[0].name,
            has_committee=True,
            has_groups=True,
            skip=skip,
        )
        bulk_write(session, r, a, ap)
    return org.id
