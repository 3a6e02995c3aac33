"""Demo filler: instructor assessments, 红领党务 qualifications and certificates for the
previous and the current year of ctx.today (a few revoked and reissued), so that the
registry, the reminders and batch printing show real content.

Works on any ledger size: it uses only the instructors and branch secretaries present."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from partydesk.certs import qualifications, registry
from partydesk.ledger.models import Instructor, Organization, Person
from partydesk.ledger.models.certs import AssessmentGrade, InstructorAssessment

ISSUER = "中共桃源县委两新组织工作委员会"
MAX_QUALIFIED = 60
GRADES = [
    (AssessmentGrade.EXCELLENT, 0.25),
    (AssessmentGrade.COMPETENT, 0.63),
    (AssessmentGrade.BASIC, 0.09),
    (AssessmentGrade.INCOMPETENT, 0.03),
]
LEVELS = [("junior", 0.5), ("intermediate", 0.35), ("senior", 0.15)]


def _pick(rng, weighted):
    x = rng.random()
    for value, w in weighted:
        x -= w
        if x < 0:
            return value
    return weighted[-1][0]


def fill(ctx) -> None:
    rng = ctx.rng("certs")
    today: date = ctx.today
    prev, cur = today.year - 1, today.year
    with ctx.ledger.session() as s:
        for kind in ("instructor", "party_affairs"):
            registry.update_template(s, kind, issuer=ISSUER)
        inst = list(s.scalars(select(Instructor).order_by(Instructor.id)))
        ctx.report("证书", 0.1)

        # yearly assessments of the previous year, done in January
        rows = []
        for i in inst:
            if i.appointed_on is not None and i.appointed_on > date(prev, 12, 31):
                continue
            if not i.active and rng.random() < 0.5:
                continue
            rows.append(
                InstructorAssessment(
                    instructor_id=i.id,
                    year=prev,
                    grade=_pick(rng, GRADES).value,
                    assessed_on=min(today, date(cur, 1, 20)),
                )
            )
        # leave a couple of serving instructors unassessed, so the reminder shows
        active = {i.id for i in inst if i.active}
        skip = (
            [r.instructor_id for r in rows if r.instructor_id in active][-2:]
            if len(rows) > 4
            else []
        )
        s.add_all([r for r in rows if r.instructor_id not in skip])
        ctx.report("证书", 0.2)

        # 红领党务: branch secretaries, awarded over the last three years
        secretaries = list(
            s.scalars(
                select(Person)
                .where(Person.id.in_(select(Organization.secretary_id)), Person.status == "active")
                .order_by(Person.id)
                .limit(MAX_QUALIFIED)
            )
        )
        quals = []
        for n, p in enumerate(secretaries):
            awarded = today - timedelta(days=rng.randint(20, 1000))
            q = qualifications.award(
                s, _pick(rng, LEVELS), awarded, person_id=p.id, reason="年度红领党务认定"
            )
            if (today - awarded).days > 730 and rng.random() < 0.6:
                on = awarded + timedelta(days=rng.randint(690, 729))
                lvl = q.level
                if rng.random() < 0.35 and lvl != "senior":
                    lvl = "senior" if lvl == "intermediate" else "intermediate"
                    reason = "复核考评优秀，晋升一级"
                elif rng.random() < 0.15 and lvl != "junior":
                    lvl = "junior" if lvl == "intermediate" else "intermediate"
                    reason = "复核考评未达标，降低一级"
                else:
                    reason = None
                qualifications.review(s, q.id, on, lvl, reason)
            if n % 17 == 5:
                qualifications.withdraw(
                    s, q.id, min(today, q.awarded_on + timedelta(days=200)), "调离党务工作岗位"
                )
            quals.append(q)
        ctx.report("证书", 0.4)

        # instructor certificates: previous year (January, or on appointment) and current
        # year, one batch per year and kind (each holder with its own date)
        issued = []
        ends: dict[int, date] = {}  # the previous 聘书's last day: the next one follows it
        for year in (prev, cur):
            jan = date(year, 1, 8)
            batch = []
            for i in inst:
                if i.appointed_on is None or i.appointed_on > date(year, 12, 31):
                    continue
                if year == cur and not i.active:
                    continue
                if year == prev and i.term_end is not None and i.term_end < jan:
                    continue
                on = max(jan, i.appointed_on, ends.get(i.id, jan) + timedelta(days=1))
                if on <= today and on.year == year:
                    batch.append(registry.Holder(i.name, instructor_id=i.id, issued_on=on))
            batch.sort(key=lambda h: (h.issued_on, h.instructor_id))
            if batch:
                got = registry.issue(s, "instructor", batch, issued_on=jan)
                ends.update((c.instructor_id, c.term_end) for c in got)
                issued += got
        ctx.report("证书", 0.7)

        # 红领党务 certificates for levels awarded in these two years
        batch = [
            registry.Holder(q.holder_name, q.person_id, q.instructor_id, q.id, q.awarded_on)
            for q in quals
            if q.status == "active" and q.awarded_on.year in (prev, cur)
        ]
        batch.sort(key=lambda h: (h.issued_on, h.qualification_id))
        if batch:
            issued += registry.issue(s, "party_affairs", batch, issued_on=today)

        # a few revoked and reissued, as offices do
        old = [c for c in issued if c.kind == "instructor" and c.issued_on.year == prev]
        new = [c for c in issued if c.kind == "instructor" and c.issued_on.year == cur]
        reasons = ["调离原单位，不再担任党建指导员", "证书信息有误，收回作废"]
        for c, why in zip(rng.sample(old, min(2, len(old))), reasons, strict=False):
            registry.revoke(
                s, c.serial, why, min(today, c.issued_on + timedelta(days=rng.randint(60, 200)))
            )
        for c in rng.sample(new, min(2, len(new))):
            on = min(today, c.issued_on + timedelta(days=rng.randint(10, 90)))
            registry.reissue(s, c.serial, on, "证书遗失，申请补发")
        ctx.report("证书", 1.0)
