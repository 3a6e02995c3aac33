"""`partydesk check`: the ledger's health, as a list of findings grouped by kind.

Two severities: `integrity` findings (SQLite's integrity_check / foreign_key_check report
damage: restore from a backup) and `warning` findings (a value breaks a rule, something
is overdue, a formation hint). Rules are warnings, never refusals; thresholds come from
settings. Everything is read with a few set-based queries, so 100,000 people take a
second or two. The GUI calls `run_checks(session)` and shows `CheckReport.groups()`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from operator import mul

from sqlalchemy import String, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.ledger.models import (
    CommitteeMember,
    Instructor,
    Organization,
    OrgHostUnit,
    Person,
    Unit,
)
from partydesk.rules import creditcode, formation, idcard, phone, pipeline
from partydesk.stats import live_org, org_coverage

_PHONE = re.compile(r"1[3-9]\d{9}")

INTEGRITY = "integrity"
WARNING = "warning"

# Kinds of findings: code → (Chinese title, severity), in report order.
KINDS: dict[str, tuple[str, str]] = {
    "integrity": ("数据库完整性错误", INTEGRITY),
    "foreign_key": ("数据关联错误（外键）", INTEGRITY),
    "audit_chain": ("操作日志被改动过", INTEGRITY),
    "audit_key": ("无法核验操作日志", WARNING),
    "app_lock": ("启动密码被程序之外的工具删除", INTEGRITY),
    "id_number": ("身份证号无效", WARNING),
    "id_mismatch": ("出生日期或性别与身份证号不符", WARNING),
    "credit_code": ("统一社会信用代码无效", WARNING),
    "phone": ("手机号无效", WARNING),
    "pipeline_order": ("发展党员日期先后顺序不对", WARNING),
    "pipeline_missing": ("发展党员关键日期缺失", WARNING),
    "talk_overdue": ("入党谈话逾期（递交申请后一个月内）", WARNING),
    "review_overdue": ("积极分子考察逾期（每半年一次）", WARNING),
    "probation_overdue": ("预备期已满未讨论转正", WARNING),
    "extension": ("延长预备期时间不符合规定", WARNING),
    "no_org": ("人员未编入党组织", WARNING),
    "lost_contact": ("失联党员", WARNING),
    "formation_unit": ("组建提示：单位具备单独组建条件", WARNING),
    "formation_org": ("组建提示：党组织设置", WARNING),
    "no_secretary": ("党组织未设书记", WARNING),
    "term_expired": ("党组织任期已届满，应按期换届", WARNING),
    "closed_host": ("所在单位已注销，党组织未撤销", WARNING),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a KINDS code
    text: str  # Chinese, one line: which record and what is wrong
    table: str | None = None  # the record it is about, for the GUI to open
    record_id: int | None = None

    @property
    def severity(self) -> str:
        return KINDS[self.kind][1]


@dataclass
class CheckReport:
    today: date
    findings: list[Finding] = field(default_factory=list)

    def add(self, kind: str, text: str, table: str | None = None, record_id: int | None = None):
        self.findings.append(Finding(kind, text, table, record_id))

    def groups(self) -> list[tuple[str, str, list[Finding]]]:
        """(kind, Chinese title, findings) for each kind with findings, in KINDS order."""
        by = defaultdict(list)
        for f in self.findings:
            by[f.kind].append(f)
        return [(k, KINDS[k][0], by[k]) for k in KINDS if by.get(k)]

    @property
    def integrity_ok(self) -> bool:
        return not any(f.severity == INTEGRITY for f in self.findings)

    @property
    def clean(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        return {k: len(fs) for k, _, fs in self.groups()}


def run_checks(
    session: Session, today: date | None = None, integrity: bool = True, full: bool = False
) -> CheckReport:
    """Every check on the ledger behind `session`. The file itself is checked with
    SQLite's quick_check (pages, records, constraints); `full` adds the index-by-index
    integrity_check, which at 300,000 people takes longer than all the rules."""
    report = CheckReport(today or date.today())
    if integrity:
        check_integrity(session, report, full)
    check_audit_chain(session, report)
    check_people(session, report)
    check_units(session, report)
    check_orgs(session, report)
    return report


def check_audit_chain(session: Session, report: CheckReport) -> None:
    """The 操作日志's keyed chain: names the first entry that was edited, deleted or
    slipped in (partydesk.audit.chain)."""
    from partydesk.audit import chain

    found = chain.verify(session)
    if found.broken is not None:
        report.add("audit_chain", found.message(), "audit_log", found.broken.id)
    elif found.no_key:
        report.add("audit_key", found.message())
    from partydesk import applock

    if applock.removed_behind_the_program(session):
        report.add(
            "app_lock",
            "操作日志记载设置过启动密码，但账本中的密码已不见了：它是用其他工具删除的。"
            "请重新设置启动密码，并查看账本文件是否被别人动过。",
            "setting",
        )


def check_integrity(session: Session, report: CheckReport, full: bool = True) -> None:
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
    for (msg,) in conn.exec_driver_sql(pragma).all():
        if msg != "ok":
            report.add("integrity", str(msg))
    for table, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check").all():
        report.add("foreign_key", f"{table} 第{rowid}行引用的 {parent} 记录不存在", table, rowid)


def _who(name: str, pid: int) -> str:
    return f"{name}（编号{pid}）"


_CATEGORY_OVERDUE = {
    "talk": "talk_overdue",
    "review": "review_overdue",
    "probation_end": "probation_overdue",
}
_PIPELINE_DATES = ("applied_on", "talked_on", "activist_on", "target_on", "admitted_on", "full_on")


def _id_ok(number: str, birth: str | None, sex: str | None) -> bool:
    """Fast path for the common case: a valid number agreeing with the stored birth date
    and sex. Anything else goes through idcard.parse for the reason."""
    if len(number) != 18 or not number[:17].isdigit() or birth is None:
        return False
    if idcard.CHECK_CHARS[sum(map(mul, map(int, number[:17]), idcard.WEIGHTS)) % 11] != number[17]:
        return False
    if birth != f"{number[6:10]}-{number[10:12]}-{number[12:14]}":
        return False
    return sex is None or sex == ("M" if int(number[16]) % 2 else "F")


def check_people(session: Session, report: CheckReport) -> None:
    today = report.today
    cfg = settings.get(session, "pipeline")
    P = Person
    # ID numbers and phones: plain strings for every person, checked in Python (the check
    # digit is not SQL); the birth date is read as text to skip 100,000 date conversions.
    rows = session.execute(
        select(
            P.id, P.name, P.id_number, P.sex, type_coerce(P.birth_date, String), P.phone
        ).order_by(P.id)
    ).all()
    for pid, name, number, sex, birth, tel in rows:
        if number and not _id_ok(number, None if birth is None else str(birth)[:10], sex):
            who = _who(name, pid)
            try:
                info = idcard.parse(number)
            except ValueError as e:
                report.add("id_number", f"{who}：{number}，{e}", "person", pid)
            else:
                bad = []
                if birth and str(birth)[:10] != info.birth_date.isoformat():
                    bad.append(f"出生日期{str(birth)[:10]}，身份证号为{info.birth_date}")
                if sex and sex != info.sex:
                    bad.append("性别与身份证号不符")
                if bad:
                    report.add("id_mismatch", f"{who}：{'；'.join(bad)}", "person", pid)
        if tel and not _PHONE.fullmatch(tel) and not phone.is_valid(tel):
            report.add("phone", f"{_who(name, pid)}：{tel}，{phone.error(tel)}", "person", pid)

    cols = (
        P.id,
        P.name,
        P.category,
        P.status,
        P.org_id,
        P.lost_contact,
        P.probation_extension_months,
        P.last_review_on,
    ) + tuple(getattr(P, c) for c in _PIPELINE_DATES)
    # Dates out of order: only rows where some pair of key dates is reversed.
    order = [getattr(P, c) for c in _PIPELINE_DATES]
    reversed_pairs = or_(
        *(order[j] < order[i] for i in range(len(order)) for j in range(i + 1, len(order)))
    )
    for r in session.execute(select(*cols).where(reversed_pairs).order_by(P.id)).all():
        who = _who(r.name, r.id)
        for w in pipeline.order_warnings(r):
            report.add("pipeline_order", f"{who}：{w}", "person", r.id)
        if r.talked_on and r.applied_on and r.talked_on < r.applied_on:
            report.add("pipeline_order", f"{who}：入党谈话日期早于递交申请日期", "person", r.id)

    # On the books and worth a look: candidates with deadlines, missing dates, no
    # organization, lost contact, odd probation extensions.
    worth = or_(
        P.category.in_(("applicant", "activist", "target", "probationary")),
        P.org_id.is_(None),
        P.lost_contact.is_(True),
        P.admitted_on.is_(None),
        P.probation_extension_months != 0,
    )
    for r in session.execute(select(*cols).where(P.status == "active", worth).order_by(P.id)).all():
        who = _who(r.name, r.id)
        missing = _missing_dates(r)
        if missing:
            report.add("pipeline_missing", f"{who}：{missing}", "person", r.id)
        for due in pipeline.dues_for(r, cfg):
            kind = _CATEGORY_OVERDUE.get(due.kind)
            if kind and due.overdue(today):
                days = (today - due.due_on).days
                report.add(kind, f"{who}：应于{due.due_on}前完成，已逾期{days}天", "person", r.id)
        ext_err = pipeline.extension_error(r.probation_extension_months or 0, cfg)
        if ext_err:
            report.add(
                "extension",
                f"{who}：延长{r.probation_extension_months}个月，{ext_err}",
                "person",
                r.id,
            )
        if r.org_id is None:
            report.add(
                "no_org", f"{who}：{_category_label(r.category)}，未编入任何党组织", "person", r.id
            )
        if r.lost_contact and r.category in ("full", "probationary"):
            report.add("lost_contact", f"{who}：已失去联系，应设法联系或按规定处置", "person", r.id)

    for r in session.execute(
        select(Instructor.id, Instructor.name, Instructor.id_number, Instructor.phone)
    ).all():
        who = f"党建指导员{_who(r.name, r.id)}"
        if r.id_number and not idcard.is_valid(r.id_number):
            report.add(
                "id_number",
                f"{who}：{r.id_number}，{idcard.error(r.id_number)}",
                "instructor",
                r.id,
            )
        if r.phone and not phone.is_valid(r.phone):
            report.add("phone", f"{who}：{r.phone}，{phone.error(r.phone)}", "instructor", r.id)


def _category_label(code: str) -> str:
    from partydesk.ledger.enums import Category

    return Category.label_of(code)


def _missing_dates(r) -> str | None:
    need = {
        "activist": (("activist_on", "确定为积极分子日期"),),
        "target": (("activist_on", "确定为积极分子日期"), ("target_on", "确定为发展对象日期")),
        "probationary": (("admitted_on", "入党日期"),),
        "full": (("admitted_on", "入党日期"),),
    }.get(r.category, ())
    gone = [label for attr, label in need if getattr(r, attr) is None]
    return f"缺少{'、'.join(gone)}" if gone else None


def _member_counts(session: Session, key) -> dict[int, tuple[int, int]]:
    """(full members, full + probationary) on the books, grouped by `key` column."""
    full = func.sum(case((Person.category == "full", 1), else_=0))
    rows = session.execute(
        select(key, full, func.count())
        .where(
            Person.status == "active",
            Person.category.in_(("full", "probationary")),
            key.is_not(None),
        )
        .group_by(key)
    ).all()
    return {k: (int(f or 0), int(n)) for k, f, n in rows}


def check_units(session: Session, report: CheckReport) -> None:
    cfg = settings.get(session, "formation")
    today = report.today
    units = session.execute(
        select(Unit.id, Unit.name, Unit.credit_code, Unit.status).order_by(Unit.id)
    ).all()
    by_unit = _member_counts(session, Person.unit_id)
    own_org = {uid for uid, own in org_coverage(session, today).items() if own}
    for u in units:
        if u.credit_code and not creditcode.is_valid(u.credit_code):
            report.add(
                "credit_code",
                f"{u.name}（编号{u.id}）：{u.credit_code}，{creditcode.error(u.credit_code)}",
                "unit",
                u.id,
            )
        if u.status != "operating":
            continue
        full, _ = by_unit.get(u.id, (0, 0))
        hint = formation.unit_hint(full, u.id in own_org, cfg)
        if hint:
            report.add("formation_unit", f"{u.name}（编号{u.id}）：{hint}", "unit", u.id)


def check_orgs(session: Session, report: CheckReport) -> None:
    cfg = settings.get(session, "formation")
    today = report.today
    orgs = session.execute(
        select(
            Organization.id,
            Organization.name,
            Organization.org_type,
            Organization.secretary_id,
            Organization.term_end,
        )
        .where(live_org(today))
        .order_by(Organization.id)
    ).all()
    by_org = _member_counts(session, Person.org_id)
    hosts = dict(
        session.execute(select(OrgHostUnit.org_id, func.count()).group_by(OrgHostUnit.org_id)).all()
    )
    committee = dict(
        session.execute(
            select(CommitteeMember.org_id, func.count())
            .where(
                or_(CommitteeMember.until.is_(None), CommitteeMember.until > today)
            )  # ended that day
            .where(or_(CommitteeMember.since.is_(None), CommitteeMember.since <= today))
            .group_by(CommitteeMember.org_id)
        ).all()
    )
    closed_hosts = dict(
        session.execute(
            select(OrgHostUnit.org_id, func.count())
            .join(Unit, Unit.id == OrgHostUnit.unit_id)
            .where(Unit.status != "operating")
            .group_by(OrgHostUnit.org_id)
        ).all()
    )
    for o in orgs:
        full, members = by_org.get(o.id, (0, 0))
        for w in formation.org_warnings(
            o.org_type, full, members, hosts.get(o.id, 0), committee.get(o.id, 0), cfg
        ):
            report.add("formation_org", f"{o.name}：{w}", "organization", o.id)
        if o.secretary_id is None and members:
            report.add(
                "no_secretary", f"{o.name}：有党员{members}名，未设书记", "organization", o.id
            )
        if o.term_end and o.term_end < today:
            report.add(
                "term_expired", f"{o.name}：本届任期于{o.term_end}届满", "organization", o.id
            )
        n_closed = closed_hosts.get(o.id, 0)
        if n_closed and n_closed == hosts.get(o.id, 0):
            report.add("closed_host", f"{o.name}：所在单位均已注销", "organization", o.id)
