"""`partydesk check`: the ledger's health, as a list of findings grouped by kind.

Two severities: `integrity` findings (SQLite's quick_check or, with --full,
integrity_check, and foreign_key_check report damage: restore from a backup) and
`warning` findings (a value breaks a rule, something is overdue, a formation hint). Rules
are warnings, never refusals; thresholds come from settings. The people a person rule can
fire for are picked in SQL first (`partydesk.ledger.suspects`), the file check runs on its
own connection beside the rules, so 300,000 people take a few seconds. The GUI calls
`run_checks(session)` and shows `CheckReport.groups()`.

Long because each finding kind is one small function over the shared report, kept next
to the KINDS table that orders and names them; splitting them by kind into a package is
the next step."""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import mul

from sqlalchemy import String, and_, case, func, or_, select, type_coerce
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.check_facts import future_facts
from partydesk.ledger import dialect, suspects
from partydesk.ledger.models import (
    CommitteeMember,
    Instructor,
    Organization,
    OrgHostUnit,
    Person,
    Unit,
)
from partydesk.rules import creditcode, formation, idcard, phone, pipeline, stages
from partydesk.rules.record import flowing_problems
from partydesk.stats import live_org, org_coverage, unit_members

_PHONE = re.compile(r"1[3-9]\d{9}", re.ASCII)

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
    "phone_prefix": ("手机号段尚未分配（可能录错）", WARNING),
    "no_id_number": ("党员未填公民身份证号", WARNING),
    "flowing": ("流动党员信息不一致", WARNING),
    "pipeline_order": ("发展党员日期先后顺序不对", WARNING),
    "pipeline_missing": ("发展党员关键日期缺失", WARNING),
    "pipeline_ahead": ("人员类别与已有日期不符（类别须逐级前进）", WARNING),
    "pipeline_future": ("发展党员日期晚于今天", WARNING),
    "pipeline_age": ("申请入党时未满18周岁", WARNING),
    "pipeline_activist_span": ("积极分子培养考察不满一年即确定为发展对象", WARNING),
    "pipeline_probation_span": ("预备期未满即转正", WARNING),
    "talk_late": ("入党谈话晚于递交申请后一个月", WARNING),
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
    "org_tree": (
        "党组织隶属关系不合规（循环、以自己为上级、党支部下设组织、党总支下设非党支部）",
        WARNING,
    ),
    "duplicate_name": ("名称或代码重复（党组织全称、单位名称、统一社会信用代码）", WARNING),
    "term_order": ("任期届满日期不晚于开始日期", WARNING),
    "instructor_expired": ("党建指导员任期已届满仍为在任", WARNING),
    "fact_future": ("工作纪实、积分、考核、示范点或评星日期晚于今天", WARNING),
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
    # The file check reads every page and the rules are mostly SQL: SQLite lets go of the
    # GIL, so on its own connection the file check runs beside the rules.
    file_check = _FileCheck(session, report.today, full) if integrity else None
    try:
        check_audit_chain(session, report)
        check_people(session, report)
        check_units(session, report)
        check_orgs(session, report)
        check_tree(session, report)
        for text, table, rid in future_facts(session, report.today):
            report.add("fact_future", text, table, rid)
    except DatabaseError:
        if file_check is not None:
            file_check.findings()  # a damaged file is the reason (raised as such)
        raise
    if file_check is not None:
        report.findings[:0] = file_check.findings()
    return report


def _in_a_file(session: Session) -> bool:
    """A SQLite ledger in a file, which another connection can open (not one in memory,
    not a server)."""
    if dialect.name(session) != "sqlite":
        return False
    rows = session.connection().exec_driver_sql("PRAGMA database_list").all()
    return any(name == "main" and file for _seq, name, file in rows)


class _FileCheck:
    """check_integrity in a thread of its own, on a connection of its own (a file ledger;
    an in-memory one is checked in place, where the rules will wait for it). A ledger
    opened without its quick check (`open_ledger(file_check="later")`, as `partydesk
    check` opens it) gets it here, beside the rules: a damaged file is then raised as
    opening would have raised it (LedgerDamagedError, naming the newest good backup)."""

    def __init__(self, session: Session, today: date, full: bool):
        self._report = CheckReport(today)
        self._error: BaseException | None = None
        bind = session.get_bind().engine  # a session bound to a connection: its engine
        ledger = session.info.get("ledger")
        if not _in_a_file(session):
            check_integrity(session, self._report, full)
            self._thread = None
            return
        waiting = getattr(ledger, "file_checked", None)
        unchecked = waiting is not None and not waiting.is_set()

        def run() -> None:
            try:
                if unchecked:
                    from partydesk.ledger import opening

                    self._error = opening.check_file(ledger)
                    if self._error is not None:
                        return
                with Session(bind, info={"ledger": ledger}) as own:
                    check_integrity(own, self._report, full)
            except BaseException as e:  # noqa: BLE001 - raised again in findings()
                self._error = e

        self._thread = threading.Thread(target=run, name="partydesk-check-file", daemon=True)
        self._thread.start()

    def findings(self) -> list[Finding]:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._report.findings


def _beside(session: Session, statement) -> Callable[[], list]:
    """Start reading `statement`'s rows on a connection of its own, in a thread (SQLite
    lets go of the GIL while it works, so two reads share the machine's cores); call the
    result for the rows. Read here, in the session, when another connection would not
    see the same rows: a session holding changes not yet committed, an in-memory ledger,
    a server."""
    bind = session.get_bind().engine
    own = (
        _in_a_file(session)
        and not (session.new or session.dirty or session.deleted)
        and not session.connection().connection.dbapi_connection.in_transaction  # no writes
    )
    if not own:
        rows = session.execute(statement).all()
        return lambda: rows
    result: list = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            with bind.connect() as c:
                result.extend(c.execute(statement).all())
        except BaseException as e:  # noqa: BLE001 - raised again in the reader's thread
            error.append(e)

    thread = threading.Thread(target=run, name="partydesk-check-read", daemon=True)
    thread.start()

    def rows() -> list:
        thread.join()
        if error:
            raise error[0]
        return result

    return rows


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


# A quick_check this recent (the one opening the ledger ran) is not run again.
QUICK_CHECK_FRESH_S = 60.0


def check_integrity(session: Session, report: CheckReport, full: bool = True) -> None:
    conn = session.connection()
    if dialect.is_server(conn):
        return
    ledger = session.info.get("ledger")
    at = getattr(ledger, "quick_checked_at", None)
    fresh = at is not None and time.monotonic() - at < QUICK_CHECK_FRESH_S
    if full or not fresh:
        for msg in dialect.integrity_check(conn, full):
            if msg != "ok":
                report.add("integrity", msg)
    for table, rowid, parent in dialect.foreign_key_problems(conn):
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
    if len(number) != 18 or not number.isascii() or not number[:17].isdigit() or birth is None:
        return False
    if number[:2] not in idcard.PROVINCES:
        return False
    if idcard.CHECK_CHARS[sum(map(mul, map(int, number[:17]), idcard.WEIGHTS)) % 11] != number[17]:
        return False
    if birth != f"{number[6:10]}-{number[10:12]}-{number[12:14]}":
        return False
    return sex is None or sex == ("M" if int(number[16]) % 2 else "F")


def check_people(session: Session, report: CheckReport, narrow: bool = True) -> None:
    """The people's rules. With `narrow` (always, but in the test that compares the two)
    SQL first picks the people a rule can fire for (`partydesk.ledger.suspects`); the
    Python below decides and words each finding either way."""
    today = report.today
    cfg = settings.get(session, "pipeline")
    P = Person
    db = dialect.name(session)
    numbers = None
    if narrow and db == "sqlite":  # the very text its partial index of suspects answers
        numbers = sql_text(suspects.number_suspects_sql())
    rules = suspects.pipeline_suspects({**pipeline.DEFAULTS, **cfg}, today, db) if narrow else None
    # ID numbers and phones, checked in Python (the reason needs idcard.parse); the birth
    # date is read as text to skip the date conversions.
    q = select(P.id, P.name, P.id_number, P.sex, type_coerce(P.birth_date, String), P.phone)
    numbers_q = (q if numbers is None else q.where(numbers)).order_by(P.id)

    cols = (
        P.id,
        P.name,
        P.id_number,
        P.is_flowing,
        P.flow_to,
        P.category,
        P.status,
        P.org_id,
        P.lost_contact,
        P.probation_extension_months,
        P.last_review_on,
    ) + tuple(getattr(P, c) for c in _PIPELINE_DATES)
    # The pipeline's rules (the same rule set every way in asks), over every person's
    # stored dates: what an older version or an import let through.
    rule_cols = (P.id, P.name, P.category, P.birth_date, P.probation_extension_months) + tuple(
        getattr(P, c) for c in (*_PIPELINE_DATES, "last_review_on")
    )
    q = select(*rule_cols)
    rules_q = (q if rules is None else q.where(rules)).order_by(P.id)
    # On the books and worth a look: candidates with deadlines, missing dates, no
    # organization, lost contact, odd probation extensions.
    worth = or_(
        P.category.in_(("applicant", "activist", "target", "probationary")),
        P.id_number.is_(None),
        P.is_flowing.is_(True),
        P.flow_to.is_not(None),
        P.org_id.is_(None),
        P.lost_contact.is_(True),
        P.admitted_on.is_(None),
        P.probation_extension_months != 0,
    )
    if narrow:
        worth = and_(worth, suspects.overdue_suspects({**pipeline.DEFAULTS, **cfg}, today))
    worth_q = select(*cols).where(P.status == "active", worth).order_by(P.id)
    # Each of the three reads the whole person table: the later two are read beside the
    # first (the findings are still made in this order).
    rules_rows, worth_rows = _beside(session, rules_q), _beside(session, worth_q)

    for pid, name, number, sex, birth, tel in session.execute(numbers_q).all():
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
        elif tel and tel[:3] not in phone.ALLOCATED:
            report.add("phone_prefix", f"{_who(name, pid)}：{phone.warning(tel)}", "person", pid)

    for r in rules_rows():
        values = r._mapping
        if not any(values[c] for c in _PIPELINE_DATES) and r.category in _MEMBERS:
            continue  # a member from a roster with no dates: reported as missing below
        for prob in stages.person_problems(values, cfg, today):
            if prob.rule in KINDS and prob.rule != "extension":
                report.add(prob.rule, f"{_who(r.name, r.id)}：{_short(prob.text)}", "person", r.id)

    for r in worth_rows():
        who = _who(r.name, r.id)
        if r.category in _MEMBERS and r.admitted_on is None:
            report.add("pipeline_missing", f"{who}：缺少加入党组织日期", "person", r.id)
        if r.category in _MEMBERS and not r.id_number:
            report.add(
                "no_id_number",
                f"{who}：{_category_label(r.category)}，未填公民身份证号",
                "person",
                r.id,
            )
        for prob in flowing_problems(r._mapping):
            report.add("flowing", f"{who}：{prob.text}", "person", r.id)
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
        select(
            Instructor.id,
            Instructor.name,
            Instructor.id_number,
            Instructor.phone,
            Instructor.active,
            Instructor.appointed_on,
            Instructor.term_end,
        )
    ).all():
        who = f"党建指导员{_who(r.name, r.id)}"
        if r.active and r.term_end and r.term_end < today:
            report.add(
                "instructor_expired",
                f"{who}：任期已于{r.term_end}届满，仍为在任",
                "instructor",
                r.id,
            )
        if r.appointed_on and r.term_end and r.term_end <= r.appointed_on:
            report.add(
                "term_order",
                f"{who}：任期{r.appointed_on}至{r.term_end}，届满日期应晚于选派日期",
                "instructor",
                r.id,
            )
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


_MEMBERS = ("full", "probationary")


def _short(text: str) -> str:
    """A rule's message without the rule's name (the group's title says it)."""
    return text.removeprefix("发展党员程序：")


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
    by_unit = unit_members(session)
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


def check_tree(session: Session, report: CheckReport) -> None:
    """The organization tree and unique names, as `partydesk.ledger.tree` refuses them."""
    from partydesk.ledger.tree import BRANCHES

    today = report.today
    orgs = {
        r.id: r
        for r in session.execute(
            select(
                Organization.id,
                Organization.name,
                Organization.org_type,
                Organization.parent_id,
                Organization.term_start,
                Organization.term_end,
            )
            .where(live_org(today))
            .order_by(Organization.id)  # the same order of findings on every database
        ).all()
    }
    parents = dict(session.execute(select(Organization.id, Organization.parent_id)).all())
    for o in orgs.values():
        if o.parent_id == o.id:
            report.add("org_tree", f"{o.name}：以自己为上级党组织", "organization", o.id)
            continue
        seen, cur = {o.id}, o.parent_id
        while cur is not None and cur not in seen:
            seen.add(cur)
            cur = parents.get(cur)
        if cur == o.id:
            report.add("org_tree", f"{o.name}：上级党组织形成循环", "organization", o.id)
        p = orgs.get(o.parent_id)
        if p is not None and p.org_type in BRANCHES:
            report.add(
                "org_tree",
                f"{o.name}：上级“{p.name}”是党支部，党支部下不设党组织",
                "organization",
                o.id,
            )
        elif p is not None and p.org_type == "general_branch" and o.org_type not in BRANCHES:
            report.add(
                "org_tree",
                f"{o.name}：上级“{p.name}”是党总支，其下只设党支部",
                "organization",
                o.id,
            )
        if o.term_start and o.term_end and o.term_end <= o.term_start:
            report.add(
                "term_order",
                f"{o.name}：任期{o.term_start}至{o.term_end}，届满日期应晚于开始日期",
                "organization",
                o.id,
            )
    for model, col, what, table in (
        (Organization, Organization.name, "党组织全称", "organization"),
        (Unit, Unit.name, "单位名称", "unit"),
        (Unit, Unit.credit_code, "统一社会信用代码", "unit"),
    ):
        q = select(col, func.count(), func.min(model.id)).where(col.is_not(None))
        if model is Organization:
            q = q.where(live_org(today))
        for value, n, first in session.execute(
            q.group_by(col).having(func.count() > 1).order_by(col)
        ).all():
            report.add("duplicate_name", f"{what}“{value}”有{n}条记录", table, first)
