"""Header → field mapping: the words offices write over their columns, from the field
registry (`partydesk.ledger.fields`: label + aliases), plus what the user chose before
(remembered in the ledger under settings key "excel_mapping")."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from partydesk import settings
from partydesk.errors import ValidationError
from partydesk.ledger import fields

SETTINGS_KEY = "excel_mapping"
# {entity key: {normalized header: field name, or "" for "ignore this column"}}
settings.DEFAULTS.setdefault(SETTINGS_KEY, {})

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_DECOR = re.compile(r"[*＊:：\s]|（必填）|\(必填\)|（选填）|\(选填\)")


def normalize_header(text) -> str:
    """Compare headers ignoring spaces, line breaks, full-width forms, "*" and "（必填）"."""
    if text is None:
        return ""
    t = str(text).translate(_FOLD)
    t = _DECOR.sub("", t.replace("（", "(").replace("）", ")"))
    return t


def _strip_paren(t: str) -> str:
    return re.sub(r"\([^)]*\)$", "", t)


# Header words offices use besides the registry's labels and aliases.
OFFICE_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "person": {
        "category": ("政治面貌", "党员身份", "人员身份"),
        "org_id": (
            "支部",
            "所在支部",
            "支部名称",
            "所在党支部名称",
            "所属党支部",
            "党组织名称",
            "所在党组织名称",
        ),
        "phone": ("手机", "移动电话", "手机号码1", "联系手机"),
        "id_number": ("身份证", "身份证号码(18位)", "公民身份证号码"),
        "admitted_on": ("成为预备党员日期", "入党年月", "入党时间(预备)"),
        "full_on": ("成为正式党员日期", "转为正式党员时间", "转正年月", "入党时间(正式)"),
        "birth_date": ("出生年月(日)", "出生年份"),
        "is_flowing": ("是否流动", "流动"),
        "flow_to": ("流动党员去向", "外出地点", "外出流向地"),
        "education": ("学历学位", "全日制学历"),
        "job": ("职务(岗位)", "工作岗位及职务"),
    },
    "unit": {
        "name": ("单位全称", "企业全称", "组织全称", "两新组织名称"),
        "street": ("所在村(社区)", "所在村", "所在社区", "村(社区)", "村社区"),
        "legal_rep": ("法定代表人姓名", "法人代表姓名"),
        "employees": ("从业人数", "职工数"),
        "credit_code": ("统一社会信用代码证号", "统一信用代码"),
    },
    "org": {
        "name": ("支部名称", "党组织全称(与印章一致)"),
        "parent_id": ("上级党委", "上级党组织名称", "隶属党组织"),
        "street": ("所在村(社区)", "所在村", "所在社区", "村(社区)"),
    },
    "instructor": {
        "name": ("指导员姓名",),
        "phone": ("手机",),
    },
}

# Two header rows combined ("入党时间" over "预备" / "正式"): (upper, lower) → field.
_ADMITTED = ("入党时间", "入党日期", "加入党组织日期", "入党")
COMBINED_HEADERS: dict[str, dict[tuple[str, str], str]] = {
    "person": {
        **{(u, w): "admitted_on" for u in _ADMITTED for w in ("预备", "预备党员", "接收预备党员")},
        **{
            (u, w): "full_on"
            for u in _ADMITTED
            for w in ("正式", "正式党员", "转正", "转为正式党员")
        },
    }
}


def known_headers(entity_key: str) -> dict[str, str]:
    """Normalized header word → field name (labels win over aliases)."""
    from partydesk.excel.links import links

    ent = fields.entity(entity_key)
    out: dict[str, str] = {}
    for f in ent.fields:
        for h in f.aliases:
            out.setdefault(normalize_header(h), f.name)
    for k in links(entity_key):
        for h in k.aliases:
            out.setdefault(normalize_header(h), k.name)
    for name, words in OFFICE_HEADERS.get(entity_key, {}).items():
        if name in ent.by_name:
            for h in words:
                out.setdefault(normalize_header(h), name)
    for f in ent.fields:
        out[normalize_header(f.label)] = f.name
    for k in links(entity_key):
        out[normalize_header(k.label)] = k.name
    return out


def column_names(entity_key: str) -> set[str]:
    """Every name a column may map to: the registry's fields and the link columns."""
    from partydesk.excel.links import links

    return set(fields.entity(entity_key).by_name) | {k.name for k in links(entity_key)}


def column_label(entity_key: str, name: str) -> str:
    """The Chinese label of a field or link column."""
    from partydesk.excel.links import link

    lk = link(entity_key, name)
    return lk.label if lk is not None else fields.label_of(entity_key, name)


def column_choices(entity_key: str) -> list[tuple[str, str, bool]]:
    """(name, label, required) of everything a column may map to, in the order offered."""
    from partydesk.excel.links import links

    ent = fields.entity(entity_key)
    return [(f.name, f.label, f.required) for f in ent.fields] + [
        (k.name, k.label, False) for k in links(entity_key)
    ]


def guess_field(
    entity_key: str, header: str, remembered: dict[str, str] | None = None
) -> str | None:
    h = normalize_header(header)
    if not h:
        return None
    if remembered and h in remembered:
        return remembered[h] or None
    known = known_headers(entity_key)
    return _lookup(entity_key, known, h)


def _lookup(entity_key: str, known: dict[str, str], h: str) -> str | None:
    if h in known:
        return known[h]
    if "/" in h:
        # a two-row header: the pair, then the lower word, then the upper one
        upper, _, lower = h.rpartition("/")
        upper = upper.rpartition("/")[2]
        pair = COMBINED_HEADERS.get(entity_key, {}).get((upper, lower))
        return pair or _lookup(entity_key, known, lower) or _lookup(entity_key, known, upper)
    bare = _strip_paren(h)
    return known.get(bare)


def score_headers(entity_key: str):
    """A scorer for reading.read_sheet: how many cells of a row are known headers."""
    known = known_headers(entity_key)

    def score(cells: list[str]) -> int:
        seen = set()
        for c in cells:
            h = normalize_header(c)
            name = _lookup(entity_key, known, h) if h else None
            if name:
                seen.add(name)
        return len(seen)

    return score


def auto_mapping(
    entity_key: str, headers: list[str], remembered: dict[str, str] | None = None
) -> list[str | None]:
    """One field name (or None: ignored) per column; a field is mapped at most once (the
    first column that names it wins)."""
    out: list[str | None] = []
    used: set[str] = set()
    for h in headers:
        name = guess_field(entity_key, h, remembered)
        if name and name not in used and name in column_names(entity_key):
            used.add(name)
            out.append(name)
        else:
            out.append(None)
    return out


def check_mapping(entity_key: str, mapping: list[str | None]) -> None:
    """A field (or link column) mapped to two columns is refused, naming both."""
    seen: dict[str, int] = {}
    for i, name in enumerate(mapping):
        if not name:
            continue
        if name not in column_names(entity_key):
            raise ValidationError(f"没有可对应的字段“{name}”")
        if name in seen:
            raise ValidationError(
                f"“{column_label(entity_key, name)}”对应了两列（第{seen[name] + 1}列和第{i + 1}列），请只保留一列。"
            )
        seen[name] = i


def resolve_field(entity_key: str, text: str) -> str | None:
    """A field named on the command line: its name, its label or a header word; "" or
    "忽略" for "ignore this column"."""
    t = text.strip()
    if t in ("", "忽略", "-", "none"):
        return None
    if t in column_names(entity_key):
        return t
    for name, label, _req in column_choices(entity_key):
        if label == t:
            return name
    got = guess_field(entity_key, t)
    if got is None:
        labels = "、".join(label for _n, label, _r in column_choices(entity_key))
        raise ValidationError(f"没有名为“{t}”的字段（可用：{labels}）")
    return got


def parse_header_map(entity_key: str, pairs: list[str]) -> dict[str, str | None]:
    """`表头=字段` pairs (command line --map) → {normalized header: field name or None}."""
    out: dict[str, str | None] = {}
    for p in pairs:
        for part in re.split(r"[,，;；]", p):
            if not part.strip():
                continue
            head, sep, target = part.partition("=")
            if not sep or not head.strip():
                raise ValidationError(f"--map 应写作 表头=字段，而不是“{part}”")
            out[normalize_header(head)] = resolve_field(entity_key, target)
    return out


def apply_header_map(
    entity_key: str, headers: list[str], mapping: list[str | None], header_map: dict
) -> list[str | None]:
    """`mapping` with the columns named in `header_map` set as it says (a field it gives
    to one column is taken from any other column)."""
    norm = {normalize_header(k): v for k, v in header_map.items()}
    out = list(mapping)
    hit = set()
    for i, h in enumerate(headers):
        key = normalize_header(h)
        if key in norm:
            hit.add(key)
            target = norm[key]
            if target:
                out = [None if m == target else m for m in out]
            out[i] = target
    unknown = [k for k in norm if k not in hit]
    if unknown:
        raise ValidationError(
            f"表头中没有“{'、'.join(unknown)}”（有：{'、'.join(h for h in headers if h)}）"
        )
    return out


def load_remembered(session: Session, entity_key: str) -> dict[str, str]:
    return dict((settings.get(session, SETTINGS_KEY) or {}).get(entity_key, {}))


def remember(
    session: Session, entity_key: str, headers: list[str], mapping: list[str | None]
) -> None:
    """Keep the user's choices where they differ from the built-in guess."""
    stored = settings.get(session, SETTINGS_KEY) or {}
    mine = dict(stored.get(entity_key, {}))
    for h, name in zip(headers, mapping, strict=False):
        key = normalize_header(h)
        if not key:
            continue
        if guess_field(entity_key, h) == name:
            mine.pop(key, None)
        else:
            mine[key] = name or ""
    stored[entity_key] = mine
    settings.put(session, SETTINGS_KEY, stored)
