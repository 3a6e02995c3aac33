"""The core of the demo ledger: units (两新组织), party organizations, people in the
pipeline, instructors (党建指导员). Realistic, fictional and deterministic.

Rows are generated as plain tuples with ids assigned here and handed to a writer in
chunks (one `executemany` each), so 100,000 people take seconds, not minutes, in bounded
memory. Dates are
chosen relative to `today`, so that reminders (talks, reviews, probations, terms) always
have something due soon and something overdue.


Long because the generator is one class whose methods share one random stream, the id
counters and the write buffers, next to the name tables it draws from; moving the tables to
a module of their own is the next step."""

from __future__ import annotations

import bisect
import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from partydesk.rules import creditcode, idcard
from partydesk.rules.dates import add_months

# --- Name tables ---------------------------------------------------------------------------

# Common surnames, most frequent first, with rough weights (per mille).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤"
)
_SURNAME_W = [max(2.0, 72 - 0.9 * i) for i in range(len(SURNAMES))]
SURNAMES_2 = ("欧阳", "司马", "上官", "诸葛", "东方")
GIVEN_M = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳东亮成建文志国海峰晨楠博睿轩航锋毅坤德"
GIVEN_F = (
    "芳娜敏静丽艳娟霞秀英华慧巧美娅婷雪琳晶颖倩洁燕玲桂丹萍红玉兰凤佳悦欣怡蕾菲琪璐彤瑶月梦雅琴薇"
)
GIVEN_ANY = "文明晓子一思嘉雨天佳小新志永春海宏晓红立"

STREETS = ("城关街道", "东城街道", "西城街道", "经济开发区", "桃源镇", "青山镇", "河口镇")
STREET_SHORT = {
    "城关街道": "城关",
    "东城街道": "东城",
    "西城街道": "西城",
    "经济开发区": "开发区",
    "桃源镇": "桃源",
    "青山镇": "青山",
    "河口镇": "河口",
}
# Where units cluster: the development zone and the town centre hold most enterprises.
STREET_W = (22, 16, 14, 20, 11, 9, 8)
ROADS = (
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "滨江路",
    "文化路",
    "新华路",
    "工业大道",
    "科技路",
    "创业路",
    "桃源路",
    "青年路",
    "东环路",
    "西环路",
    "学府路",
    "长安路",
    "兴业路",
    "振华路",
)
BRANDS = (
    "恒信 瑞丰 华泰 鑫源 博远 天成 永安 金誉 宏达 盛华 新锐 佳和 正泰 德润 明远 中恒 汇通 银河 东升 "
    "锦程 聚力 弘毅 嘉禾 科瑞 易达 海纳 华星 泰和 润丰 万象 宝利 联创 远航 昌隆 同舟 启明 百川 "
    "仁和 安达 福瑞 诚信 卓越 华茂 泓远 振兴 旭日 星辰 鼎盛 久安 立信 丰源 合众 优品 天诚 蓝海 "
    "润达 和美 方圆 绿源 金桥"
).split()

INDUSTRIES = {
    "enterprise": (
        ("制造业", ("机械制造", "电子科技", "新材料", "精密模具", "汽车配件", "纺织服饰")),
        ("批发和零售业", ("商贸", "贸易", "超市", "医药连锁")),
        ("信息传输、软件和信息技术服务业", ("信息技术", "软件", "网络科技", "数据服务")),
        ("建筑业", ("建筑工程", "建设工程", "装饰工程")),
        ("住宿和餐饮业", ("餐饮管理", "酒店管理", "食品")),
        ("交通运输、仓储和邮政业", ("物流", "运输", "供应链管理")),
        ("房地产业", ("房地产开发", "物业服务")),
        ("科学研究和技术服务业", ("检测技术", "生物科技", "环保科技")),
        ("租赁和商务服务业", ("人力资源", "企业管理咨询", "广告传媒")),
        ("农、林、牧、渔业", ("农业开发", "生态农业", "茶业")),
    ),
    "social_org": (
        ("行业协会商会", ("行业协会", "商会", "个体劳动者协会")),
        ("教育", ("培训学校", "幼儿园", "职业技能培训中心")),
        ("卫生和社会工作", ("养老服务中心", "社会工作服务中心", "康复中心", "门诊部")),
        ("律师事务所", ("律师事务所",)),
        ("会计师事务所", ("会计师事务所",)),
        ("文化、体育和娱乐业", ("文化艺术中心", "体育俱乐部")),
    ),
    "new_employment": (
        ("快递物流", ("快递营业部", "快递网点", "速运分拨中心")),
        ("外卖配送", ("外卖配送站", "即时配送站点")),
        ("网约车", ("网约车服务站",)),
        ("货车司机", ("货运服务站",)),
        ("网络主播", ("直播电商基地",)),
        ("家政服务", ("家政服务站",)),
    ),
}
KIND_W = {"enterprise": 70, "social_org": 18, "new_employment": 12}

JOBS = {
    "enterprise": (
        "总经理",
        "副总经理",
        "技术员",
        "工程师",
        "车间主任",
        "销售经理",
        "财务会计",
        "行政专员",
        "质检员",
        "操作工",
        "人事主管",
        "采购员",
        "项目经理",
        "办公室主任",
    ),
    "social_org": ("会长", "秘书长", "教师", "社工", "律师", "会计", "护理员", "项目专员"),
    "new_employment": ("快递员", "外卖骑手", "网约车司机", "站长", "分拣员", "货车司机", "主播"),
}
ETHNICITIES = ("汉族",) * 93 + ("回族", "满族", "壮族", "土家族", "苗族", "蒙古族", "畲族")
EDU_YOUNG = ("研究生",) * 2 + ("大学本科",) * 9 + ("大学专科",) * 6 + ("中专",) * 2 + ("高中",) * 2
EDU_OLD = ("大学本科",) * 3 + ("大学专科",) * 4 + ("中专",) * 3 + ("高中",) * 4 + ("初中",) * 2
# Regions of birth (6-digit codes) for ID numbers: mostly local, some from elsewhere.
BIRTH_REGIONS = (
    ("339001",) * 8
    + ("339002",) * 4
    + (
        "330102",
        "330106",
        "320102",
        "340104",
        "360102",
        "410105",
        "420106",
        "430104",
        "510107",
        "350102",
        "370102",
        "130102",
        "610113",
        "500103",
    )
)
UNIT_REGION = "339001"
PHONE_PREFIX = tuple(
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
    "173 177 180 181 182 183 184 185 186 187 188 189 191 198 199".split()
)
FLOW_TO = (
    "浙江省杭州市",
    "江苏省苏州市",
    "上海市浦东新区",
    "广东省深圳市",
    "广东省广州市",
    "北京市朝阳区",
    "福建省厦门市",
    "江苏省南京市",
    "浙江省宁波市",
    "四川省成都市",
)
OUTSIDE_ORGS = (
    "中共杭州市西湖区某科技公司支部委员会",
    "中共苏州工业园区某电子公司支部",
    "中共宁波市鄞州区某商会支部",
    "中共本县某乡镇机关支部",
    "中共某大学学生第三支部委员会",
    "中共某部队退役军人党支部",
    "中共上海市浦东新区某物流公司支部",
    "中共深圳市南山区某网络公司委员会",
)
INSTRUCTOR_HOMES = (
    ("区发展和改革局", ("科长", "副科长", "一级主任科员")),
    ("区住房和城乡建设局", ("科长", "四级调研员", "一级主任科员")),
    ("区市场监督管理局", ("所长", "副所长", "科员")),
    ("区商务局", ("科长", "副科长")),
    ("区人力资源和社会保障局", ("科长", "二级主任科员")),
    ("区科学技术局", ("副局长", "科长")),
    ("区工商业联合会", ("副主席", "部长")),
    ("区委组织部", ("两新组织党建指导员", "组织员")),
    ("区委社会工作部", ("科长", "副科长")),
)
NUMERALS = "一二三四五六七八九十"

CATEGORY_W = (("full", 74), ("probationary", 7), ("target", 5), ("activist", 8), ("applicant", 6))


class FastRandom(random.Random):
    """random.Random with cheaper randint/choice/randrange (one `random()` call each):
    the demo draws millions of numbers. Still deterministic for a given seed."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}
_ID_W = idcard.WEIGHTS
_ID_C = idcard.CHECK_CHARS


def _wsum(digits: str, weights) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True))


_REGION_WSUM = {r: _wsum(r, _ID_W[:6]) for r in set(BIRTH_REGIONS)}
_SEQ_WSUM = [_wsum(f"{i:03d}", _ID_W[14:17]) for i in range(1000)]


def cn_num(n: int) -> str:
    """1..9999 in Chinese numerals (第一, 第十二, 第一百零五 …); larger as digits."""
    if n <= 0 or n >= 10000:
        return str(n)
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (
            (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")
        )
    big, rest = (divmod(n, 1000), "千") if n >= 1000 else (divmod(n, 100), "百")
    (head, tail), unit = big, rest
    text = NUMERALS[head - 1] + unit
    if tail == 0:
        return text
    if tail < (100 if unit == "千" else 10):
        text += "零"
    if 10 <= tail < 20:
        return text + "一" + cn_num(tail)
    return text + cn_num(tail)


# --- Tables: columns in insertion order ------------------------------------------------------

REC = ("id", "uuid", "created_at", "updated_at")
COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": REC
    + (
        "name",
        "credit_code",
        "kind",
        "industry",
        "street",
        "address",
        "legal_rep",
        "employees",
        "members_employed",
        "above_scale",
        "high_tech",
        "key_unit",
        "has_union",
        "has_league",
        "status",
        "note",
    ),
    "organization": REC
    + (
        "name",
        "short_name",
        "org_type",
        "formation",
        "parent_id",
        "founded_on",
        "term_start",
        "term_end",
        "secretary_id",
        "street",
        "contact_phone",
        "dissolved_on",
        "note",
    ),
    "org_host_unit": REC + ("org_id", "unit_id"),
    "party_group": REC + ("org_id", "name", "leader_id"),
    "person": REC
    + (
        "name",
        "id_number",
        "sex",
        "birth_date",
        "ethnicity",
        "education",
        "phone",
        "job",
        "org_id",
        "unit_id",
        "party_group_id",
        "category",
        "status",
        "applied_on",
        "talked_on",
        "activist_on",
        "last_review_on",
        "target_on",
        "admitted_on",
        "full_on",
        "probation_extension_months",
        "is_flowing",
        "flow_to",
        "flow_since",
        "lost_contact",
        "note",
    ),
    "person_event": REC
    + (
        "person_id",
        "kind",
        "on",
        "from_value",
        "to_value",
        "from_org_id",
        "to_org_id",
        "note",
    ),
    "committee_member": REC + ("org_id", "person_id", "role", "since", "until"),
    "instructor": REC
    + (
        "name",
        "id_number",
        "sex",
        "home_unit",
        "post",
        "phone",
        "appointed_on",
        "term_end",
        "active",
        "note",
    ),
    "instructor_assignment": REC
    + (
        "instructor_id",
        "unit_id",
        "org_id",
        "start_on",
        "end_on",
    ),
}
# Insertion order respects foreign keys (secretaries and group leaders are set afterwards).
TABLE_ORDER = (
    "unit",
    "organization",
    "org_host_unit",
    "party_group",
    "person",
    "person_event",
    "committee_member",
    "instructor",
    "instructor_assignment",
)


@dataclass
class CoreData:
    """What the generator made: rows per table, and the updates that close the cycles
    organization.secretary_id → person and party_group.leader_id → person."""

    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLE_ORDER})
    secretaries: list[tuple[int, int]] = field(default_factory=list)  # (person_id, org_id)
    leaders: list[tuple[int, int]] = field(default_factory=list)  # (person_id, group_id)
    members_employed: list[tuple[int, int]] = field(default_factory=list)  # (count, unit_id)
    written: dict[str, int] = field(default_factory=lambda: {t: 0 for t in TABLE_ORDER})

    def counts(self) -> dict[str, int]:
        return {t: len(r) + self.written[t] for t, r in self.rows.items()}

    def updates(self) -> list[tuple[str, str, list[tuple]]]:
        """(table, column, [(value, id), …]) to run after every insert."""
        return [
            ("organization", "secretary_id", self.secretaries),
            ("party_group", "leader_id", self.leaders),
            ("unit", "members_employed", self.members_employed),
        ]


@dataclass
class _Org:
    id: int
    name: str
    org_type: str
    formation: str | None
    parent_id: int | None
    street: str
    hosts: list[int]
    n_people: int = 0
    children: list[_Org] = field(default_factory=list)
    people: list[int] = field(default_factory=list)  # person ids
    full: list[int] = field(default_factory=list)  # full member ids (active)
    secretary: int | None = None
    term_start: date | None = None
    dissolved: bool = False


class CoreGenerator:
    """Generates the core tables for `n_units` units and `n_people` people in the pipeline."""

    CHUNK = 5000  # people handed to the sink at a time

    def __init__(
        self,
        n_units: int,
        n_people: int,
        seed: int,
        today: date,
        progress: Callable[[str, float], None] | None = None,
        sink: Callable[[str, list[tuple]], None] | None = None,
    ):
        self.n_units = max(1, n_units)
        self.n_people = max(0, n_people)
        # A few people are on the books without an organization (transfer pending).
        self.n_orphans = self.n_people // 1500
        self.today = today
        self.T = today.toordinal()
        self.rng = FastRandom(f"{seed}:core")
        self.uuid_rng = random.Random(f"{seed}:core:uuid")
        self.stamp = f"{today.isoformat()} 08:00:00.000000"
        self.progress = progress
        self.sink = sink  # when set, finished rows are handed over in chunks, then dropped
        self.data = CoreData()
        # ISO text of every day from 110 years back to 3 years ahead, looked up by ordinal.
        self._iso_base = self.T - 110 * 366
        self._iso = [
            date.fromordinal(o).isoformat() for o in range(self._iso_base, self.T + 3 * 366)
        ]
        self._ubuf = ""
        self._upos = 0
        self._id_days: dict[int, tuple[str, int]] = {}
        self._ids: set[str] = set()
        self._codes: set[str] = set()
        self._names: set[str] = set()
        self._org_names: set[str] = set()
        self._cum_surname = list(_cum(_SURNAME_W))

    # --- small helpers --------------------------------------------------------------------

    def report(self, stage: str, f: float) -> None:
        if self.progress:
            self.progress(stage, f)

    def uuid(self) -> str:
        """A version-4 UUID from the seeded stream (random bytes drawn in batches)."""
        i = self._upos
        if i >= len(self._ubuf):
            self._ubuf = self.uuid_rng.randbytes(16 * 4096).hex()
            i = 0
        self._upos = i + 32
        h = self._ubuf[i : i + 32]
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"

    def iso(self, ordinal: int | None) -> str | None:
        if ordinal is None:
            return None
        k = ordinal - self._iso_base
        if 0 <= k < len(self._iso):
            return self._iso[k]
        return date.fromordinal(ordinal).isoformat()

    def add_months(self, ordinal: int, months: int) -> int:
        return add_months(date.fromordinal(ordinal), months).toordinal()

    def name(self, sex: str) -> str:
        rnd = self.rng.random
        x = rnd()
        if x < 0.004:
            sur = SURNAMES_2[int(x * 1250) % len(SURNAMES_2)]
        else:
            sur = SURNAMES[bisect.bisect(self._cum_surname, rnd() * self._cum_surname[-1])]
        pool = GIVEN_M if sex == "M" else GIVEN_F
        n = len(pool)
        last = pool[int(rnd() * n)]
        x = rnd()
        if x < 0.18:
            return sur + GIVEN_ANY[int(rnd() * len(GIVEN_ANY))] + last
        if x < 0.72:
            return sur + pool[int(rnd() * n)] + last
        return sur + last

    def phone(self) -> str:
        rnd = self.rng.random
        return PHONE_PREFIX[int(rnd() * len(PHONE_PREFIX))] + f"{int(rnd() * 100_000_000):08d}"

    def id_number(self, born: int, sex: str) -> str:
        """A unique valid 身份证号. The check digit's weighted sum is assembled from cached
        parts (region, birth date, sequence): the same result as idcard.make, cheaper."""
        rnd = self.rng.random
        region = BIRTH_REGIONS[int(rnd() * len(BIRTH_REGIONS))]
        day = self._id_days.get(born)
        if day is None:
            text = date.fromordinal(born).strftime("%Y%m%d")
            day = self._id_days[born] = (text, _wsum(text, _ID_W[6:14]))
        seq = int(rnd() * 500) * 2 + (1 if sex == "M" else 0)
        while True:
            n = f"{region}{day[0]}{seq:03d}"
            n += _ID_C[(_REGION_WSUM[region] + day[1] + _SEQ_WSUM[seq]) % 11]
            if n not in self._ids:
                self._ids.add(n)
                return n
            seq = (seq + 2) % 1000
            if seq < 2:
                region = BIRTH_REGIONS[int(rnd() * len(BIRTH_REGIONS))]

    def credit_code(self, kind: str) -> str:
        r = self.rng
        head = "52" if kind == "social_org" else "91"
        mid = "MJ" if kind == "social_org" else "MA"
        while True:
            body = (
                head + UNIT_REGION + mid + "".join(r.choice(creditcode.ALPHABET) for _ in range(7))
            )
            code = creditcode.make(body)
            if code not in self._codes:
                self._codes.add(code)
                return code

    def flush(self, *tables: str) -> None:
        """Hand the rows made so far of `tables` to the sink (in this order)."""
        if self.sink is None:
            return
        for t in tables:
            rows = self.data.rows[t]
            if rows:
                self.sink(t, rows)
                self.data.written[t] += len(rows)
                self.data.rows[t] = []

    def rec(self, i: int) -> tuple:
        return (i, self.uuid(), self.stamp, self.stamp)

    # --- units ----------------------------------------------------------------------------

    def make_units(self) -> list[dict]:
        r = self.rng
        kinds = list(KIND_W)
        kind_cum = list(_cum(KIND_W.values()))
        street_cum = list(_cum(STREET_W))
        units = []
        rows = self.data.rows["unit"]
        for uid in range(1, self.n_units + 1):
            kind = kinds[bisect.bisect(kind_cum, r.random() * kind_cum[-1])]
            if uid <= 3:  # every kind present even in a tiny ledger
                kind = kinds[uid - 1]
            street = STREETS[bisect.bisect(street_cum, r.random() * street_cum[-1])]
            industry, words = r.choice(INDUSTRIES[kind])
            name = self.unit_name(kind, street, words)
            if kind == "enterprise":
                emp = int(min(5000, math.exp(r.gauss(3.8, 1.2)))) + 5
            elif kind == "social_org":
                emp = int(min(400, math.exp(r.gauss(2.8, 0.8)))) + 3
            else:
                emp = int(min(1500, math.exp(r.gauss(3.9, 0.9)))) + 8
            closed = r.random() < 0.03 and uid > 3
            above = kind == "enterprise" and emp >= 80 and r.random() < 0.7
            high = kind == "enterprise" and r.random() < (
                0.25 if "科技" in name or "技术" in name else 0.06
            )
            key = emp >= 300 or r.random() < 0.04
            sex = "M" if r.random() < 0.75 else "F"
            u = dict(
                id=uid,
                name=name,
                kind=kind,
                industry=industry,
                street=street,
                employees=emp,
                closed=closed,
                has_union=False,
                has_league=False,
                key=key,
            )
            units.append(u)
            rows.append(
                self.rec(uid)
                + (
                    name,
                    self.credit_code(kind),
                    kind,
                    industry,
                    street,
                    f"{STREET_SHORT[street] if street != '经济开发区' else '开发区'}{r.choice(ROADS)}{r.randint(1, 999)}号",
                    self.name(sex),
                    emp,
                    0,
                    above,
                    high,
                    key,
                    False,
                    False,
                    "closed" if closed else "operating",
                    None,
                )
            )
        return units

    def unit_name(self, kind: str, street: str, words: tuple[str, ...]) -> str:
        r = self.rng
        short = STREET_SHORT[street]
        for attempt in range(40):
            brand = r.choice(BRANDS)
            word = r.choice(words)
            if kind == "enterprise":
                prefix = r.choice(("", "", short, "本县"))
                if prefix == "本县":
                    prefix = ""
                name = f"{prefix}{brand}{word}{'股份' if r.random() < 0.08 else ''}有限公司"
            elif kind == "social_org":
                if word in ("行业协会", "商会", "个体劳动者协会"):
                    trade = r.choice(
                        ("餐饮", "建材", "电商", "物流", "汽车", "家具", "茶叶", "服装")
                    )
                    name = f"{short}{trade}{word}" if word != "个体劳动者协会" else f"{short}{word}"
                    if attempt:
                        name = f"{brand}{name}"
                else:
                    name = f"{short}{brand}{word}"
            else:
                name = f"{brand}{word.replace('营业部', '').replace('网点', '')}{short}{r.choice(('营业部', '网点', '站', '服务站'))}"
                if word.endswith("站") or word.endswith("中心") or word.endswith("基地"):
                    name = f"{brand}{short}{word}"
            if attempt >= 20:
                name = f"{name}（{cn_num(attempt - 19)}）" if attempt < 119 else f"{name}{attempt}"
            if name not in self._names:
                self._names.add(name)
                return name
        n = len(self._names)
        name = f"{short}{r.choice(BRANDS)}{words[0]}{n}"
        self._names.add(name)
        return name

    # --- coverage plan --------------------------------------------------------------------

    def plan(self, units: list[dict]) -> None:
        """Decide for each operating unit how it is covered: its own organization, a joint
        branch, a backstop or dispatched-secretary branch, or none."""
        r = self.rng
        for u in units:
            if u["closed"]:
                u["plan"] = "closed"
                continue
            if u["kind"] == "enterprise":
                p_own = 0.12 + 0.6 * min(1.0, u["employees"] / 400)
            elif u["kind"] == "social_org":
                p_own = 0.2
            else:
                p_own = 0.22
            x = r.random()
            if x < p_own:
                u["plan"] = "own"
                continue
            y = r.random()
            u["plan"] = (
                "joint"
                if y < 0.46
                else "backstop"
                if y < 0.53
                else "dispatched"
                if y < 0.585
                else "none"
            )
        operating = [u for u in units if u["plan"] != "closed"]
        # Make sure a small ledger still shows every formation.
        if len(operating) >= 12:
            for want, n in (
                ("own", 3),
                ("joint", 4),
                ("backstop", 1),
                ("dispatched", 1),
                ("none", 2),
            ):
                tally = Counter(u["plan"] for u in operating)
                have = tally[want]
                if have >= n:
                    continue
                spare = [
                    u for u in operating if u["plan"] not in (want, "own") and tally[u["plan"]] > 4
                ]
                while have < n and spare:
                    spare.pop(r.randrange(len(spare)))["plan"] = want
                    have += 1
        # Work coverage for units without an organization: 工会 / 团组织.
        for u in operating:
            if u["plan"] == "none":
                u["has_union"] = r.random() < 0.22
                u["has_league"] = r.random() < 0.12
            else:
                u["has_union"] = r.random() < 0.55
                u["has_league"] = r.random() < 0.25

    # --- organizations --------------------------------------------------------------------

    def org_name(self, base: str) -> str:
        name = base
        i = 2
        while name in self._org_names:
            name = base.replace("支部", f"第{cn_num(i)}支部", 1) if i < 99 else f"{base}{i}"
            i += 1
        self._org_names.add(name)
        return name

    def make_orgs(self, units: list[dict]) -> list[_Org]:
        r = self.rng
        orgs: list[_Org] = []

        def new(name, org_type, formation, parent, street, hosts, n=0) -> _Org:
            o = _Org(
                len(orgs) + 1,
                self.org_name(name),
                org_type,
                formation,
                parent.id if parent else None,
                street,
                hosts,
                n,
            )
            orgs.append(o)
            if parent:
                parent.children.append(o)
            return o

        operating = [u for u in units if u["plan"] != "closed"]
        streets = [s for s in STREETS if any(u["street"] == s for u in operating)]
        regional = {
            s: new(f"中共{s}两新组织综合委员会", "committee", None, None, s, []) for s in streets
        }
        # Head counts: fixed small numbers for joint / backstop / dispatched / work branches
        # and the regional committees' staff; the rest is shared by units with their own
        # organization, in proportion to their size.
        M = self.n_people - self.n_orphans
        by_street = defaultdict(lambda: defaultdict(list))
        for u in operating:
            by_street[u["street"]][u["plan"]].append(u)
        plans: list[tuple[str, str, list[dict], int]] = []  # (kind, street, units, people)
        for s in streets:
            d = by_street[s]
            plans.append(("regional", s, [], 3))
            if len(d["joint"]) == 1:  # a joint branch needs two units: a backstop one instead
                d["backstop"].extend(d["joint"])
                d["joint"] = []
            for kind, lo, hi, per in (("joint", 2, 5, (1, 3)), ("backstop", 1, 4, (1, 3))):
                pool = d[kind][:]
                r.shuffle(pool)
                while pool:
                    k = min(len(pool), r.randint(lo, hi))
                    if len(pool) - k == 1 and kind == "joint":
                        k += 1  # never leave a lone unit for a joint branch
                    grp, pool = pool[:k], pool[k:]
                    plans.append((kind, s, grp, sum(r.randint(*per) for _ in grp) + 1))
            for u in d["dispatched"]:
                plans.append(("dispatched", s, [u], r.randint(4, 12)))
            if d["none"] or any(
                u["kind"] == "new_employment" for u in operating if u["street"] == s
            ):
                plans.append(("work", s, [], r.randint(8, 30)))
        own = [u for u in operating if u["plan"] == "own"]
        fixed = sum(p[3] for p in plans)
        budget = M
        if own:
            budget = max(0, M - fixed) if fixed <= M * 0.55 else int(M * 0.45)
            scale = (M - budget) / fixed if fixed else 0
        else:
            budget, scale = 0, (M / fixed if fixed else 0)
        # Scale the fixed counts to what remains, keeping the sum exact.
        counts = _apportion([p[3] * scale for p in plans], M - budget)
        own_counts = [0] * len(own)
        if own and budget:
            weights = [6 + min(u["employees"], 1500) ** 0.75 for u in own]
            for i in _multinomial(r, weights, budget):
                own_counts[i] += 1

        # Units with their own organization: a committee with branches for the largest,
        # a general branch for medium ones, else a branch.
        order = sorted(range(len(own)), key=lambda i: -own_counts[i])
        big_done = set()
        for rank, i in enumerate(order):
            u, n = own[i], own_counts[i]
            parent = regional[u["street"]]
            if (n >= 110 or rank == 0) and n >= 6 and "committee" not in big_done or n >= 110:
                big_done.add("committee")
                top = new(
                    f"中共{u['name']}委员会", "committee", "own", parent, u["street"], [u["id"]]
                )
                k = max(2, math.ceil(n / 38))
                self._children(new, top, u, k, n, "支部委员会")
            elif (n >= 50 or (rank <= 1 and "general_branch" not in big_done)) and n >= 4:
                big_done.add("general_branch")
                top = new(
                    f"中共{u['name']}总支部委员会",
                    "general_branch",
                    "own",
                    parent,
                    u["street"],
                    [u["id"]],
                )
                k = max(2, min(4, math.ceil(n / 30)))
                self._children(new, top, u, k, n, "支部")
            else:
                suffix = "支部委员会" if n >= 9 else "支部"
                new(f"中共{u['name']}{suffix}", "branch", "own", parent, u["street"], [u["id"]], n)

        joint_no = defaultdict(int)
        backstop_no = defaultdict(int)
        for (kind, s, grp, _), n in zip(plans, counts, strict=True):
            parent = regional[s]
            ids = [u["id"] for u in grp]
            if kind == "regional":
                parent.n_people = n
            elif kind == "joint":
                joint_no[s] += 1
                trade = _trade(grp)
                new(
                    f"中共{s}{trade}第{cn_num(joint_no[s])}联合支部委员会",
                    "joint_branch",
                    "joint",
                    parent,
                    s,
                    ids,
                    n,
                )
            elif kind == "backstop":
                backstop_no[s] += 1
                new(
                    f"中共{s}两新组织第{cn_num(backstop_no[s])}兜底党支部",
                    "branch",
                    "backstop",
                    parent,
                    s,
                    ids,
                    n,
                )
            elif kind == "dispatched":
                new(f"中共{grp[0]['name']}支部", "branch", "dispatched", parent, s, ids, n)
            elif kind == "work":
                label = r.choice(("快递物流行业", "外卖配送行业", "新就业群体", "流动党员"))
                new(f"中共{s}{label}工作支部", "work_branch", None, parent, s, [], n)
        # A few units that closed had a branch; it was dissolved.
        for u in units:
            if u["plan"] == "closed" and r.random() < 0.4:
                o = new(
                    f"中共{u['name']}支部",
                    "branch",
                    "own",
                    regional.get(u["street"])
                    or (next(iter(regional.values())) if regional else None),
                    u["street"],
                    [u["id"]],
                )
                o.dissolved = True
        return orgs

    def _children(self, new, top: _Org, u: dict, k: int, n: int, suffix: str) -> None:
        k = min(k, 40)  # beyond this the branches just grow (and get a formation hint)
        share = _apportion([1.0] * k, n)
        for j in range(k):
            new(
                f"中共{u['name']}第{cn_num(j + 1)}{suffix}",
                "branch",
                "own",
                top,
                u["street"],
                [u["id"]],
                share[j],
            )

    def write_orgs(self, orgs: list[_Org]) -> None:
        r = self.rng
        T = self.T
        rows = self.data.rows["organization"]
        hosts = self.data.rows["org_host_unit"]
        hid = 0
        for o in orgs:
            founded = T - r.randint(400, 6500)
            # 3-year terms from the founding date; a few are overdue for re-election.
            terms = max(0, (T - founded) // 1096)
            if r.random() < 0.06 and terms >= 1:
                terms -= 1
            start = self.add_months(founded, 36 * terms)
            end = self.add_months(start, 36)
            o.term_start = date.fromordinal(start)
            dissolved = o.dissolved
            rows.append(
                self.rec(o.id)
                + (
                    o.name,
                    _short(o.name),
                    o.org_type,
                    o.formation,
                    o.parent_id,
                    self.iso(founded),
                    self.iso(start),
                    self.iso(end),
                    None,
                    o.street,
                    self.phone(),
                    self.iso(T - r.randint(30, 900)) if dissolved else None,
                    "所在单位已注销，党组织已撤销" if dissolved else None,
                )
            )
            for unit_id in o.hosts:
                hid += 1
                hosts.append(self.rec(hid) + (o.id, unit_id))

    # --- people ---------------------------------------------------------------------------

    def make_people(self, orgs: list[_Org], units: list[dict]) -> None:
        r = self.rng
        T = self.T
        HIST = T - 5 * 365  # the office's electronic history starts here
        unit_by_id = {u["id"]: u for u in units}
        leaves = [o for o in orgs if o.n_people > 0 and not o.dissolved]
        total = sum(o.n_people for o in leaves)
        n_orphans = self.n_orphans
        ev = [0]
        gid = 0
        employed: dict[int, int] = defaultdict(int)
        leaders = self.data.leaders
        cat_codes = [c for c, _ in CATEGORY_W]
        cat_cum = list(_cum(w for _, w in CATEGORY_W))
        orgs_by_street = defaultdict(list)
        for o in leaves:
            orgs_by_street[o.street].append(o)

        uuid, iso, stamp = self.uuid, self.iso, self.stamp

        pid = 0
        done = 0
        work = [(o, o.n_people) for o in leaves]
        if n_orphans:
            work.append((None, n_orphans))
        for o, n in work:
            host_units = [unit_by_id[h] for h in (o.hosts if o else [])]
            if o is not None and not host_units and o.org_type == "work_branch":
                host_units = [
                    u
                    for u in units
                    if u["street"] == o.street and u["kind"] == "new_employment" and not u["closed"]
                ]
            hw = list(_cum(u["employees"] ** 0.5 for u in host_units)) if host_units else None
            # Party groups (党小组) for larger branches; members are dealt round the groups.
            k_groups = 0
            if o is not None and o.org_type in BRANCHY and n >= 20:
                k_groups = min(6, max(2, n // 12))
                first = gid + 1
                for g in range(k_groups):
                    gid += 1
                    self.data.rows["party_group"].append(
                        self.rec(gid) + (o.id, f"第{cn_num(g + 1)}党小组", None)
                    )
                led: set[int] = set()
            people = self.data.rows["person"]
            add_event = self.data.rows["person_event"].append
            for j in range(n):
                pid += 1
                if o is None:
                    cat = "full"
                elif o.org_type == "work_branch":
                    cat = "full" if r.random() < 0.9 else "probationary"
                elif o.org_type == "committee" and not o.hosts:
                    cat = "full"  # regional committee staff
                elif j == 0:
                    cat = "full"  # the secretary
                else:
                    cat = cat_codes[bisect.bisect(cat_cum, r.random() * cat_cum[-1])]
                u = host_units[bisect.bisect(hw, r.random() * hw[-1])] if hw else None
                if j == 0 and o is not None and o.formation == "dispatched":
                    u = None  # the dispatched secretary (选派书记) works elsewhere
                sex = "M" if r.random() < (0.62 if cat == "full" else 0.52) else "F"
                group = first + j % k_groups if k_groups else None
                row, evs = self.person(pid, o, u, cat, sex, HIST, orgs_by_street, group, j == 0)
                people.append(row)
                active = row[COL_P["status"]] == "active"
                if u is not None and active and cat in ("full", "probationary"):
                    employed[u["id"]] += 1
                if group is not None and j and cat == "full" and active and group not in led:
                    led.add(group)
                    leaders.append((pid, group))
                for kind, on, frm, to, from_org, to_org, note in evs:
                    ev[0] += 1
                    add_event(
                        (
                            ev[0],
                            uuid(),
                            stamp,
                            stamp,
                            pid,
                            kind,
                            iso(on),
                            frm,
                            to,
                            from_org,
                            to_org,
                            note,
                        )
                    )
                if o is not None:
                    o.people.append(pid)
                    if cat == "full" and active:
                        o.full.append(pid)
                done += 1
                if done % self.CHUNK == 0:
                    self.report("people", done / max(1, total + n_orphans))
                    self.flush("party_group", "person", "person_event")
                    people = self.data.rows["person"]
                    add_event = self.data.rows["person_event"].append
        self.flush("party_group", "person", "person_event")
        self.data.members_employed = [(n, uid) for uid, n in sorted(employed.items())]

    def person(self, pid, o, u, cat, sex, HIST, orgs_by_street, group=None, secretary=False):
        """One person's row and history events, with dates consistent with `cat`."""
        r = self.rng
        T = self.T
        rnd = r.random

        def ri(a: int, b: int) -> int:  # FastRandom.randint without the method lookups
            return a + int(rnd() * (b - a + 1))

        evs = []
        applied = talked = activist = review = target = admitted = full = None
        ext = 0
        if cat == "applicant":
            born = T - ri(19 * 365, 40 * 365)
            applied = T - ri(0, 200)
            if applied < T - 31:
                if r.random() < 0.85:
                    talked = applied + ri(3, 28)
            elif r.random() < 0.5 and applied + 3 <= T:
                talked = applied + ri(3, min(28, T - applied)) if T - applied >= 3 else None
        elif cat == "activist":
            born = T - ri(20 * 365, 42 * 365)
            activist = T - ri(10, 700)
            applied = activist - ri(60, 300)
            talked = applied + ri(3, 28)
            k = (T - activist) // 183
            if r.random() < 0.12:
                k -= 1  # missed the latest review: overdue
            review = min(T, activist + int(182.6 * k) + ri(-7, 7)) if k >= 1 else None
        elif cat == "target":
            born = T - ri(21 * 365, 45 * 365)
            activist = T - ri(380, 900)
            target = max(activist + 366, min(T - ri(0, 30), activist + 366 + ri(0, 240)))
            applied = activist - ri(60, 400)
            talked = applied + ri(3, 28)
            k = (target - activist) // 183
            review = activist + int(182.6 * k) if k >= 1 else None
        elif cat == "probationary":
            born = T - ri(21 * 365, 45 * 365)
            if r.random() < 0.05:
                ext = r.choice((6, 12))
                admitted = T - ri(370, 360 + 30 * ext)
            else:
                admitted = T - ri(5, 400)  # some past a year: 转正 is overdue
            target = admitted - ri(90, 250)
            activist = target - 366 - ri(0, 240)
            applied = activist - ri(60, 400)
            talked = applied + ri(3, 28)
        else:  # full
            born = T - ri(23 * 365, 72 * 365)
            lo = born + 19 * 365
            hi = T - 400
            if lo > hi:
                born -= lo - hi
                lo = hi
            admitted = lo + int((hi - lo) * r.random() ** 0.8)
            full = admitted + 366 + ri(0, 25)
            target = admitted - ri(90, 250)
            activist = target - 366 - ri(0, 240)
            applied = activist - ri(60, 400)
            talked = applied + ri(3, 28)
        # An applicant is 18 or older: a person who would have applied younger was born
        # earlier (the pipeline's dates stay as drawn, a year and more as 积极分子).
        first = applied if applied is not None else admitted
        b = date.fromordinal(born)
        adult = b.replace(year=b.year + 18, day=28 if (b.month, b.day) == (2, 29) else b.day)
        if first < adult.toordinal():
            born -= adult.toordinal() - first + ri(1, 60)
        id_number = self.id_number(born, sex)
        age_years = (T - born) // 365
        edus = EDU_YOUNG if age_years < 45 else EDU_OLD
        edu = edus[int(rnd() * len(edus))]
        kind = u["kind"] if u else "enterprise"
        jobs = JOBS[kind]
        job = jobs[int(rnd() * len(jobs))]
        status = "active"
        flowing = lost = False
        flow_to = flow_since = note = None
        org_id = o.id if o else None
        # History inside the office's electronic records.
        for d, frm, to in (
            (applied, None, "applicant"),
            (activist, "applicant", "activist"),
            (target, "activist", "target"),
            (admitted, "target", "probationary"),
            (full, "probationary", "full"),
        ):
            if d is not None and d >= HIST:
                evs.append(("category", d, frm, to, None, org_id))
        if talked is not None and talked >= HIST:
            evs.append(("talk", talked, None, None, None, None))
        if review is not None and review >= HIST:
            evs.append(("review", review, None, None, None, None))
        if ext:
            evs.append(
                (
                    "probation_extended",
                    admitted + 365,
                    None,
                    f"{ext}个月",
                    None,
                    org_id,
                    "支部大会决定延长预备期",
                )
            )
        if secretary and o is not None and o.formation == "dispatched":
            home = INSTRUCTOR_HOMES[int(rnd() * len(INSTRUCTOR_HOMES))][0]
            job = f"选派党组织书记（{home}）"
            note = f"由{home}选派担任党组织书记"
        if o is None:
            note = "组织关系转入手续办理中，尚未编入党组织"
            evs.append(("transfer_in", T - ri(3, 60), r.choice(OUTSIDE_ORGS), None, None, None))
        elif o.org_type == "work_branch":
            note = f"流入党员，组织关系在{r.choice(FLOW_TO)}"
            job = r.choice(JOBS["new_employment"])
        elif cat in ("full", "probationary") and not secretary:
            x = r.random()
            if x < 0.07 and admitted is not None:
                start = max(admitted + 30, T - 8 * 365)
                if start < T - 10:
                    evs.append(
                        (
                            "transfer_in",
                            ri(start, T - 10),
                            r.choice(OUTSIDE_ORGS),
                            None,
                            None,
                            org_id,
                        )
                    )
            elif x < 0.09 and len(orgs_by_street[o.street]) > 1:
                other = r.choice(orgs_by_street[o.street])
                if other is not o:
                    evs.append(("move", T - ri(30, 1500), None, None, other.id, org_id))
            if cat == "full":
                y = r.random()
                if y < 0.012:
                    status = "transferred_out"
                    evs.append(
                        (
                            "transfer_out",
                            ri(max(full, T - 700), T - 5),
                            None,
                            r.choice(OUTSIDE_ORGS),
                            org_id,
                            None,
                        )
                    )
                elif y < 0.014 and age_years > 60:
                    status = "deceased"
                    evs.append(("status", T - ri(5, 700), "active", "deceased", None, None))
                elif y < 0.07:
                    flowing = True
                    flow_to = r.choice(FLOW_TO)
                    flow_since = ri(min(max(full, T - 2000), T - 30), T - 30)
                    evs.append(("flow_out", flow_since, None, flow_to, None, None))
                    if r.random() < 0.08:
                        lost = True
                        evs.append(
                            ("lost_contact", flow_since + ri(180, 700), None, None, None, None)
                        )
                elif y < 0.076:
                    lost = True
                    evs.append(("lost_contact", T - ri(100, 1500), None, None, None, None))
        ISO, B = self._iso, self._iso_base  # every date here lies in the table's range
        row = self.rec(pid) + (
            self.name(sex),
            id_number,
            sex,
            ISO[born - B],
            ETHNICITIES[int(rnd() * 100)],
            edu,
            self.phone(),
            job,
            org_id,
            u["id"] if u else None,
            group,
            cat,
            status,
            applied and ISO[applied - B],
            talked and ISO[talked - B],
            activist and ISO[activist - B],
            review and ISO[review - B],
            target and ISO[target - B],
            admitted and ISO[admitted - B],
            full and ISO[full - B],
            ext,
            flowing,
            flow_to,
            flow_since and ISO[flow_since - B],
            lost,
            note,
        )
        out = [e if len(e) == 7 else e + (None,) for e in evs if e[1] <= T]
        out.sort(key=_second)
        return row, out

    # --- committees, groups, secretaries ---------------------------------------------------

    def make_leadership(self, orgs: list[_Org]) -> None:
        r = self.rng
        T = self.T
        cm = self.data.rows["committee_member"]
        cid = 0
        for o in orgs:
            if o.dissolved:
                continue
            pool = o.full or [p for c in o.children for p in c.full[:3]]
            if not pool:
                continue
            since = self.iso(o.term_start.toordinal() if o.term_start else T - 365)
            o.secretary = pool[0]
            self.data.secretaries.append((pool[0], o.id))
            branchy = o.org_type in BRANCHY
            if branchy and len(o.full) >= 7:
                size = r.choice((3, 3, 5, 5, 4)) if r.random() > 0.06 else r.choice((1, 2))
            elif branchy:
                size = 1  # only a secretary (支部书记)
            else:
                size = min(len(pool), r.randint(5, 7))
            roles = (
                "secretary",
                "organization",
                "publicity",
                "discipline",
                "deputy",
                "member",
                "member",
            )
            if not branchy:
                roles = (
                    "secretary",
                    "deputy",
                    "organization",
                    "publicity",
                    "discipline",
                    "member",
                    "member",
                )
            for k, p in enumerate(pool[:size]):
                cid += 1
                cm.append(self.rec(cid) + (o.id, p, roles[k], since, None))

    # --- instructors ----------------------------------------------------------------------

    def make_instructors(self, units: list[dict], orgs: list[_Org]) -> None:
        r = self.rng
        T = self.T
        org_of_unit = {}
        for o in orgs:
            if not o.dissolved:
                for h in o.hosts:
                    org_of_unit.setdefault(h, o.id)
        by_street = defaultdict(list)
        for u in units:
            if u["plan"] == "closed":
                continue
            p = 0.45 if u["plan"] == "none" else 0.38
            if r.random() < p:
                by_street[u["street"]].append(u)
        instr = self.data.rows["instructor"]
        assign = self.data.rows["instructor_assignment"]
        iid = aid = 0

        def new_instructor(street, active):
            nonlocal iid
            iid += 1
            sex = "M" if r.random() < 0.6 else "F"
            born = T - r.randint(27 * 365, 55 * 365)
            if r.random() < 0.3:
                home, posts = (
                    f"{street}办事处"
                    if street.endswith("街道")
                    else (f"{street}人民政府" if street.endswith("镇") else "经济开发区管委会"),
                    ("党建专干", "组织委员", "副主任"),
                )
            else:
                home, posts = r.choice(INSTRUCTOR_HOMES)
            appointed = T - r.randint(20, 700) if active else T - r.randint(800, 1500)
            term_end = self.add_months(appointed, 24)
            instr.append(
                self.rec(iid)
                + (
                    self.name(sex),
                    self.id_number(born, sex),
                    sex,
                    home,
                    r.choice(posts),
                    self.phone(),
                    self.iso(appointed),
                    self.iso(term_end),
                    active,
                    None if active else "任期届满，已离任",
                )
            )
            return iid, appointed, term_end

        for s in STREETS:
            pool = by_street.get(s, [])
            r.shuffle(pool)
            while pool:
                k = min(len(pool), r.randint(4, 5))
                grp, pool = pool[:k], pool[k:]
                i, start, _ = new_instructor(s, True)
                for u in grp:
                    aid += 1
                    assign.append(
                        self.rec(aid)
                        + (
                            i,
                            u["id"],
                            org_of_unit.get(u["id"]),
                            self.iso(start + r.randint(0, 20)),
                            None,
                        )
                    )
        # Former instructors whose assignments ended (history; not coverage).
        former = max(1, iid // 8) if iid else 0
        operating = [u for u in units if u["plan"] != "closed"]
        for _ in range(former):
            s = r.choice(STREETS)
            i, start, end = new_instructor(s, False)
            for u in r.sample(operating, min(len(operating), r.randint(3, 5))):
                aid += 1
                assign.append(
                    self.rec(aid)
                    + (
                        i,
                        u["id"],
                        org_of_unit.get(u["id"]),
                        self.iso(start),
                        self.iso(min(end, T - 1)),
                    )
                )

    # --- all ------------------------------------------------------------------------------

    def generate(self) -> CoreData:
        """Make everything; with a sink, rows are handed over table by table (persons and
        events in chunks) in an order that satisfies the foreign keys."""
        self.report("units", 0.0)
        units = self.make_units()
        self.plan(units)
        urows = self.data.rows["unit"]
        ci = COLUMNS["unit"].index("has_union")
        for u in units:
            row = urows[u["id"] - 1]
            urows[u["id"] - 1] = row[:ci] + (u["has_union"], u["has_league"]) + row[ci + 2 :]
        self.flush("unit")
        self.report("organizations", 0.05)
        orgs = self.make_orgs(units)
        self.write_orgs(orgs)
        self.flush("organization", "org_host_unit")
        self.report("people", 0.1)
        self.make_people(orgs, units)
        self.make_leadership(orgs)
        self.make_instructors(units, orgs)
        self.flush("committee_member", "instructor", "instructor_assignment")
        return self.data


BRANCHY = ("branch", "joint_branch", "work_branch")


def _second(t: tuple):
    return t[1]


COL_P = {c: i for i, c in enumerate(COLUMNS["person"])}


def _cum(weights):
    t = 0.0
    for w in weights:
        t += w
        yield t


def _multinomial(r: random.Random, weights: list[float], k: int) -> list[int]:
    return r.choices(range(len(weights)), cum_weights=list(_cum(weights)), k=k)


def _apportion(shares: list[float], total: int) -> list[int]:
    """Integers proportional to `shares` summing exactly to `total` (largest remainder)."""
    if not shares:
        return []
    s = sum(shares)
    if s <= 0:
        out = [0] * len(shares)
        out[0] = total
        return out
    raw = [x * total / s for x in shares]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    for i in sorted(range(len(raw)), key=lambda i: out[i] - raw[i])[:rest]:
        out[i] += 1
    return out


def _trade(grp: list[dict]) -> str:
    kinds = {u["kind"] for u in grp}
    if kinds == {"social_org"}:
        return "社会组织"
    if kinds == {"new_employment"}:
        return "新业态"
    if kinds == {"enterprise"}:
        return "非公企业"
    return "两新组织"


def _short(name: str) -> str:
    s = name.removeprefix("中共")
    for suffix in ("支部委员会", "总支部委员会", "委员会"):
        if s.endswith(suffix):
            return s[: -len(suffix)] + (
                "党总支" if suffix == "总支部委员会" else "党委" if suffix == "委员会" else "党支部"
            )
    if s.endswith("支部"):
        return s[:-2] + "党支部"
    return s


# --- writing -------------------------------------------------------------------------------


def insert_sql(table: str, paramstyle: str = "qmark", extra: tuple[str, ...] = ()) -> str:
    cols = (*COLUMNS[table], *extra)
    ph = ", ".join("?" if paramstyle == "qmark" else "%s" for _ in cols)
    quoted = ", ".join(f'"{c}"' for c in cols)
    return f'INSERT INTO "{table}" ({quoted}) VALUES ({ph})'


def update_sql(table: str, column: str, paramstyle: str = "qmark") -> str:
    p = "?" if paramstyle == "qmark" else "%s"
    return f'UPDATE "{table}" SET "{column}" = {p} WHERE id = {p}'


# Tables this large are loaded with their plain (non-unique) indexes dropped and rebuilt
# afterwards: building an index once from sorted keys is cheaper than keeping it up to
# date row by row.
REBUILD_INDEXES_FROM = 20_000


class Writer:
    """Writes generated rows through a SQLAlchemy Connection, one executemany per chunk."""

    def __init__(self, conn, large: tuple[str, ...] = ()):
        from partydesk.ledger.models import Base

        self.conn = conn
        self.style = conn.dialect.paramstyle
        self._sort_keys: dict[tuple[str, bool], str | None] = {}  # demo names repeat
        from partydesk.ledger import dialect

        dialect.big_cache(conn)
        self.dropped = []
        for t in large:
            present = dialect.index_names(conn, t)
            for ix in Base.metadata.tables[t].indexes:
                if ix.name in present and not ix.unique:
                    ix.drop(conn)
                    self.dropped.append(ix)

    def insert(self, table: str, rows: list[tuple]) -> None:
        if rows:
            from partydesk.ledger import dialect, sortkeys

            extra: tuple[str, ...] = ()
            if table in sortkeys.TABLES:
                # The pinyin sort key written with the row (the key the ORM's validator
                # computes): one pass, not an UPDATE of every row afterwards.
                rows, extra = self._with_sort_keys(table, rows), ("sort_name",)
            if dialect.is_server(self.conn):
                dialect.copy_rows(self.conn, table, (*COLUMNS[table], *extra), rows)
            else:
                self.conn.exec_driver_sql(insert_sql(table, self.style, extra), rows)

    def _with_sort_keys(self, table: str, rows: list[tuple]) -> list[tuple]:
        from partydesk.ledger.sortkeys import TABLES
        from partydesk.rules.pinyin import sort_key

        at = COLUMNS[table].index("name")
        person = TABLES[table]
        keys = self._sort_keys
        out = []
        for r in rows:
            name = r[at]
            key = keys.get((name, person))
            if key is None and name is not None:
                key = keys[(name, person)] = sort_key(name, person)
            out.append((*r, key))
        return out

    def finish(self, data: CoreData) -> None:
        for table, column, pairs in data.updates():
            if pairs:
                self.conn.exec_driver_sql(update_sql(table, column, self.style), pairs)
        from partydesk.ledger.sortkeys import fill_missing

        fill_missing(self.conn)  # any key not written with its row (none expected)
        for ix in self.dropped:
            ix.create(self.conn)


def large_tables(n_people: int) -> tuple[str, ...]:
    return ("person", "person_event") if n_people >= REBUILD_INDEXES_FROM else ()


def write(conn, data: CoreData, progress: Callable[[str, float], None] | None = None) -> None:
    """Write rows generated beforehand (`generate`)."""
    w = Writer(conn, large_tables(len(data.rows["person"])))
    for t in TABLE_ORDER:
        w.insert(t, data.rows[t])
    w.finish(data)


def generate_and_write(
    conn,
    n_units: int,
    n_people: int,
    seed: int,
    today: date,
    progress: Callable[[str, float], None] | None = None,
) -> dict[str, int]:
    """Generate and write in chunks (people a few thousand at a time), so memory stays
    bounded however many people are asked for. Returns the row counts.

    (A generating thread beside the writing one was tried: with the GIL it overlapped
    nothing, so this stays on one thread.)"""
    writer = Writer(conn, large_tables(n_people))
    expected = max(1, n_people * 3 + n_units * 3)
    written = 0

    def sink(table: str, rows: list[tuple]) -> None:
        nonlocal written
        writer.insert(table, rows)
        written += len(rows)
        if progress:
            progress("writing", min(1.0, written / expected))

    data = CoreGenerator(n_units, n_people, seed, today, None, sink).generate()
    writer.finish(data)
    return data.counts()


def generate(n_units: int, n_people: int, seed: int, today: date, progress=None) -> CoreData:
    return CoreGenerator(n_units, n_people, seed, today, progress).generate()
