"""The certificate registry: issuing (one or a batch, serials allocated in the same
transaction), revoking, reissuing, deleting and listing certificates. Wording, serials, check
values and verification are their own modules; their names are re-exported here.

Long because issuing, revoking, reissuing and deleting share one transaction discipline and
the serial allocation; wording, serials and check values are already modules of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, inspect, select, update
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.certs.batches import open_batch
from partydesk.certs.checkvalue import (  # noqa: F401 - re-exported
    NO_KEY,
    QR_PREFIX,
    SECRET_KEY,
    certificate_check,
    check_value,
    check_value_v2,
    ledger_secret,
    parse_qr,
    qr_text,
)
from partydesk.certs.serials import allocate
from partydesk.certs.verification import Verdict, verify  # noqa: F401 - re-exported
from partydesk.certs.wording import (  # noqa: F401 - re-exported
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    check_body,
    check_length,
    check_pattern,
    cn_date,
    cn_formal_date,
    kind_code,
    template,
    templates,
    text_length,
    update_template,
)
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Instructor, Person
from partydesk.ledger.models.certs import (
    Certificate,
    CertificateSerial,
    CertificateStatus,
    CertificateTemplate,
    Qualification,
    QualificationLevel,
)
from partydesk.rules.dates import add_months


@dataclass
class Holder:
    """Who a certificate is for: a plain name, a person or an instructor."""

    name: str
    person_id: int | None = None
    instructor_id: int | None = None
    qualification_id: int | None = None
    issued_on: date | None = None  # own issue date in a batch (else the batch's date)


def holder_for(
    session: Session,
    *,
    name: str | None = None,
    person: int | None = None,
    instructor: int | None = None,
    qualification: int | None = None,
) -> Holder:
    if qualification is not None:
        q = session.get(Qualification, qualification)
        if q is None:
            raise NotFoundError(f"找不到编号为{qualification}的红领党务资格。")
        return Holder(q.holder_name, q.person_id, q.instructor_id, q.id)
    if instructor is not None:
        i = session.get(Instructor, instructor)
        if i is None:
            raise NotFoundError(f"找不到编号为{instructor}的党建指导员。")
        return Holder(i.name, instructor_id=i.id)
    if person is not None:
        p = session.get(Person, person)
        if p is None:
            raise NotFoundError(f"找不到编号为{person}的人员。")
        return Holder(p.name, person_id=p.id)
    t = (name or "").strip()
    if not t:
        raise ValidationError("请指定持证人（姓名、人员或党建指导员）。")
    if len(t) > 50:
        raise ValidationError("持证人姓名不能超过50个字。")
    return Holder(t)


def _assignment_labels(session: Session, instructor_ids: list[int]):
    """Every assignment of the instructors: {id: [(start, end, label)]}, one query per 500."""
    from sqlalchemy.orm import selectinload

    from partydesk.ledger.models import InstructorAssignment

    out: dict[int, list[tuple[date | None, date | None, str]]] = {}
    ids = sorted(set(instructor_ids))
    for i in range(0, len(ids), 500):
        rows = session.scalars(
            select(InstructorAssignment)
            .options(
                selectinload(InstructorAssignment.unit), selectinload(InstructorAssignment.org)
            )
            .where(InstructorAssignment.instructor_id.in_(ids[i : i + 500]))
            .order_by(InstructorAssignment.start_on, InstructorAssignment.id)
        )
        for a in rows:
            label = (
                a.unit.name if a.unit is not None else (a.org.name if a.org is not None else None)
            )
            if label:
                out.setdefault(a.instructor_id, []).append((a.start_on, a.end_on, label))
    return out


def _units_text(assignments: list[tuple[date | None, date | None, str]], on: date) -> str | None:
    """The units guided on `on`, as the wording lists them (at most five named)."""
    names: list[str] = []
    for start, end, label in assignments:
        if (start is None or start <= on) and (end is None or end >= on) and label not in names:
            names.append(label)
    if not names:
        return None
    return "、".join(names[:5]) + (f"等{len(names)}家单位" if len(names) > 5 else "")


def _level_for(session: Session, holder: Holder) -> str:
    q = None
    if holder.qualification_id is not None:
        q = session.get(Qualification, holder.qualification_id)
        if q is not None and q.status != "active":
            q = None
    elif holder.person_id is not None or holder.instructor_id is not None:
        col = Qualification.person_id if holder.person_id else Qualification.instructor_id
        q = session.scalar(
            select(Qualification)
            .where(
                col == (holder.person_id or holder.instructor_id), Qualification.status == "active"
            )
            .order_by(Qualification.awarded_on.desc())
        )
    return QualificationLevel.label_of(q.level) if q is not None else ""


def render(
    session: Session,
    tpl: CertificateTemplate,
    holder: Holder,
    term_start: date,
    term_end: date,
    post: str | None = None,
    level: str | None = None,
    units: str | None = None,
    home_unit: str | None = None,
) -> str:
    """The template's wording filled in for `holder` (what is stored and printed)."""
    if holder.instructor_id is not None:
        if home_unit is None:
            i = session.get(Instructor, holder.instructor_id)
            home_unit = (i.home_unit or "") if i else ""
        if units is None:
            units = _units_text(
                _assignment_labels(session, [holder.instructor_id]).get(holder.instructor_id, []),
                term_start,
            )
    if tpl.kind == "party_affairs" and level is None:
        level = _level_for(session, holder)
        if not level:
            raise ValidationError(f"{holder.name}没有有效的红领党务资格，不能颁发红领党务证书。")
    values = {
        "name": holder.name,
        "post": post or tpl.post or "",
        "units": units or "辖区两新组织",
        "level": level or "",
        "term_start": cn_date(term_start),
        "term_end": cn_date(term_end),
        "issuer": tpl.issuer,
        "year": str(term_start.year),
        "home_unit": home_unit or "",
    }
    return tpl.body.format_map(values)


def issue(
    session: Session,
    kind: str,
    holders: list[Holder],
    *,
    issued_on: date,
    term_start: date | None = None,
    term_end: date | None = None,
    post: str | None = None,
    issuer: str | None = None,
    replaces: str | None = None,
    allow_second: bool = False,
) -> list[Certificate]:
    """Issue one certificate per holder, all in the caller's transaction: either every one
    gets a serial or none does. A holder's own `issued_on` overrides the batch date (its
    term then starts on that date unless `term_start` is given). An instructor who already
    has a valid 聘书 for part of the new term is refused with `SecondCertificateError`
    unless `allow_second` (the user confirmed)."""
    tpl = template(session, kind)
    if not holders:
        return []
    check_length(Certificate, "post", post)
    check_length(Certificate, "issuer", issuer)
    dates = [h.issued_on or issued_on for h in holders]
    terms = []
    for on in dates:
        start = term_start or on
        end = term_end or (add_months(start, 12 * tpl.valid_years) - timedelta(days=1))
        if end < start:
            raise ValidationError("截止日期不能早于起始日期。")
        terms.append((start, end))
    # serials are numbered per year of issue, in the order of the holders
    by_year: dict[int, list[str]] = {}
    for year in sorted({d.year for d in dates}):
        by_year[year] = allocate(session, tpl, year, sum(1 for d in dates if d.year == year))
    iids = [h.instructor_id for h in holders if h.instructor_id is not None]
    if tpl.kind == "instructor" and iids and not allow_second:
        _ask_before_second(session, holders, terms)
    assignments = _assignment_labels(session, iids) if iids else {}
    homes = (
        dict(
            session.execute(
                select(Instructor.id, Instructor.home_unit).where(Instructor.id.in_(iids))
            ).all()
        )
        if iids
        else {}
    )
    batch = open_batch(session, tpl.kind, issued_on, len(holders))
    certs: list[Certificate] = []
    for h, on, (start, end) in zip(holders, dates, terms, strict=True):
        serial = by_year[on.year].pop(0)
        # "" (not None) for an instructor guiding no unit that day: looked up already,
        # render need not ask the ledger again (the wording then says 辖区两新组织)
        units = (
            _units_text(assignments.get(h.instructor_id, []), start) or ""
            if h.instructor_id
            else None
        )
        body = render(
            session,
            tpl,
            h,
            start,
            end,
            post,
            units=units,
            home_unit=homes.get(h.instructor_id) or "",
        )
        session.add(CertificateSerial(serial=serial, kind=tpl.kind, holder_name=h.name))
        c = Certificate(
            kind=tpl.kind,
            serial=serial,
            holder_name=h.name,
            person_id=h.person_id,
            instructor_id=h.instructor_id,
            qualification_id=h.qualification_id,
            title=tpl.title,
            body=body,
            closing=tpl.closing,
            post=post or tpl.post,
            term_start=start,
            term_end=end,
            issuer=issuer or tpl.issuer,
            issued_on=on,
            valid_until=end,
            status="valid",
            replaces=replaces,
            printed_count=0,
            batch_id=batch.id,
        )
        session.add(c)
        certs.append(c)
    if tpl.kind == "party_affairs":
        _supersede(session, certs)
    session.flush()
    return certs


class SecondCertificateError(ValidationError):
    """The instructors named already have a valid 聘书 for (part of) the new term; the
    message says whose and asks to confirm. `found` lists (holder, serial, start, end)."""

    def __init__(self, message: str, found: list[tuple[str, str, date, date]], detail: str):
        super().__init__(message, "instructor")
        self.found = found
        self.detail = detail  # the facts alone, for a window's question


def _same_term(x: tuple[date, date], y: tuple[date, date]) -> bool:
    """Two terms are the same term when they share at least half of the shorter one: a
    renewal issued a few weeks before the old term ends is the next term, not a second one."""
    shared = (min(x[1], y[1]) - max(x[0], y[0])).days + 1
    shorter = min((x[1] - x[0]).days, (y[1] - y[0]).days) + 1
    return shared > 0 and 2 * shared >= shorter


def _ask_before_second(
    session: Session, holders: list[Holder], terms: list[tuple[date, date]]
) -> None:
    """Two valid 聘书 of one instructor for the same term are usually a double entry (a
    lost one is reissued, which replaces it); so they are not issued without asking."""
    found: list[tuple[str, str, date, date]] = []
    ids = sorted({h.instructor_id for h in holders if h.instructor_id is not None})
    valid: dict[int, list[Certificate]] = {}
    for i in range(0, len(ids), 500):
        for c in session.scalars(
            select(Certificate).where(
                Certificate.kind == "instructor",
                Certificate.status == "valid",
                Certificate.instructor_id.in_(ids[i : i + 500]),
            )
        ):
            valid.setdefault(c.instructor_id, []).append(c)
    seen: dict[int, list[tuple[date, date]]] = {}
    for h, (start, end) in zip(holders, terms, strict=True):
        if h.instructor_id is None:
            continue
        for c in valid.get(h.instructor_id, []):
            a = c.term_start or c.issued_on
            b = c.term_end or c.valid_until or date.max
            if _same_term((a, b), (start, end)):
                found.append((h.name, c.serial, a, b))
        for a, b in seen.get(h.instructor_id, []):  # twice in the same batch
            if _same_term((a, b), (start, end)):
                found.append((h.name, "（本批中另一份）", a, b))
        seen.setdefault(h.instructor_id, []).append((start, end))
    if not found:
        return
    lines = "；".join(
        f"{name}已有有效聘书{serial}（聘期{a:%Y-%m-%d}至{b:%Y-%m-%d}）"
        for name, serial, a, b in found[:10]
    ) + ("等" if len(found) > 10 else "")
    detail = (
        f"{lines}，与新聘书的聘期重叠。同一聘期再发一份，就会有两份同时有效的聘书；"
        f"遗失或损毁请用“换发”。"
    )
    raise SecondCertificateError(
        f"{detail}确需再发，请确认后颁发（命令行加 --force）。", found, detail
    )


def _supersede(session: Session, certs: list[Certificate]) -> None:
    """A new 红领党务 certificate (e.g. after a promotion) replaces the holder's earlier valid
    one for the same qualification."""
    for c in certs:
        if c.qualification_id is None:
            continue
        for old in session.scalars(
            select(Certificate).where(
                Certificate.qualification_id == c.qualification_id,
                Certificate.status == "valid",
                Certificate.kind == c.kind,
            )
        ):
            if old is c or old.serial == c.serial:
                continue
            old.status = "replaced"
            old.replaced_by = c.serial
            old.revoked_on = c.issued_on
            c.replaces = c.replaces or old.serial


def get(session: Session, serial: str) -> Certificate:
    s = serial.strip()
    c = session.scalar(select(Certificate).where(func.upper(Certificate.serial) == s.upper()))
    if c is None:
        raise NotFoundError(f"找不到编号为“{s}”的证书。")
    return c


def revoke(session: Session, serial: str, reason: str, on: date) -> Certificate:
    c = get(session, serial)
    if not (reason or "").strip():
        raise ValidationError("撤销证书必须写明原因。", "reason")
    if c.status != "valid":
        raise ValidationError(
            f"证书{c.serial}已{CertificateStatus.label_of(c.status)[1:]}，不能再撤销。"
        )
    c.status = "revoked"
    c.revoked_on = on
    c.revoke_reason = reason.strip()
    return c


def reissue(session: Session, serial: str, on: date, reason: str | None = None) -> Certificate:
    """A new certificate with a new serial and the same wording and term; the old one is
    marked replaced by it (e.g. lost, damaged, or a wording correction)."""
    old = get(session, serial)
    if old.status == "replaced":
        raise ValidationError(f"证书{old.serial}已由{old.replaced_by}换发，请对新证书操作。")
    tpl = template(session, old.kind)
    new_serial = allocate(session, tpl, on.year, 1)[0]
    batch = open_batch(session, old.kind, on, 1)
    session.add(CertificateSerial(serial=new_serial, kind=old.kind, holder_name=old.holder_name))
    new = Certificate(
        kind=old.kind,
        serial=new_serial,
        holder_name=old.holder_name,
        person_id=old.person_id,
        instructor_id=old.instructor_id,
        qualification_id=old.qualification_id,
        title=old.title,
        body=old.body,
        closing=old.closing,
        post=old.post,
        term_start=old.term_start,
        term_end=old.term_end,
        issuer=old.issuer,
        issued_on=on,
        valid_until=old.valid_until,
        status="valid",
        replaces=old.serial,
        printed_count=0,
        batch_id=batch.id,
    )
    session.add(new)
    old.status = "replaced"
    old.replaced_by = new_serial
    if reason:
        old.revoke_reason = reason
    old.revoked_on = on
    session.flush()
    return new


def delete(session: Session, serial: str, on: date, note: str | None = None) -> None:
    """Remove a certificate entered by mistake. Its serial stays allocated (never reused)
    and verifies as deleted."""
    c = get(session, serial)
    row = session.scalar(select(CertificateSerial).where(CertificateSerial.serial == c.serial))
    if row is not None:
        row.deleted_on = on
        row.note = note
    session.delete(c)


def mark_printed(session: Session, serials: list[str]) -> None:
    """Count the certificates `serials` printed once more. The count is raised in the
    database (another clerk may print the same ones at once); certificates loaded in this
    session read it afresh when next asked (rather than the ORM working out the new value
    for each of them in Python, a tenth of printing a batch)."""
    if not serials:
        return
    session.execute(
        update(Certificate)
        .where(Certificate.serial.in_(serials))
        .values(printed_count=Certificate.printed_count + 1)
        .execution_options(synchronize_session=False)
    )
    wanted = set(serials)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Certificate) and inspect(obj).dict.get("serial") in wanted:
            session.expire(obj, ["printed_count", "updated_at"])


def query(
    session: Session,
    *,
    year: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    text: str | None = None,
    serials: list[str] | None = None,
):
    """A select() over certificates with the usual filters, newest first."""
    q = select(Certificate)
    if year is not None:
        q = q.where(
            Certificate.issued_on >= date(year, 1, 1), Certificate.issued_on <= date(year, 12, 31)
        )
    if kind:
        q = q.where(Certificate.kind == kind_code(kind))
    if status:
        st = CertificateStatus.from_text(status)
        if st is None:
            raise ValidationError(f"未知的证书状态“{status}”，可用：有效、已撤销、已换发")
        q = q.where(Certificate.status == st.value)
    if text:
        like = f"%{text.strip()}%"
        q = q.where(Certificate.holder_name.like(like) | Certificate.serial.like(like))
    if serials:
        q = q.where(Certificate.serial.in_(serials))
    return q.order_by(Certificate.issued_on.desc(), Certificate.serial.desc())


def holders_missing(session: Session, kind: str, year: int) -> list[Holder]:
    """Batch candidates: active instructors (instructor kind) or active qualifications
    (红领党务 kind) without a valid certificate of that kind issued in `year`."""
    kind = kind_code(kind)
    start, end = date(year, 1, 1), date(year, 12, 31)
    has = select(Certificate.id).where(
        Certificate.kind == kind,
        Certificate.status == "valid",
        Certificate.issued_on >= start,
        Certificate.issued_on <= end,
    )
    if kind == "instructor":
        rows = session.scalars(
            select(Instructor)
            .where(
                Instructor.active.is_(True),
                ~has.where(Certificate.instructor_id == Instructor.id).exists(),
            )
            .order_by(Instructor.id)
        ).all()
        return [Holder(i.name, instructor_id=i.id) for i in rows]
    # a 红领党务 holder needs a certificate for the current level: none issued since the
    # level was awarded (or last changed)
    current = select(Certificate.id).where(
        Certificate.kind == kind,
        Certificate.status == "valid",
        Certificate.qualification_id == Qualification.id,
        Certificate.issued_on >= Qualification.awarded_on,
    )
    rows = session.scalars(
        select(Qualification)
        .where(Qualification.status == "active", ~current.exists())
        .order_by(Qualification.id)
    ).all()
    return [Holder(q.holder_name, q.person_id, q.instructor_id, q.id) for q in rows]


def settings_value(session: Session, name: str):
    return settings.get(session, "certs").get(name)
