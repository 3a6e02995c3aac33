"""Certificate wording (证书措辞): the shipped templates, their placeholders, the editable
template rows, the checks on a body and a serial pattern, kinds and dates as written."""

from __future__ import annotations

import re
import string
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import ValidationError
from partydesk.ledger.models.certs import (
    CertificateKind,
    CertificateTemplate,
)

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
        # Two clerks issuing the first certificate of a kind at once both find no row:
        # insert-or-ignore, then read back the one that is there.
        from sqlalchemy.dialects import postgresql, sqlite

        dialect = session.get_bind().dialect.name
        ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(CertificateTemplate)
        session.execute(
            ins.values(kind=kind, **DEFAULT_TEMPLATES[kind]).on_conflict_do_nothing(
                index_elements=["kind"]
            )
        )
        row = session.scalar(select(CertificateTemplate).where(CertificateTemplate.kind == kind))
    return row


def templates(session: Session) -> list[CertificateTemplate]:
    return [template(session, k.value) for k in CertificateKind]


# What the template's and a certificate's texts are called, for a refusal.
TEXT_LABELS = {
    "kind_code": "类别代码",
    "serial_pattern": "编号规则",
    "title": "标题",
    "closing": "结束语",
    "post": "职务",
    "issuer": "发证机关",
}


def text_length(model, key: str) -> int | None:
    """How many characters `model`'s column `key` holds (None: no limit)."""
    return getattr(model.__table__.c[key].type, "length", None)


def check_length(model, key: str, value) -> None:
    """Refuse a text longer than `model`'s column `key` holds (SQLite would store it,
    PostgreSQL refuse it with an error of its own: either way not what was declared)."""
    length = text_length(model, key)
    if length is not None and isinstance(value, str) and len(value) > length:
        label = TEXT_LABELS.get(key, key)
        raise ValidationError(f"{label}最多{length}个字，现在是{len(value)}个字。", key)


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
        check_length(CertificateTemplate, key, value)
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
