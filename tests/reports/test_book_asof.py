"""The book shows its year: the roster, counts, committee and transfers as on 31 December."""

from __future__ import annotations

import io
from datetime import date

from partydesk.ledger import history
from partydesk.ledger.models import CommitteeMember, Organization, Person
from partydesk.reports.book import load_book, write_book
from tests.records.factory import make_branch
from tests.reports.pdftext import page_lines

TODAY = date(2026, 11, 20)


def _names(rows):
    return {r[0] for r in rows}


def test_a_2025_book_does_not_list_who_joined_in_2026(ledger):
    with ledger.session() as s:
        oid = make_branch(s, members=6, records=False)
        other = make_branch(s, members=2, records=False, name="中共远航物流有限公司支部委员会")
        admitted = Person(
            name="新入党",
            org_id=oid,
            category="probationary",
            applied_on=date(2023, 3, 1),
            activist_on=date(2023, 9, 1),
            target_on=date(2025, 6, 1),
            admitted_on=date(2026, 3, 1),
        )
        applied = Person(
            name="新申请", org_id=oid, category="applicant", applied_on=date(2026, 2, 1)
        )
        arrived = Person(name="新转入", org_id=oid, category="full", admitted_on=date(2010, 7, 1))
        leaving = Person(name="后调走", org_id=oid, category="full", admitted_on=date(2012, 7, 1))
        s.add_all([admitted, applied, arrived, leaving])
        s.flush()
        history.transfer_in(s, arrived.id, date(2026, 4, 2), "中共宁波市某某支部", today=TODAY)
        history.move(s, leaving.id, other, date(2026, 5, 6), today=TODAY)
        s.add(
            CommitteeMember(
                org_id=oid, person_id=admitted.id, role="member", since=date(2026, 4, 1)
            )
        )
        s.flush()
        b25 = load_book(s, oid, 2025)
        b26 = load_book(s, oid, 2026, today=TODAY)
        o25 = load_book(s, other, 2025)
        o26 = load_book(s, other, 2026, today=TODAY)
        buf = io.BytesIO()
        write_book(s, oid, 2025, buf, invariant=True)

    assert "新入党" not in _names(b25.members) and "新入党" in _names(b26.members)
    # In 2025 they were a 发展对象: on the candidates' roster, with that category.
    assert any(r[0] == "新入党" and r[2] == "发展对象" for r in b25.candidates)
    assert "新申请" not in _names(b25.candidates) and "新申请" in _names(b26.candidates)
    assert "新转入" not in _names(b25.members) and "新转入" in _names(b26.members)
    assert "后调走" in _names(b25.members) and "后调走" not in _names(b26.members)
    assert "后调走" not in _names(o25.members) and "后调走" in _names(o26.members)
    assert "新入党" not in {r[1] for r in b25.committee}
    assert "新入党" in {r[1] for r in b26.committee}
    count = dict(b25.facts)["党员人数"]
    assert count.startswith(f"{len(b25.members)} 人")
    assert len(b26.members) == len(b25.members) + 1  # +新入党 +新转入 −后调走
    text = "\n".join(ln for p in page_lines(buf.getvalue()) for ln in p)
    assert "新入党" in text  # on the candidates' roster …
    assert "新申请" not in text and "新转入" not in text  # … but not the 2026 arrivals
    # The move shows in both 2026 books.
    assert [r[2] for r in b26.transfers if r[1] == "后调走"] == ["组织关系转出"]
    assert [r[2] for r in o26.transfers if r[1] == "后调走"] == ["组织关系转入"]


def test_title_follows_the_organization_type(ledger):
    with ledger.session() as s:
        oid = make_branch(s, members=3, records=False)
        parent = s.get(Organization, oid).parent_id
        buf = io.BytesIO()
        write_book(s, parent, 2026, buf, invariant=True)
    cover = "\n".join(page_lines(buf.getvalue())[0])
    assert "党委工作纪实手册" in cover and "党支部工作纪实手册" not in cover
