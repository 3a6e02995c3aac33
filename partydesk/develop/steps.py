"""The 25 steps of 《中国共产党发展党员工作细则》 as data (setting `develop.steps`).

Each step names its stage, what it writes into the person's pipeline dates and category
(so that the ledger's pipeline rules judge it), whether it takes two 正式党员 (培养联系人 /
入党介绍人), whether it repeats (考察 every half year) and when it falls due after an earlier
step. A county may rename steps or change the `after` months; the order and numbering are
the 细则's and stay."""

from __future__ import annotations

from dataclasses import dataclass, field

from partydesk import settings

KEY = "develop"

# Stages of the 细则, in order.
STAGES = (
    "申请入党",
    "入党积极分子的确定和培养教育",
    "发展对象的确定和考察",
    "预备党员的接收",
    "预备党员的教育考察和转正",
)

# `sets`: person field → taken from this step's date; `category`: the category the person
# reaches with this step; `due`: {"after": step, "months": N | setting name, "deadline":
# bool} — the step falls due that long after the earlier step (a non-deadline date only
# opens the step).
DEFAULT_STEPS: list[dict] = [
    {
        "no": 1,
        "name": "递交入党申请书",
        "stage": 0,
        "sets": ["applied_on"],
        "category": "applicant",
    },
    {
        "no": 2,
        "name": "党组织派人谈话",
        "stage": 0,
        "sets": ["talked_on"],
        "due": {"after": 1, "months": "talk_within_months"},
    },
    {
        "no": 3,
        "name": "推荐和确定入党积极分子",
        "stage": 1,
        "sets": ["activist_on"],
        "category": "activist",
    },
    {"no": 4, "name": "报上级党委备案", "stage": 1, "due": {"after": 3, "months": 1}},
    {
        "no": 5,
        "name": "指定培养联系人",
        "stage": 1,
        "sponsors": "培养联系人",
        "due": {"after": 3, "months": 1},
    },
    {
        "no": 6,
        "name": "培养教育考察",
        "stage": 1,
        "sets": ["last_review_on"],
        "repeat": True,
        "due": {"after": 3, "months": "review_every_months"},
    },
    {
        "no": 7,
        "name": "确定发展对象",
        "stage": 2,
        "sets": ["target_on"],
        "category": "target",
        "due": {"after": 3, "months": "activist_min_months", "deadline": False},
    },
    {"no": 8, "name": "报上级党委备案", "stage": 2, "due": {"after": 7, "months": 1}},
    {
        "no": 9,
        "name": "确定入党介绍人",
        "stage": 2,
        "sponsors": "入党介绍人",
        "due": {"after": 7, "months": 1},
    },
    {"no": 10, "name": "进行政治审查", "stage": 2, "due": {"after": 7, "months": 2}},
    {"no": 11, "name": "开展短期集中培训", "stage": 2, "due": {"after": 7, "months": 3}},
    {
        "no": 12,
        "name": "支部委员会审查",
        "stage": 3,
        "due": {"after": 7, "months": "target_wait_months"},
    },
    {"no": 13, "name": "上级党委预审", "stage": 3, "due": {"after": 12, "months": 1}},
    {"no": 14, "name": "填写入党志愿书", "stage": 3, "due": {"after": 13, "months": 1}},
    {
        "no": 15,
        "name": "支部大会讨论",
        "stage": 3,
        "sets": ["admitted_on"],
        "due": {"after": 14, "months": 1},
    },
    {"no": 16, "name": "上级党委派人谈话", "stage": 3, "due": {"after": 15, "months": 3}},
    {
        "no": 17,
        "name": "上级党委审批",
        "stage": 3,
        "category": "probationary",
        "due": {"after": 15, "months": 3},
    },
    {"no": 18, "name": "再上一级党委组织部门备案", "stage": 3, "due": {"after": 17, "months": 1}},
    {"no": 19, "name": "编入党支部和党小组", "stage": 4, "due": {"after": 17, "months": 1}},
    {"no": 20, "name": "入党宣誓", "stage": 4, "due": {"after": 17, "months": 3}},
    {
        "no": 21,
        "name": "继续教育考察",
        "stage": 4,
        "repeat": True,
        "due": {"after": 17, "months": 6},
    },
    {"no": 22, "name": "提出转正申请", "stage": 4, "due": {"probation_end": True}},
    {"no": 23, "name": "支部大会讨论", "stage": 4, "due": {"probation_end": True}},
    {
        "no": 24,
        "name": "上级党委审批",
        "stage": 4,
        "category": "full",
        "sets_full_on": True,
        "due": {"after": 23, "months": 3},
    },
    {"no": 25, "name": "材料归档", "stage": 4, "due": {"after": 24, "months": 1}},
]

settings.DEFAULTS[KEY] = {"steps": DEFAULT_STEPS}


@dataclass(frozen=True)
class Step:
    no: int
    name: str
    stage: int
    sets: tuple[str, ...] = ()
    category: str | None = None
    sponsors: str | None = None  # what the two 正式党员 are called, when the step names them
    repeat: bool = False
    sets_full_on: bool = False
    due: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def title(self) -> str:
        return f"第{self.no}步“{self.name}”"

    @property
    def stage_name(self) -> str:
        return STAGES[self.stage]


def steps(session) -> list[Step]:
    """The steps in force: the setting's names and due rules over the defaults, by number."""
    stored = {s["no"]: s for s in settings.get(session, KEY).get("steps") or []}
    out = []
    for d in DEFAULT_STEPS:
        s = {**d, **stored.get(d["no"], {})}
        out.append(
            Step(
                no=d["no"],
                name=str(s.get("name") or d["name"]),
                stage=d["stage"],
                sets=tuple(d.get("sets", ())),
                category=d.get("category"),
                sponsors=d.get("sponsors"),
                repeat=bool(d.get("repeat")),
                sets_full_on=bool(d.get("sets_full_on")),
                due=dict(s.get("due") or {}),
            )
        )
    return out


# Rank of the categories along the pipeline (a step never moves a person back).
RANK = {"applicant": 1, "activist": 2, "target": 3, "probationary": 4, "full": 5}


def implied_upto(all_steps: list[Step], category: str | None) -> int:
    """The last step a person's category shows they went through (0 for none): someone
    entered as 入党积极分子 went through steps 1–3 even with nothing recorded."""
    rank = RANK.get(category or "", 0)
    last = 0
    for s in all_steps:
        if s.category and RANK[s.category] <= rank:
            last = s.no
    return last
