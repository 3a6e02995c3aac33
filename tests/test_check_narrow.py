"""`partydesk check` picks the people a rule can fire for in SQL before running the rules:
on a ledger where every person rule is broken, many times, at the edges of the calendar
(month ends, 29 February, exactly a year, a day before and after), the findings are the
same, in the same order, as running the rules over every person."""

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import insert

from partydesk import settings
from partydesk.check import CheckReport, check_people, run_checks
from partydesk.ledger.models import Organization, Person
from partydesk.rules import idcard
from partydesk.rules.dates import add_months

TODAY = date(2026, 3, 31)
PERSON_KINDS = {
    "id_number",
    "id_mismatch",
    "phone",
    "phone_prefix",
    "no_id_number",
    "flowing",
    "pipeline_order",
    "pipeline_missing",
    "pipeline_ahead",
    "pipeline_future",
    "pipeline_age",
    "pipeline_activist_span",
    "pipeline_probation_span",
    "talk_late",
    "talk_overdue",
    "review_overdue",
    "probation_overdue",
    "extension",
    "no_org",
    "lost_contact",
}
ORDER = ["applied_on", "activist_on", "target_on", "admitted_on", "full_on"]
CATEGORIES = ["applicant", "activist", "target", "probationary", "full"]


def _start(rng: random.Random) -> date:
    """Often a month's end or 29 February (where add_months clamps), else any day."""
    if rng.random() < 0.5:
        y, m = rng.randrange(2012, 2026), rng.randrange(1, 13)
        return add_months(date(y, m, 28), 0).replace(day=28) + timedelta(days=rng.choice([0, 1, 3]))
    return date(2012, 1, 1) + timedelta(days=rng.randrange(5200))


def _edge(rng: random.Random, d: date, months: int) -> date:
    """A day at the limit `months` after d: on it, or one to four days either side."""
    return add_months(d, months) + timedelta(days=rng.choice([-4, -3, -2, -1, 0, 1, 2, 3, 4]))


def _dates(rng: random.Random, category: str) -> dict:
    """A person's dates, clean for their category, then at most one thing broken, at its
    limit (each rule's SQL must find the person on its own)."""
    applied = _start(rng)
    d = dict(
        applied_on=applied,
        talked_on=applied + timedelta(days=10),
        activist_on=add_months(applied, 2),
        last_review_on=None,
        target_on=None,
        admitted_on=None,
        full_on=None,
    )
    d["last_review_on"] = add_months(d["activist_on"], 5)
    d["target_on"] = add_months(d["activist_on"], 13)
    d["admitted_on"] = add_months(d["target_on"], 2)
    d["full_on"] = add_months(d["admitted_on"], 12) + timedelta(days=5)
    rank = CATEGORIES.index(category)
    for attr in ORDER[rank + 1 :]:
        d[attr] = None
    if rank < 1:
        d["last_review_on"] = None
    if rank >= 3 and rng.random() < 0.5:  # a member from a roster: only the later dates
        for attr in ("applied_on", "talked_on", "activist_on", "last_review_on", "target_on"):
            d[attr] = None
    how = rng.randrange(12)
    if how == 0:
        d["talked_on"] = _edge(rng, applied, 1) if d["talked_on"] else None
    elif how == 1 and d["target_on"]:
        d["target_on"] = _edge(rng, d["activist_on"] or applied, 12)
    elif how == 2 and d["full_on"]:
        d["full_on"] = _edge(rng, d["admitted_on"], 12)
    elif how == 3:  # a date missing
        d[rng.choice(list(d))] = None
    elif how == 4:  # a date filled in ahead
        d[rng.choice(ORDER)] = add_months(applied, 40)
    elif how == 5:  # after today
        d[rng.choice(list(d))] = TODAY + timedelta(days=rng.choice([1, 2, 400]))
    elif how == 6:  # two dates the wrong way round
        a, b = (
            rng.sample([k for k, v in d.items() if v], 2)
            if sum(map(bool, d.values())) > 1
            else ("applied_on", "applied_on")
        )
        d[a], d[b] = d[b], d[a]
    elif how == 7:  # near today: deadlines that are just due or just not
        shift = (TODAY - add_months(applied, 2 + 13 + 2 + 12)).days + rng.randrange(-40, 40)
        d = {k: v and v + timedelta(days=shift) for k, v in d.items()}
    elif how == 8:  # a step's date missing, and two others the wrong way round
        d[rng.choice(ORDER[1:4])] = None
        given = [k for k in ORDER if d[k]]
        if len(given) > 1:
            a, b = rng.sample(given, 2)
            d[a], d[b] = d[b], d[a]
    return d


def _number(rng: random.Random, i: int, born: date, sex: str) -> tuple[str | None, date, str]:
    """An ID number with the stored birth date and sex: mostly agreeing, else one fault."""
    good = idcard.make("110105", born, i % 1000, sex)
    other = "F" if sex == "M" else "M"
    faults = [
        (good[:17] + ("0" if good[17] != "0" else "1"), born, sex),  # check digit
        (good, born + timedelta(days=1), sex),  # birth date disagrees
        (good, born, other),  # sex disagrees
        (good[:17] + good[17].lower(), born, sex),
        (good[:10] + "AB" + good[12:], born, sex),
        ("99" + good[2:], born, sex),  # no such province
        (good[:15], born, sex),
        ("", born, sex),
        (good, None, sex),  # no birth date stored
        (good, born, None),
        (None, born, sex),
    ]
    return rng.choice(faults) if rng.random() < 0.25 else (good, born, sex)


PHONES = ["13812345678", "15412345678", "12812345678", "1381234567", "010-12345678", "", None]


def _people(n: int, org_id: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        category = rng.choice(CATEGORIES)
        dates = _dates(rng, category)
        first = next((dates[a] for a in ORDER if dates[a]), date(2015, 6, 1))
        # born 18 years before the first date, give or take a day (or well before)
        years = 18 if rng.random() < 0.3 else 30
        born = add_months(first, -12 * years) + timedelta(days=rng.choice([-1, 0, 1]))
        sex = rng.choice("MF")
        number, birth, sex = _number(rng, i, born, sex)
        rows.append(
            dict(
                name=f"人员{i}",
                id_number=number,
                sex=sex,
                birth_date=birth,
                phone=rng.choice(PHONES) if rng.random() < 0.3 else "13812345678",
                category=category,
                status="active" if rng.random() < 0.9 else "transferred_out",
                org_id=None if rng.random() < 0.03 else org_id,
                probation_extension_months=rng.choice([0] * 30 + [3, 6, 12, 13]),
                is_flowing=rng.random() < 0.03,
                flow_to=rng.choice([None] * 30 + ["深圳市"]),
                lost_contact=rng.random() < 0.02,
                **dates,
            )
        )
    # ID numbers are unique in a ledger: keep the first of any repeat.
    seen: set[str] = set()
    for r in rows:
        if r["id_number"] is not None:
            if r["id_number"] in seen:
                r["id_number"] = None
            seen.add(r["id_number"])
    return rows


def _both(ledger, today: date):
    with ledger.session() as s:
        narrow, full = CheckReport(today), CheckReport(today)
        check_people(s, narrow, narrow=True)
        check_people(s, full, narrow=False)
    return narrow.findings, full.findings


def _fill(ledger, n: int = 3000, seed: int = 7) -> None:
    with ledger.session() as s:
        org = Organization(name="中共测试支部", org_type="branch", formation="own")
        s.add(org)
        s.flush()
        s.execute(insert(Person), _people(n, org.id, seed))


def test_narrowed_rules_find_exactly_what_the_loop_over_everyone_finds(ledger):
    _fill(ledger)
    narrow, full = _both(ledger, TODAY)
    assert {f.kind for f in full} == PERSON_KINDS  # every person rule is exercised
    assert len(full) > 1000
    assert narrow == full


def test_same_findings_with_other_thresholds_and_another_day(ledger):
    _fill(ledger, n=2000, seed=11)
    with ledger.session() as s:
        settings.put(
            s,
            "pipeline",
            {
                "min_age": 20,
                "talk_within_months": 2,
                "review_every_months": 3,
                "activist_min_months": 18,
                "probation_months": 6,
            },
        )
    for today in (date(2025, 2, 28), date(2024, 2, 29), date(2026, 12, 31)):
        narrow, full = _both(ledger, today)
        assert len(full) > 500
        assert narrow == full, today


@pytest.mark.sqlite_only("a dangling reference needs PRAGMA foreign_keys=OFF")
def test_check_report_keeps_integrity_findings_first(ledger):
    """The file check runs beside the rules and its findings still lead the report."""
    _fill(ledger, n=200)
    with ledger.session() as s:
        s.connection().exec_driver_sql("PRAGMA foreign_keys=OFF")
        s.connection().exec_driver_sql("UPDATE person SET org_id = 9999 WHERE id = 3")
    with ledger.session() as s:
        report = run_checks(s, TODAY)
    assert report.findings[0].kind == "foreign_key"
    assert report.findings[0].text == "person 第3行引用的 organization 记录不存在"
    assert not report.integrity_ok
