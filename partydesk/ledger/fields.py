"""The editable fields of the core entities: one name, one Chinese label, one validator.

Used everywhere a value enters the ledger — the window's cell editors, the detail form, the
paste of an Excel block, the Excel import — so that the same value is accepted or refused
with the same Chinese reason wherever it is typed. (View metadata such as column widths and
editor widgets stays in the UI layer.)

    value = clean("person", "id_number", " 11010519491231002x ")  # → "11010519491231002X"
    problems = check_record("person", values)                       # cross-field rules

Long because it is the registry itself: every field of the four tables, one line each
(and the 工作单位 kept as text when it is not a unit of the ledger).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partydesk.errors import ValidationError
from partydesk.ledger import enums
from partydesk.ledger.models import Instructor, Organization, Person, Unit
from partydesk.rules import creditcode, idcard, phone, record
from partydesk.rules.dates import parse_date

TRUE_WORDS = {"是", "有", "Y", "YES", "TRUE", "1", "√", "✓", "对"}
FALSE_WORDS = {"否", "无", "N", "NO", "FALSE", "0", "×", "", "不是"}


@dataclass(frozen=True)
class Field:
    """One editable attribute. `kind`: text, int, date, past_date, bool, enum, idcard,
    creditcode, phone, org (an Organization id), unit (a Unit id)."""

    name: str
    label: str
    kind: str = "text"
    enum: type[enums.LabeledEnum] | None = None
    required: bool = False
    max_len: int | None = None
    aliases: tuple[str, ...] = ()  # other header words offices use for this column

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    model: type
    fields: tuple[Field, ...]
    by_name: dict[str, Field] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self.by_name.update({f.name: f for f in self.fields})

    def field(self, name: str) -> Field:
        try:
            return self.by_name[name]
        except KeyError:
            raise ValidationError(f"{self.label}没有字段“{name}”", name) from None


UNIT = Entity(
    "unit",
    "两新组织",
    Unit,
    (
        Field(
            "name", "单位名称", required=True, max_len=200, aliases=("名称", "组织名称", "企业名称")
        ),
        Field(
            "credit_code", "统一社会信用代码", "creditcode", aliases=("信用代码", "社会信用代码")
        ),
        Field("kind", "组织类别", "enum", enums.UnitKind, aliases=("类别", "单位类型", "类型")),
        Field("industry", "所属行业", max_len=100, aliases=("行业",)),
        Field(
            "street",
            "所在街道",
            max_len=100,
            aliases=("街道", "所属街道", "乡镇街道", "所在乡镇", "村(社区)"),
        ),
        Field("address", "地址", max_len=300, aliases=("单位地址", "注册地址", "经营地址")),
        Field("legal_rep", "法定代表人", max_len=50, aliases=("法人", "负责人", "法人代表")),
        Field("employees", "从业人员数", "int", aliases=("职工人数", "员工人数", "从业人员")),
        Field("members_employed", "党员数", "int", aliases=("党员人数",)),
        Field("above_scale", "规上企业", "bool", aliases=("是否规上", "规模以上")),
        Field("high_tech", "高新技术企业", "bool", aliases=("是否高新", "高新企业")),
        Field("key_unit", "重点单位", "bool", aliases=("是否重点",)),
        Field("has_union", "建立工会", "bool", aliases=("是否建立工会", "工会")),
        Field("has_league", "建立团组织", "bool", aliases=("是否建立团组织", "团组织")),
        Field("status", "经营状态", "enum", enums.UnitStatus, aliases=("状态",)),
        Field("note", "备注"),
    ),
)

ORG = Entity(
    "org",
    "党组织",
    Organization,
    (
        Field(
            "name", "党组织全称", required=True, max_len=200, aliases=("党组织名称", "名称", "全称")
        ),
        Field("short_name", "简称", max_len=100),
        Field(
            "org_type",
            "党组织类别",
            "enum",
            enums.OrgType,
            aliases=("类别", "组织类型", "党组织类型"),
        ),
        Field("formation", "组建方式", "enum", enums.Formation),
        Field("parent_id", "上级党组织", "org", aliases=("上级组织",)),
        Field("founded_on", "成立日期", "past_date", aliases=("成立时间", "建立时间")),
        Field("term_start", "本届任期开始", "date", aliases=("换届时间", "届期开始")),
        Field("term_end", "本届任期届满", "date", aliases=("届满时间", "届期届满")),
        Field("street", "所在街道", max_len=100, aliases=("街道",)),
        Field("contact_phone", "联系电话", max_len=20, aliases=("电话",)),
        Field("note", "备注"),
    ),
)

PERSON = Entity(
    "person",
    "党员与发展对象",
    Person,
    (
        Field("name", "姓名", required=True, max_len=50),
        Field(
            "id_number",
            "公民身份证号",
            "idcard",
            aliases=("身份证号", "身份证号码", "身份证", "公民身份号码"),
        ),
        Field("sex", "性别", "enum", enums.Sex),
        Field(
            "birth_date", "出生日期", "past_date", aliases=("出生年月", "出生时间", "出生年月日")
        ),
        Field("ethnicity", "民族", max_len=20),
        Field("education", "学历", max_len=20, aliases=("文化程度", "最高学历")),
        Field(
            "category",
            "人员类别",
            "enum",
            enums.Category,
            required=True,
            aliases=("类别", "党员类别", "人员类型"),
        ),
        Field(
            "org_id",
            "所在党支部",
            "org",
            aliases=("所在党组织", "所属党组织", "党支部", "所属支部"),
        ),
        # 工作单位: a unit of the ledger; it feeds the unit's member count (stats.unit_members)
        Field("unit_id", "工作单位", "unit", aliases=("所在单位", "就业单位")),
        Field("job", "工作岗位", max_len=100, aliases=("岗位", "职务", "工作单位及职务")),
        Field("phone", "手机号", "phone", aliases=("手机号码", "联系电话", "电话", "联系方式")),
        Field(
            "applied_on",
            "申请入党日期",
            "past_date",
            aliases=("递交入党申请书日期", "申请入党时间", "递交申请日期"),
        ),
        Field("talked_on", "入党谈话日期", "past_date", aliases=("谈话日期",)),
        Field(
            "activist_on",
            "确定为积极分子日期",
            "past_date",
            aliases=("确定入党积极分子日期", "积极分子日期"),
        ),
        Field("last_review_on", "最近考察日期", "past_date", aliases=("考察日期",)),
        Field("target_on", "确定为发展对象日期", "past_date", aliases=("发展对象日期",)),
        Field(
            "admitted_on",
            "加入党组织日期",
            "past_date",
            aliases=("入党时间", "入党日期", "接收为预备党员日期"),
        ),
        Field("full_on", "转为正式党员日期", "past_date", aliases=("转正时间", "转正日期")),
        Field("probation_extension_months", "延长预备期(月)", "int", aliases=("延长预备期",)),
        Field("is_flowing", "是否为流动党员", "bool", aliases=("流动党员", "是否流动党员")),
        Field("flow_to", "外出流向", max_len=200, aliases=("流向", "流出地")),
        Field("flow_since", "外出日期", "past_date", aliases=("流出日期", "外出时间")),
        Field("lost_contact", "是否失联", "bool", aliases=("失联", "失联党员")),
        Field("status", "在册状态", "enum", enums.PersonStatus, aliases=("状态",)),
        Field("note", "备注"),
    ),
)

INSTRUCTOR = Entity(
    "instructor",
    "党建指导员",
    Instructor,
    (
        Field("name", "姓名", required=True, max_len=50),
        Field("id_number", "公民身份证号", "idcard", aliases=("身份证号", "身份证号码")),
        Field("sex", "性别", "enum", enums.Sex),
        Field("home_unit", "派出单位", max_len=200, aliases=("工作单位", "所在单位", "单位")),
        Field("post", "职务", max_len=100, aliases=("现任职务", "职务职级")),
        Field("phone", "手机号", "phone", aliases=("手机号码", "联系电话", "电话")),
        Field("appointed_on", "选派日期", "date", aliases=("任职日期", "聘任日期")),
        Field("term_end", "任期届满", "date", aliases=("任期结束", "届满日期")),
        Field("active", "在任", "bool", aliases=("是否在任",)),
        Field("note", "备注"),
    ),
)

ENTITIES: dict[str, Entity] = {e.key: e for e in (UNIT, ORG, PERSON, INSTRUCTOR)}


def entity(key: str) -> Entity:
    try:
        return ENTITIES[key]
    except KeyError:
        raise ValidationError(f"未知的表：{key}（可用：{'、'.join(ENTITIES)}）") from None


def clean(
    entity_key: str,
    name: str,
    raw: Any,
    session: Session | None = None,
    today: date | None = None,
) -> Any:
    """The stored value for `raw` typed into field `name`, or ValidationError saying why
    (in Chinese, naming the field). Empty text becomes None (or False for flags)."""
    f = entity(entity_key).field(name)
    try:
        return _clean(f, raw, session, today or date.today())
    except (ValueError, OverflowError) as e:
        raise ValidationError(f"{f.label}：{_reason(e)}", f.name) from None


def cleaner(
    entity_key: str,
    name: str,
    session: Session | None = None,
    today: date | None = None,
):
    """`clean` bound to one field, for cleaning many values fast (Excel import): returns
    `fn(raw) -> value` raising the same ValidationError as `clean` would."""
    f = entity(entity_key).field(name)
    day = today or date.today()

    if f.kind == "text":  # the commonest kind, cleaned inline (same rules as _clean)

        def text(raw: Any) -> Any:
            t = raw.strip() if raw.__class__ is str else ("" if raw is None else str(raw).strip())
            if not t:
                if f.required:
                    raise ValidationError(f"{f.label}：不能为空", f.name)
                return None
            if f.max_len and len(t) > f.max_len:
                raise ValidationError(f"{f.label}：不能超过{f.max_len}个字", f.name)
            return t

        return text

    def fn(raw: Any) -> Any:
        try:
            return _clean(f, raw, session, day)
        except (ValueError, OverflowError) as e:
            raise ValidationError(f"{f.label}：{_reason(e)}", f.name) from None

    return fn


def _reason(e: Exception) -> str:
    # Python's own messages (e.g. "cannot convert float NaN to integer") are not for users.
    text = str(e)
    if isinstance(e, OverflowError) or not any("\u4e00" <= c <= "\u9fff" for c in text):
        return "无法识别的值"
    return text


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _clean(f: Field, raw: Any, session: Session | None, today: date) -> Any:
    if _is_empty(raw):
        if f.required:
            raise ValueError("不能为空")
        return False if f.kind == "bool" else None
    k = f.kind
    if k == "text":
        t = str(raw).strip()
        if f.max_len and len(t) > f.max_len:
            raise ValueError(f"不能超过{f.max_len}个字")
        return t
    if k == "int":
        if isinstance(raw, bool):
            raise ValueError("应为整数")
        try:
            v = float(str(raw).strip().replace(",", ""))
        except ValueError:
            raise ValueError(f"应为整数，而不是“{raw}”") from None
        if v != v or v in (float("inf"), float("-inf")) or v != int(v) or v < 0:
            raise ValueError("应为不小于0的整数")
        return int(v)
    if k in ("date", "past_date"):
        d = parse_date(raw)
        if d is not None and d.year < 1900:
            raise ValueError("日期早于1900年")
        if k == "past_date" and d is not None and d > today:
            raise ValueError(f"日期{d:%Y-%m-%d}晚于今天，不能是将来的日期")
        return d
    if k == "bool":
        if isinstance(raw, bool):
            return raw
        t = str(raw).strip().upper()
        if t in TRUE_WORDS:
            return True
        if t in FALSE_WORDS:
            return False
        raise ValueError(f"应填“是”或“否”，而不是“{raw}”")
    if k == "enum":
        m = f.enum.from_text(raw)
        if m is None:
            raise ValueError(f"应为{'、'.join(f.enum.labels())}之一，而不是“{raw}”")
        return m.value
    if k == "idcard":
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raise ValueError("身份证号被存成了数字，末几位已丢失，请在Excel中设为文本后重新录入")
        return idcard.parse(raw).number
    if k == "creditcode":
        return creditcode.parse(raw)
    if k == "phone":
        if isinstance(raw, float) and raw == int(raw):
            raw = str(int(raw))
        return phone.parse(raw)
    if k in ("org", "unit"):
        return _clean_ref(f, raw, session)
    raise ValueError(f"未知的字段类型 {k}")


def _clean_ref(f: Field, raw: Any, session: Session | None) -> int:
    model = Organization if f.kind == "org" else Unit
    if isinstance(raw, int) and not isinstance(raw, bool):
        if session is not None and session.get(model, raw) is None:
            raise ValueError(f"编号{raw}不存在")
        return raw
    if session is None:
        raise ValueError("需要按名称查找，但没有打开账本")
    if f.kind == "unit" and not isinstance(raw, str):  # a flag, date or fraction names no unit
        raise ValueError(f"应填写单位名称，而不是“{raw}”")
    text = str(raw).strip()
    if f.kind == "org":
        from partydesk.errors import NotFoundError
        from partydesk.ledger.queries import find_org

        try:
            return find_org(session, text).id
        except NotFoundError as e:
            raise ValueError(str(e).rstrip("。")) from None
    ids = session.scalars(select(Unit.id).where(Unit.name == text)).all()
    if len(ids) > 1:
        raise ValueError(f"有多个名为“{text}”的单位")
    if not ids:
        if len(text) > 200:
            raise ValueError("不能超过200个字")
        return UnitText(text)
    return ids[0]


class UnitText(str):
    """A 工作单位 named but not a unit of the ledger: what `clean` gives for it, so that the
    writer keeps the name as text (`split_work_unit`) instead of dropping it."""


# Stored columns that are not fields of their own but follow one (undo and import keep
# them with the record): name -> label.
STORED_EXTRA: dict[str, dict[str, str]] = {"person": {"unit_text": "工作单位（账本中没有的单位）"}}


def stored_names(entity_key: str) -> list[str]:
    """The registry fields and the columns that follow them, as an edit stores them."""
    return [f.name for f in entity(entity_key).fields] + list(STORED_EXTRA.get(entity_key, ()))


def split_work_unit(entity_key: str, values: dict[str, Any]) -> str | None:
    """Turn a cleaned 工作单位 into the two stored columns, in place: a unit of the ledger
    links it (and drops any kept text); a name the ledger does not have is kept as text
    with the unit left empty. Returns the warning to show for a kept name."""
    if entity_key != "person" or "unit_id" not in values:
        return None
    v = values["unit_id"]
    if isinstance(v, UnitText):
        values["unit_id"], values["unit_text"] = None, str(v)
        return (
            f"工作单位“{v}”不是账本中的两新组织，已按文字保存（不计入任何单位的党员数）；"
            f"在两新组织中登记该单位后，重新填写工作单位即可关联"
        )
    values["unit_text"] = None
    return None


def check_record(
    entity_key: str,
    values: dict[str, Any],
    before: dict[str, Any] | None = None,
    *,
    cfg: dict[str, Any] | None = None,
    today: date | None = None,
) -> list[str]:
    """Cross-field problems of one record (already cleaned values), in Chinese: the refusals
    of the one rule set (`partydesk.rules.record.judge`). An empty list means it may be
    written. `before` is the stored record of an edit; `cfg` settings["pipeline"]."""
    return record.errors(record.judge(entity_key, values, before, cfg=cfg, today=today))


def check_warnings(
    entity_key: str,
    values: dict[str, Any],
    before: dict[str, Any] | None = None,
    *,
    cfg: dict[str, Any] | None = None,
    today: date | None = None,
) -> list[str]:
    """The warnings (shown, not refused) of the same rules."""
    return record.warnings(record.judge(entity_key, values, before, cfg=cfg, today=today))


def derive_from_id(values: dict[str, Any]) -> dict[str, Any]:
    """Fill birth date and sex from the ID number where they are empty (a copy)."""
    out = dict(values)
    num = out.get("id_number")
    if num:
        info = idcard.parse(num)
        out["birth_date"] = out.get("birth_date") or info.birth_date
        out["sex"] = out.get("sex") or info.sex
    return out


def label_of(entity_key: str, name: str) -> str:
    extra = STORED_EXTRA.get(entity_key, {})
    if name in extra:
        return extra[name]
    return entity(entity_key).field(name).label


def display(entity_key: str, name: str, value: Any) -> str:
    """The text a user sees for a stored value (enum labels, 是/否, dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if name in STORED_EXTRA.get(entity_key, {}):
        return str(value)
    f = entity(entity_key).field(name)
    if f.kind == "enum":
        return f.enum.label_of(value)
    if f.kind == "bool":
        return "是" if value else "否"
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value)
