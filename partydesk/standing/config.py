"""Editable defaults of this feature (settings key "standing"): the star-rating rubric
(评星定级, the 六好 on 100 points), veto conditions (一票否决), star bands, the 六有
checklist and the survey period of the 六个清. A county edits these as data."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from partydesk import settings

KEY = "standing"


def _area(code: str, label: str, items: list[tuple[str, str, float]]) -> dict:
    return {
        "code": code,
        "label": label,
        "indicators": [{"code": f"{code}.{c}", "label": t, "max": m} for c, t, m in items],
    }


DEFAULTS: dict[str, Any] = {
    "rubric": [
        _area(
            "leadership",
            "领导班子好",
            [
                ("secretary", "书记选优配强，履职尽责", 6),
                ("committee", "班子健全，按期换届", 5),
                ("unity", "班子团结，议事规则落实", 4),
                ("study", "班子成员带头学习", 5),
            ],
        ),
        _area(
            "members",
            "党员队伍好",
            [
                ("education", "党员教育培训到位", 5),
                ("development", "发展党员程序规范", 5),
                ("model", "党员先锋模范作用明显", 5),
            ],
        ),
        _area(
            "life",
            "组织生活好",
            [
                ("meetings", "“三会一课”按期规范", 8),
                ("theme_day", "主题党日每月开展", 4),
                ("review", "组织生活会和民主评议党员", 4),
                ("talks", "谈心谈话经常开展", 4),
            ],
        ),
        _area(
            "rules",
            "制度落实好",
            [
                ("system", "各项制度健全并上墙", 5),
                ("dues", "党费按时足额收缴", 5),
                ("openness", "党务公开及时", 5),
            ],
        ),
        _area(
            "basics",
            "基础工作好",
            [
                ("venue", "活动阵地“六有”达标", 5),
                ("books", "台账资料完整规范", 5),
                ("info", "党员信息系统及时维护", 5),
            ],
        ),
        _area(
            "role",
            "作用发挥好",
            [
                ("development", "助推单位健康发展", 5),
                ("service", "服务职工群众", 5),
                ("society", "履行社会责任", 5),
            ],
        ),
    ],
    "vetoes": [
        {"code": "discipline", "label": "班子成员或党员发生严重违纪违法问题"},
        {"code": "accident", "label": "单位发生重大安全生产事故或群体性事件"},
        {"code": "weak", "label": "被列为软弱涣散党组织且未完成整顿"},
        {"code": "overdue_term", "label": "无正当理由未按期换届"},
        {"code": "fraud", "label": "评星过程中弄虚作假"},
    ],
    # Highest band first; a total at or above `min` earns `stars`. Below every band: 0.
    "bands": [
        {"stars": 5, "min": 90},
        {"stars": 4, "min": 80},
        {"stars": 3, "min": 70},
        {"stars": 2, "min": 60},
        {"stars": 1, "min": 50},
    ],
    "veto_stars": 0,  # stars left when any veto applies (0: 不予评星)
    "checklist": {
        "name": "六有",
        "items": [
            {"code": "venue", "label": "有活动场所"},
            {"code": "facilities", "label": "有设施设备"},
            {"code": "sign", "label": "有党组织标识"},
            {"code": "flag", "label": "有党旗"},
            {"code": "books", "label": "有党报党刊"},
            {"code": "rules", "label": "有制度上墙"},
        ],
    },
    "survey_period_months": 6,  # 六个清: once a half-year
}

settings.DEFAULTS[KEY] = DEFAULTS


def get(session: Session) -> dict[str, Any]:
    """This feature's settings, stored values over the defaults."""
    return settings.get(session, KEY)


def validate(cfg: Any) -> dict[str, Any]:
    """Check an edited configuration (e.g. from a county's JSON file); returns it merged
    over the defaults. Raises ValidationError with a Chinese message."""
    from partydesk.errors import ValidationError

    if not isinstance(cfg, dict):
        raise ValidationError("评星定级设置应为一个 JSON 对象。")
    unknown = set(cfg) - set(DEFAULTS)
    if unknown:
        raise ValidationError(f"评星定级设置中有未知项：{'、'.join(sorted(unknown))}。")
    out = {**DEFAULTS, **cfg}
    codes: set[str] = set()
    try:
        for area in out["rubric"]:
            if not area["indicators"]:
                raise ValidationError(f"评分方面“{area['label']}”没有指标。")
            for ind in area["indicators"]:
                if ind["code"] in codes:
                    raise ValidationError(f"指标编号“{ind['code']}”重复。")
                codes.add(ind["code"])
                if not str(ind["label"]).strip() or float(ind["max"]) <= 0:
                    raise ValidationError(f"指标“{ind['code']}”缺少名称或满分不大于0。")
        if not codes:
            raise ValidationError("评分细则中没有任何指标。")
        bands = out["bands"]
        if not bands or len({b["min"] for b in bands}) != len(bands):
            raise ValidationError("星级分档不能为空，分数线不能重复。")
        for b in bands:
            if not 0 <= int(b["stars"]) <= 9 or float(b["min"]) < 0:
                raise ValidationError("星级分档的星数应为0至9，分数线不能为负。")
        ordered = sorted(bands, key=lambda b: -float(b["min"]))
        if [int(b["stars"]) for b in ordered] != sorted(
            (int(b["stars"]) for b in bands), reverse=True
        ):
            raise ValidationError("星级分档中分数线越高，星数应越多。")
        veto_codes = [v["code"] for v in out["vetoes"]]
        if len(set(veto_codes)) != len(veto_codes):
            raise ValidationError("一票否决事项编号重复。")
        if any(not str(v["label"]).strip() for v in out["vetoes"]):
            raise ValidationError("一票否决事项需要写明内容。")
        items = out["checklist"]["items"]
        item_codes = [it["code"] for it in items]
        if not str(out["checklist"]["name"]).strip() or len(set(item_codes)) != len(item_codes):
            raise ValidationError("清单需要名称，清单项编号不能重复。")
        if any(not str(it["label"]).strip() for it in items):
            raise ValidationError("清单项需要名称。")
        if int(out["survey_period_months"]) not in (1, 2, 3, 4, 6, 12):
            raise ValidationError("六个清摸排周期应为1、2、3、4、6或12个月。")
    except (KeyError, TypeError, ValueError) as e:
        raise ValidationError(f"评星定级设置格式不对（{type(e).__name__}: {e}）。") from None
    return out


def put(session: Session, cfg: Any) -> dict[str, Any]:
    out = validate(cfg)
    settings.put(session, KEY, out)
    return out
