"""Reminders of this feature: 红领党务 reviews, certificates running out, instructor
reappointments, missing yearly assessments."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.certs import instructors as ins_mod
from partydesk.certs import qualifications
from partydesk.ledger.models import Instructor
from partydesk.ledger.models.certs import Certificate, CertificateKind, QualificationLevel
from partydesk.reminders import Reminder


def _latest_instructor_certs(session: Session) -> dict[int, Certificate]:
    latest: dict[int, Certificate] = {}
    for c in session.scalars(
        select(Certificate).where(
            Certificate.kind == "instructor",
            Certificate.status == "valid",
            Certificate.instructor_id.is_not(None),
        )
    ):
        cur = latest.get(c.instructor_id)
        if cur is None or (c.valid_until or date.max) > (cur.valid_until or date.max):
            latest[c.instructor_id] = c
    return latest


def reminders(session: Session, today: date) -> list[Reminder]:
    cfg = settings.get(session, "certs")
    ahead = today + timedelta(days=int(cfg["remind_days"]))
    out: list[Reminder] = []

    for q in qualifications.due_for_review(
        session, today + timedelta(days=int(cfg["review_remind_days"]))
    ):
        out.append(
            Reminder(
                "qualification_review",
                f"{q.holder_name}的红领党务{QualificationLevel.label_of(q.level)}资格应于{q.review_due_on:%Y-%m-%d}前复核",
                q.review_due_on,
                person_id=q.person_id,
                instructor_id=q.instructor_id,
            )
        )

    # Certificates running out (instructor certificates show as reappointments instead),
    # unless the holder already has a newer one of the same kind.
    valid = list(session.scalars(select(Certificate).where(Certificate.status == "valid")))
    newest: dict[tuple, date] = {}
    for c in valid:
        k = (c.kind, c.instructor_id, c.person_id, c.qualification_id, c.holder_name)
        newest[k] = max(newest.get(k, date.min), c.valid_until or date.max)
    for c in valid:
        if c.kind == "instructor" or c.valid_until is None:
            continue
        k = (c.kind, c.instructor_id, c.person_id, c.qualification_id, c.holder_name)
        if c.valid_until < newest[k]:
            continue
        if today - timedelta(days=90) <= c.valid_until <= ahead:
            out.append(
                Reminder(
                    "certificate_expiring",
                    f"{c.holder_name}的{CertificateKind.label_of(c.kind)}（{c.serial}）于{c.valid_until:%Y-%m-%d}到期",
                    c.valid_until,
                    person_id=c.person_id,
                    instructor_id=c.instructor_id,
                )
            )

    latest = _latest_instructor_certs(session)
    for i in session.scalars(
        select(Instructor).where(Instructor.active.is_(True)).order_by(Instructor.id)
    ):
        c = latest.get(i.id)
        due = c.valid_until if c is not None else (i.term_end or i.appointed_on)
        if due is None:
            continue
        if due <= ahead:
            what = (
                f"聘书{c.serial}于{due:%Y-%m-%d}到期"
                if c
                else f"任期于{due:%Y-%m-%d}届满，尚无有效聘书"
            )
            out.append(
                Reminder(
                    "instructor_reappoint",
                    f"党建指导员{i.name}{what}，应办理续聘",
                    due,
                    instructor_id=i.id,
                )
            )

    month, day = (int(x) for x in str(cfg["assessment_due"]).split("-"))
    year = today.year - 1
    due = date(today.year, month, day)
    for i in ins_mod.missing_assessments(session, year):
        if i.appointed_on is not None and i.appointed_on > date(year, 12, 31):
            continue
        out.append(
            Reminder(
                "instructor_assessment",
                f"党建指导员{i.name}的{year}年度考核尚未登记",
                due,
                instructor_id=i.id,
            )
        )
    return out
