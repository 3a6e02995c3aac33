"""Enumerated values stored in the ledger.

The database stores the English code (stable, language-neutral); `label` is the Chinese word
users see in the window, on paper and in Excel. `from_text` accepts either.
"""

from __future__ import annotations

from enum import StrEnum


class LabeledEnum(StrEnum):
    """A StrEnum whose members carry a Chinese label: `Member("code", "标签")`."""

    def __new__(cls, code: str, label: str):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label  # type: ignore[attr-defined]
        return obj

    @classmethod
    def labels(cls) -> list[str]:
        return [m.label for m in cls]

    @classmethod
    def from_text(cls, text: str | None):
        """The member whose code or Chinese label is `text` (spaces ignored), else None."""
        if text is None:
            return None
        t = str(text).strip().replace(" ", "").replace("\u3000", "")
        for m in cls:
            if t == m.value or t == m.label:
                return m
        for m in cls:
            for alias in ALIASES.get(m, ()):
                if t == alias:
                    return m
        return None

    @classmethod
    def label_of(cls, code: str | None) -> str:
        if code is None:
            return ""
        try:
            return cls(code).label
        except ValueError:
            return str(code)


class UnitKind(LabeledEnum):
    """两新组织 kind."""

    ENTERPRISE = ("enterprise", "非公有制企业")
    SOCIAL_ORG = ("social_org", "社会组织")
    NEW_EMPLOYMENT = ("new_employment", "新就业群体")


class UnitStatus(LabeledEnum):
    OPERATING = ("operating", "正常经营")
    CLOSED = ("closed", "已注销")


class OrgType(LabeledEnum):
    """党组织 type."""

    COMMITTEE = ("committee", "党委")
    GENERAL_BRANCH = ("general_branch", "党总支")
    BRANCH = ("branch", "党支部")
    JOINT_BRANCH = ("joint_branch", "联合党支部")
    WORK_BRANCH = ("work_branch", "工作支部")


class Formation(LabeledEnum):
    """组建方式."""

    OWN = ("own", "单独建")
    JOINT = ("joint", "联合建")
    BACKSTOP = ("backstop", "兜底建")
    DISPATCHED = ("dispatched", "选派建")


class Category(LabeledEnum):
    """Category of a person in the party pipeline (人员类别)."""

    APPLICANT = ("applicant", "入党申请人")
    ACTIVIST = ("activist", "入党积极分子")
    TARGET = ("target", "发展对象")
    PROBATIONARY = ("probationary", "预备党员")
    FULL = ("full", "正式党员")


class Sex(LabeledEnum):
    MALE = ("M", "男")
    FEMALE = ("F", "女")


class PersonStatus(LabeledEnum):
    """Whether the person is still on this office's books."""

    ACTIVE = ("active", "在册")
    TRANSFERRED_OUT = ("transferred_out", "已转出")
    DECEASED = ("deceased", "已去世")
    REMOVED = ("removed", "已除名")
    DISQUALIFIED = ("disqualified", "已取消预备党员资格")


class EventKind(LabeledEnum):
    """Kinds of entries in a person's history (status changes and transfers)."""

    CATEGORY = ("category", "类别变更")
    TRANSFER_IN = ("transfer_in", "组织关系转入")
    TRANSFER_OUT = ("transfer_out", "组织关系转出")
    MOVE = ("move", "调整所在党组织")
    TALK = ("talk", "入党谈话")
    REVIEW = ("review", "积极分子考察")
    PROBATION_EXTENDED = ("probation_extended", "延长预备期")
    FLOW_OUT = ("flow_out", "外出流动")
    FLOW_BACK = ("flow_back", "流动返回")
    LOST_CONTACT = ("lost_contact", "失联")
    CONTACT_RESTORED = ("contact_restored", "恢复联系")
    STATUS = ("status", "在册状态变更")
    ACTIVIST_CANCELLED = ("activist_cancelled", "取消积极分子资格")
    PROBATION_CANCELLED = ("probation_cancelled", "取消预备党员资格")


class CommitteeRole(LabeledEnum):
    SECRETARY = ("secretary", "书记")
    DEPUTY = ("deputy", "副书记")
    ORGANIZATION = ("organization", "组织委员")
    PUBLICITY = ("publicity", "宣传委员")
    DISCIPLINE = ("discipline", "纪检委员")
    MEMBER = ("member", "委员")


# Other words offices write for the same value (Excel sheets, old ledgers).
ALIASES: dict[LabeledEnum, tuple[str, ...]] = {
    UnitKind.ENTERPRISE: ("企业", "非公企业", "新经济组织", "非公有制经济组织"),
    UnitKind.SOCIAL_ORG: ("新社会组织", "社会团体", "民办非企业单位"),
    UnitKind.NEW_EMPLOYMENT: ("新就业形态", "新业态", "新就业群体组织"),
    UnitStatus.OPERATING: ("正常", "经营", "在营", "存续"),
    UnitStatus.CLOSED: ("注销", "关闭", "停业"),
    OrgType.COMMITTEE: ("党委员会",),
    OrgType.GENERAL_BRANCH: ("党总支部", "总支"),
    OrgType.BRANCH: ("支部", "独立党支部"),
    OrgType.JOINT_BRANCH: ("联合支部",),
    OrgType.WORK_BRANCH: ("功能型党支部", "工作党支部"),
    Formation.OWN: ("单独组建", "独立组建"),
    Formation.JOINT: ("联合组建",),
    Formation.BACKSTOP: ("兜底组建",),
    Formation.DISPATCHED: ("选派组建",),
    Category.APPLICANT: ("申请人", "申请入党"),
    Category.ACTIVIST: ("积极分子",),
    Category.TARGET: ("发展对象人选",),
    Category.PROBATIONARY: ("预备",),
    Category.FULL: ("党员", "正式"),
    Sex.MALE: ("male", "男性"),
    Sex.FEMALE: ("female", "女性"),
}

# Categories that count as party members (党员) in statistics.
MEMBER_CATEGORIES = (Category.PROBATIONARY, Category.FULL)
