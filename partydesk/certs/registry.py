"""The certificate registry: editable templates and serial patterns, issuing (one or a
batch, serials allocated in the same transaction), revoking, reissuing, reprinting and
offline verification with a keyed check value."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import string
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models import Instructor, Person, Setting
from partydesk.ledger.models.certs import (
    Certificate,
    CertificateKind,
    CertificateSerial,
    CertificateStatus,
    CertificateTemplate,
    Qualification,
    QualificationLevel,
    SerialCounter,
)
from partydesk.rules.dates import add_months

SECRET_KEY = "certs.secret"
QR_PREFIX = "PDCERT"

# The wording shipped with the program; each becomes an editable row on first use.
DEFAULT_TEMPLATES: dict[str, dict] = {
    "instructor": {
        "kind_code": "ZD",
        "serial_pattern": "{year}{kind_code}{seq:04d}",
        "title": "聘　书",
        "body": "兹聘请 {name} 同志为{post}，负责联系指导{units}的党建工作。"
        "聘期自{term_start}起至{term_end}止。",
        "closing": "特发此聘书。",
        "post": "两新组织党建指导员",
        "issuer": "中共××街道工作委员会",
        "valid_years": 1,
    },
    "party_affairs": {
        "kind_code": "HL",
        "serial_pattern": "{year}{kind_code}{seq:04d}",
        "title": "证　书",
        "body": "{name} 同志经考核认定，具备“红领党务”{level}资格，"
        "有效期自{term_start}起至{term_end}止。",
        "closing": "特发此证。",
        "post": "红领党务工作者",
        "issuer": "中共××街道工作委员会",
        "valid_years": 2,
    },
}

# Placeholders a template body may use.
PLACEHOLDERS = {
    "name": "持证人姓名",
    "post": "职务（聘任岗位）",
    "units": "联系指导的单位",
    "level": "红领党务等级",
    "term_start": "起始日期",
    "term_end": "截止日期",
    "issuer": "发证机关",
    "year": "年份",
    "home_unit": "派出单位",
}


def cn_date(d: date | None) -> str:
    """2026年1月5日 (the form used in the wording)."""
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"


_CN_DIGITS = "〇一二三四五六七八九"


def cn_formal_date(d: date) -> str:
    """二〇二六年一月五日 — the date as written under a formal document's seal."""

    def num(n: int) -> str:
        if n < 10:
            return _CN_DIGITS[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")

    year = "".join(_CN_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{num(d.month)}月{num(d.day)}日"


# ---------------------------------------------------------------- templates


def template(session: Session, kind: str) -> CertificateTemplate:
    """The editable template of `kind`, created from the defaults the first time."""
    kind = _kind(kind)
    row = session.scalar(select(CertificateTemplate).where(CertificateTemplate.kind == kind))
    if row is None:
        row = CertificateTemplate(kind=kind, **DEFAULT_TEMPLATES[kind])
        session.add(row)
        session.flush()
    return row


def templates(session: Session) -> list[CertificateTemplate]:
    return [template(session, k.value) for k in CertificateKind]


def update_template(session: Session, kind: str, **values) -> CertificateTemplate:
    """Change a template's wording, issuer, serial pattern …, checked first."""
    row = template(session, kind)
    allowed = {
        "kind_code",
        "serial_pattern",
        "title",
        "body",
        "closing",
        "post",
        "issuer",
        "valid_years",
    }
    for key, value in values.items():
        if key not in allowed:
            raise ValidationError(f"证书模板没有“{key}”这一项", key)
        if key == "body":
            check_body(value)
        elif key == "serial_pattern":
            check_pattern(value, values.get("kind_code", row.kind_code))
        elif key == "valid_years":
            value = int(value)
            if not 0 < value <= 10:
                raise ValidationError("有效年限应为1到10年", key)
        elif key in ("title", "issuer") and not str(value).strip():
            raise ValidationError("标题和发证机关不能为空", key)
        setattr(row, key, value)
    return row


def check_body(body: str) -> None:
    names = {f for _, f, _, _ in string.Formatter().parse(body) if f is not None}
    unknown = names - set(PLACEHOLDERS)
    if "" in names or unknown:
        known = "、".join("{" + k + "}" for k in PLACEHOLDERS)
        bad = "、".join("{" + n + "}" for n in sorted(unknown)) or "{}"
        raise ValidationError(f"证书正文中有无法识别的占位符 {bad}。可用：{known}", "body")
    if "{name}" not in body:
        raise ValidationError("证书正文中必须有持证人姓名 {name}", "body")


def check_pattern(pattern: str, kind_code: str = "XX") -> None:
    try:
        sample = pattern.format(year=2026, kind_code=kind_code, seq=1)
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            f"编号规则“{pattern}”无法识别。可用 {{year}}、{{kind_code}}、{{seq:04d}}，例如 {{year}}{{kind_code}}{{seq:04d}}",
            "serial_pattern",
        ) from None
    if "{seq" not in pattern:
        raise ValidationError(
            "编号规则中必须有序号 {seq}（例如 {seq:04d}），否则编号会重复", "serial_pattern"
        )
    if not re.fullmatch(r"[0-9A-Za-z\-_/\u4e00-\u9fff〔〕()（）]+", sample):
        raise ValidationError(f"编号“{sample}”含有不宜出现在证书编号中的字符", "serial_pattern")


# ---------------------------------------------------------------- serials and check values


def ledger_secret(session: Session) -> bytes:
    """This ledger's key for check values, made on first use and kept in the ledger."""
    row = session.scalar(select(Setting).where(Setting.key == SECRET_KEY))
    if row is None:
        row = Setting(key=SECRET_KEY, value='"' + secrets.token_hex(32) + '"')
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value.strip('"'))


def check_value(secret: bytes, serial: str) -> str:
    """An 8-character check value (HMAC-SHA256 over the serial, base32), e.g. K7QF-2XMA."""
    mac = hmac.new(secret, serial.strip().upper().encode(), hashlib.sha256).digest()
    code = base64.b32encode(mac[:5]).decode()
    return f"{code[:4]}-{code[4:]}"


def qr_text(serial: str, check: str) -> str:
    return f"{QR_PREFIX}|{serial}|{check}"


def parse_qr(text: str) -> tuple[str, str | None]:
    """(serial, check) from the text of a certificate's QR code, or a bare serial."""
    t = text.strip()
    if t.upper().startswith(QR_PREFIX + "|"):
        parts = t.split("|")
        if len(parts) != 3 or not parts[1]:
            raise ValidationError("二维码内容不完整，无法核验。")
        return parts[1].strip(), parts[2].strip()
    if "|" in t:
        raise ValidationError("这不是本程序打印的证书二维码。")
    return t, None


def _allocate(session: Session, tpl: CertificateTemplate, year: int, count: int) -> list[str]:
    """`count` new serials for `tpl` in `year`. The counter row is bumped with one UPDATE
    (SQLite takes its write lock there, so two processes cannot both get the same numbers),
    and each serial is recorded in certificate_serial, whose UNIQUE constraint is the last
    guard. Serials already used (e.g. under an earlier pattern) are skipped."""
    key = (tpl.serial_pattern, year, tpl.kind)
    counter = session.scalar(
        select(SerialCounter).where(
            SerialCounter.pattern == key[0],
            SerialCounter.year == year,
            SerialCounter.kind == key[2],
        )
    )
    if counter is None:
        # two windows may create the row at once: insert-or-ignore, then read it back
        from sqlalchemy.dialects import postgresql, sqlite

        dialect = session.get_bind().dialect.name
        ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(SerialCounter)
        session.execute(
            ins.values(pattern=key[0], year=year, kind=key[2], last=0).on_conflict_do_nothing()
        )
        counter = session.scalar(
            select(SerialCounter).where(
                SerialCounter.pattern == key[0],
                SerialCounter.year == year,
                SerialCounter.kind == key[2],
            )
        )
    out: list[str] = []
    while len(out) < count:
        need = count - len(out)
        session.execute(
            update(SerialCounter)
            .where(SerialCounter.id == counter.id)
            .values(last=SerialCounter.last + need)
        )
        last = session.scalar(select(SerialCounter.last).where(SerialCounter.id == counter.id))
        candidates = [
            tpl.serial_pattern.format(year=year, kind_code=tpl.kind_code, seq=seq)
            for seq in range(last - need + 1, last + 1)
        ]
        used = set(
            session.scalars(
                select(CertificateSerial.serial).where(CertificateSerial.serial.in_(candidates))
            )
        )
        out += [c for c in candidates if c not in used and c not in out]
    session.expire(counter)
    return out


# ---------------------------------------------------------------- issuing


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
) -> list[Certificate]:
    """Issue one certificate per holder, all in the caller's transaction: either every one
    gets a serial or none does. A holder's own `issued_on` overrides the batch date (its
    term then starts on that date unless `term_start` is given)."""
    tpl = template(session, kind)
    if not holders:
        return []
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
        by_year[year] = _allocate(session, tpl, year, sum(1 for d in dates if d.year == year))
    iids = [h.instructor_id for h in holders if h.instructor_id is not None]
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
    certs: list[Certificate] = []
    for h, on, (start, end) in zip(holders, dates, terms, strict=True):
        serial = by_year[on.year].pop(0)
        units = (
            _units_text(assignments.get(h.instructor_id, []), start) if h.instructor_id else None
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
        )
        session.add(c)
        certs.append(c)
    if tpl.kind == "party_affairs":
        _supersede(session, certs)
    session.flush()
    return certs


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
    new_serial = _allocate(session, tpl, on.year, 1)[0]
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
    if serials:
        session.execute(
            update(Certificate)
            .where(Certificate.serial.in_(serials))
            .values(printed_count=Certificate.printed_count + 1)
        )


# ---------------------------------------------------------------- verification


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a serial (and optionally its check value)."""

    serial: str
    state: str  # valid / expired / revoked / replaced / deleted / forged / unknown
    message: str  # Chinese, one or two sentences
    certificate: Certificate | None = None

    @property
    def ok(self) -> bool:
        return self.state == "valid"


def verify(
    session: Session, text: str, check: str | None = None, today: date | None = None
) -> Verdict:
    """Verify a serial or the text of a certificate's QR code, entirely from the ledger."""
    today = today or date.today()
    serial, qr_check = parse_qr(text)
    check = check or qr_check
    if not serial:
        raise ValidationError("请输入证书编号或扫描二维码。")
    secret = ledger_secret(session)
    if check is not None:
        norm = lambda v: re.sub(r"[\s\-]", "", v).upper()  # noqa: E731
        if not hmac.compare_digest(norm(check), norm(check_value(secret, serial))):
            return Verdict(
                serial,
                "forged",
                f"编号{serial}的校验码不符：此证书不是本账本签发的，或编号、校验码被改动过。",
            )
    c = session.scalar(select(Certificate).where(func.upper(Certificate.serial) == serial.upper()))
    if c is None:
        gone = session.scalar(
            select(CertificateSerial).where(func.upper(CertificateSerial.serial) == serial.upper())
        )
        if gone is not None:
            note = f"（{gone.note}）" if gone.note else ""
            return Verdict(
                serial,
                "deleted",
                f"编号{gone.serial}曾签发给{gone.holder_name}，该证书已于{cn_date(gone.deleted_on)}删除作废{note}。",
            )
        return Verdict(serial, "unknown", f"账本中没有编号为{serial}的证书。")
    who = f"{c.holder_name}（{CertificateKind.label_of(c.kind)}，{cn_date(c.issued_on)}签发）"
    if c.status == "revoked":
        return Verdict(
            c.serial,
            "revoked",
            f"证书{c.serial}已于{cn_date(c.revoked_on)}撤销，原因：{c.revoke_reason}。持证人：{who}",
            c,
        )
    if c.status == "replaced":
        return Verdict(
            c.serial,
            "replaced",
            f"证书{c.serial}已作废，由编号{c.replaced_by}的证书换发。持证人：{who}",
            c,
        )
    if c.valid_until is not None and c.valid_until < today:
        return Verdict(
            c.serial, "expired", f"证书{c.serial}已于{cn_date(c.valid_until)}到期。持证人：{who}", c
        )
    note = "" if check is not None else "（未核对校验码）"
    until = f"，有效期至{cn_date(c.valid_until)}" if c.valid_until else ""
    return Verdict(c.serial, "valid", f"证书{c.serial}有效{note}。持证人：{who}{until}。", c)


def _kind(kind: str) -> str:
    k = CertificateKind.from_text(kind)
    if k is None:
        aliases = {
            "指导员": "instructor",
            "聘书": "instructor",
            "红领党务": "party_affairs",
            "红领": "party_affairs",
            "hl": "party_affairs",
            "zd": "instructor",
        }
        code = aliases.get(str(kind).strip().lower()) or aliases.get(str(kind).strip())
        if code is None:
            labels = "、".join(f"{m.value}（{m.label}）" for m in CertificateKind)
            raise ValidationError(f"未知的证书种类“{kind}”，可用：{labels}")
        return code
    return k.value


def kind_code(kind: str) -> str:
    return _kind(kind)


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
        q = q.where(Certificate.kind == _kind(kind))
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
    kind = _kind(kind)
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
