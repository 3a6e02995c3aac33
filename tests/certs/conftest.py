from __future__ import annotations

from datetime import date

import pytest

from partydesk.ledger.models import (
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    Person,
    Unit,
)

TODAY = date(2026, 11, 20)


@pytest.fixture
def staffed(ledger):
    """Three instructors guiding five units (one through its branch); one unit uncovered;
    one person for 红领党务."""
    with ledger.session() as s:
        units = [
            Unit(name=n)
            for n in (
                "鲁信物流有限公司",
                "海岳科技有限公司",
                "北辰律师事务所",
                "安平快递站",
                "众诚家政服务中心",
                "新未来培训学校",
            )
        ]
        s.add_all(units)
        org = Organization(name="中共北辰律师事务所支部委员会")
        s.add(org)
        s.flush()
        s.add(OrgHostUnit(org_id=org.id, unit_id=units[2].id))
        a = Instructor(
            name="王建国", home_unit="区发改局", post="副局长", appointed_on=date(2025, 1, 1)
        )
        b = Instructor(
            name="李秀梅", home_unit="区住建局", post="科长", appointed_on=date(2025, 3, 1)
        )
        c = Instructor(
            name="赵海",
            home_unit="街道办",
            post="干事",
            appointed_on=date(2026, 1, 1),
            active=False,
        )
        s.add_all([a, b, c])
        s.flush()
        s.add_all(
            [
                InstructorAssignment(
                    instructor_id=a.id, unit_id=units[0].id, start_on=date(2025, 1, 1)
                ),
                InstructorAssignment(
                    instructor_id=a.id, unit_id=units[1].id, start_on=date(2025, 1, 1)
                ),
                InstructorAssignment(instructor_id=a.id, org_id=org.id, start_on=date(2025, 6, 1)),
                InstructorAssignment(
                    instructor_id=b.id, unit_id=units[3].id, start_on=date(2025, 3, 1)
                ),
                # ended: 众诚 was guided by 李秀梅 until mid 2026
                InstructorAssignment(
                    instructor_id=b.id,
                    unit_id=units[4].id,
                    start_on=date(2025, 3, 1),
                    end_on=date(2026, 6, 30),
                ),
                # inactive instructor does not cover 新未来
                InstructorAssignment(
                    instructor_id=c.id, unit_id=units[5].id, start_on=date(2026, 1, 1)
                ),
            ]
        )
        p = Person(name="孙丽", category="full")
        s.add(p)
        s.flush()
        ids = {
            "a": a.id,
            "b": b.id,
            "c": c.id,
            "person": p.id,
            "units": [u.id for u in units],
            "org": org.id,
        }
    return ids
