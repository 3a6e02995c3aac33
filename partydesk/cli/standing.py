"""Organization standing: `due` (待办), `report stars`, and recording star
ratings, 六个清 surveys, the 六有 checklist, 四个一 and demonstration sites.

Long because the standing commands share their argument parsing of organizations, dates
and rubric codes; one module per command would repeat it."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from partydesk import reminders as reminders_mod
from partydesk.cli.common import open_for, out
from partydesk.errors import ValidationError
from partydesk.ledger.models import Instructor, Organization, Unit
from partydesk.ledger.models.standing import DemoLevel
from partydesk.ledger.queries import find_org
from partydesk.standing import config, orgs, rating, survey
from partydesk.standing.export import export_stars


def register(cmds) -> None:
    p = cmds.add(
        cmds.top,
        "due",
        "待办：按类别分组（逾期的在前），预备期满、积极分子考察、未召开的会议、问题销号等",
        cmd_due,
    )
    p.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="显示N天内到期的事项（默认按设置，30天），逾期事项总会显示",
    )
    p.add_argument("--org", metavar="ORG", help="只看该党组织（含下级组织）")
    p.add_argument("--today", metavar="DATE", help="按此日期计算（默认今天）")
    p.add_argument("--kind", metavar="类别", help="只看一类，如 预备期满、问题待销号、未召开支委会")
    p.add_argument("--limit", type=int, default=5, metavar="N", help="每类显示前N项（默认5）")
    p.add_argument("--all", action="store_true", help="每类全部显示")

    p = cmds.add(cmds.report, "stars", "评星定级汇总表（Excel）", cmd_report_stars)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    p.add_argument("--year", type=int, help="年度（默认今年）")

    p = cmds.add(
        cmds.top,
        "rubric",
        "查看评星定级评分细则、一票否决事项和星级分档（可导出、导入修改）",
        cmd_rubric,
    )
    p.add_argument(
        "--export",
        metavar="FILE.json",
        help="把现行设置（细则、否决事项、分档、六有清单、摸排周期）写到文件，便于修改",
    )
    p.add_argument("--import", dest="import_", metavar="FILE.json", help="检查并采用文件中的设置")

    p = cmds.add(cmds.top, "rate", "记录党组织某年度的评星定级（不带评分时显示历年情况）", cmd_rate)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--year", type=int, help="年度（默认今年）")
    p.add_argument(
        "--score",
        action="append",
        default=[],
        metavar="指标=分数",
        help="指标编号或名称=得分，可重复；编号见 partydesk rubric",
    )
    p.add_argument(
        "--veto", action="append", default=[], metavar="事项", help="一票否决事项编号或名称，可重复"
    )
    p.add_argument("--clear-vetoes", action="store_true", help="清除已记录的一票否决事项")
    p.add_argument(
        "--step",
        action="append",
        default=[],
        metavar="步骤=日期",
        help="自查初评/转化提升/检查验收/授牌奖励=日期，可重复",
    )
    p.add_argument("--note", help="备注")

    p = cmds.add(cmds.top, "survey", "六个清摸排：记录一次摸排，或列出本期未摸排单位", cmd_survey)
    p.add_argument("--unit", metavar="UNIT", help="单位编号、全称或名称中唯一的一部分")
    p.add_argument("--surveyor", help="摸排人")
    p.add_argument("--on", metavar="DATE", help="摸排日期（默认今天）")
    for f, (label, _) in survey.FIELDS.items():
        p.add_argument(
            f"--{f.replace('_', '-')}",
            dest=f,
            metavar="值",
            help=f"{label}清（默认取台账现有信息）",
        )
    p.add_argument("--pending", action="store_true", help="列出本期尚未摸排的在营单位")
    p.add_argument(
        "--history", action="store_true", help="列出该单位历次摸排（从业人员、党员等的变化）"
    )
    p.add_argument("--today", metavar="DATE", help="按此日期确定摸排期（默认今天）")

    p = cmds.add(cmds.top, "checklist", "查看或勾选党组织的“六有”清单", cmd_checklist)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument(
        "--done",
        action="append",
        default=[],
        metavar="项",
        help="标记为已具备（编号或名称），可重复",
    )
    p.add_argument(
        "--undone", action="append", default=[], metavar="项", help="标记为未具备，可重复"
    )

    p = cmds.add(cmds.top, "guidance", "查看或设置党组织的“四个一”", cmd_guidance)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--leader", dest="leader_name", help="联系领导姓名")
    p.add_argument("--leader-post", dest="leader_post", help="联系领导职务")
    p.add_argument("--instructor", help="党建指导员（编号或姓名）")
    p.add_argument("--pairing-unit", dest="pairing_unit", help="结对单位")
    p.add_argument("--channel", dest="whistle_channel", help="吹哨报到渠道")

    p = cmds.add(cmds.top, "demo-site", "命名示范点（省级/市级/县级）", cmd_demo_site)
    p.add_argument("--org", required=True, metavar="ORG")
    p.add_argument("--level", required=True, help="省级、市级或县级")
    p.add_argument("--year", type=int, help="命名年度（默认今年）")
    p.add_argument("--title", help="名称，如：党建示范点")


def parse_date(text: str | None, what: str = "日期") -> date | None:
    """2026-03-01, 2026.3.1, 2026/3/1 or 2026年3月1日."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise ValidationError(f"{what}“{text}”不是有效日期，请写成 2026-03-01。")


def _today(args) -> date:
    return parse_date(getattr(args, "today", None), "--today") or date.today()


def _descendants(session, root_id: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for oid, parent in session.execute(select(Organization.id, Organization.parent_id)):
        children.setdefault(parent, []).append(oid)
    out, todo = set(), [root_id]
    while todo:
        o = todo.pop()
        if o not in out:
            out.add(o)
            todo.extend(children.get(o, []))
    return out


def due_line(r, today: date) -> str:
    days = (r.due_on - today).days
    if days < 0 and not r.deadline:
        when = f"（已等待{-days}天）"
    elif days < 0:
        when = f"【已逾期{-days}天】"
    elif days == 0:
        when = "【今天到期】"
    else:
        when = f"（还有{days}天）"
    return f"{r.due_on.isoformat()} {when} {r.text}"


def cmd_due(args) -> int:
    today = _today(args)
    if args.days is not None and args.days < 0:
        raise ValidationError("--days 不能为负数。")
    if args.limit < 1:
        raise ValidationError("--limit 至少为 1。")
    kinds = None
    if args.kind:
        kinds = reminders_mod.find_kind(args.kind)
        if kinds is None:
            names = "、".join(sorted({reminders_mod.kind_label(k) for k in reminders_mod.LABELS}))
            raise ValidationError(f"没有“{args.kind}”这类待办。可用：{names}，或“未召开支委会”等。")
    with open_for(args) as ledger, ledger.session() as s:
        until = today + timedelta(days=args.days) if args.days is not None else None
        items = reminders_mod.collect(s, today, until=until)
        scope = ""
        if args.org:
            org = find_org(s, args.org)
            keep = _descendants(s, org.id)
            items = [r for r in items if r.org_id in keep]
            scope = f"（{org.name}）"
        if kinds is not None:
            items = [r for r in items if r.kind in kinds]
        late = sum(r.overdue(today) for r in items)
        window = f"{args.days}天内" if args.days is not None else "近期"
        if not items:
            out(f"{today.isoformat()}：{window}没有到期事项{scope}。")
            return 0
        groups = reminders_mod.grouped(items, today)
        out(
            f"待办{scope}：{today.isoformat()} 起{window}到期及已逾期，共{len(items)}项，其中逾期{late}项"
            f"（{len(groups)}类）"
        )
        for g in groups:
            head = f"{g.label}：{g.count}项" + (f"，其中逾期{g.overdue}项" if g.overdue else "")
            out(("【逾期】" if g.overdue else "") + head)
            shown = g.items if args.all else g.items[: args.limit]
            for r in shown:
                out("  " + due_line(r, today))
            if len(shown) < g.count:
                out(f"  ……另有{g.count - len(shown)}项（--all 显示全部）")
    return 0


def cmd_report_stars(args) -> int:
    year = args.year or date.today().year
    with open_for(args) as ledger, ledger.session() as s:
        n = export_stars(s, year, args.output)
    out(f"已生成{year}年度评星定级汇总表：{args.output}（{n}个党组织）")
    return 0


def cmd_rubric(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        if args.import_:
            try:
                text = Path(args.import_).read_text(encoding="utf-8-sig")
            except OSError as e:
                raise ValidationError(f"无法读取文件：{args.import_}（{e.strerror}）。") from None
            try:
                data = json.loads(text)
            except json.JSONDecodeError as e:
                raise ValidationError(
                    f"{args.import_} 不是有效的 JSON（第{e.lineno}行）。"
                ) from None
            config.put(s, data)
            out(f"已采用新的评星定级设置：{args.import_}")
        cfg = config.get(s)
        if args.export:
            try:
                Path(args.export).write_text(
                    json.dumps(cfg, ensure_ascii=False, indent=2), encoding="utf-8"
                )
            except OSError as e:
                raise ValidationError(f"无法写入文件：{args.export}（{e.strerror}）。") from None
            out(f"已导出评星定级设置：{args.export}")
            return 0
        out(f"评星定级评分细则（满分{rating.rubric_max(cfg):g}分）")
        for area in cfg["rubric"]:
            sub = sum(i["max"] for i in area["indicators"])
            out(f"{area['label']}（{sub:g}分）")
            for i in area["indicators"]:
                out(f"  {i['code']:<22} {i['max']:>4g}分  {i['label']}")
        out("一票否决事项：")
        for v in cfg["vetoes"]:
            out(f"  {v['code']:<22} {v['label']}")
        out("星级分档：" + rating.band_text(cfg))
    return 0


def _resolve(code_or_label: str, items: list[dict], what: str) -> str:
    """An item by its code, its full label, or a part of the label only it has
    (书记选优配强 for “书记选优配强，履职尽责”, 活动场所 for “有活动场所”)."""
    t = code_or_label.strip()
    for it in items:
        if t in (it["code"], it["label"]):
            return it["code"]
    part = [it for it in items if t and t in it["label"]]
    if len(part) == 1:
        return part[0]["code"]
    if part:
        names = "、".join(it["label"] for it in part[:5])
        raise ValidationError(f"“{t}”对应多个{what}（{names}），请写得更完整或用编号。")
    raise ValidationError(f"没有{what}“{t}”（用 partydesk rubric 查看编号）。")


def cmd_rate(args) -> int:
    year = args.year or date.today().year
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        cfg = config.get(s)
        inds = rating.indicators(cfg)
        scores = {}
        for item in args.score:
            if "=" not in item:
                raise ValidationError(f"--score 应写成 指标=分数：{item}")
            k, v = item.split("=", 1)
            try:
                scores[_resolve(k, inds, "评分指标")] = float(v)
            except ValueError:
                raise ValidationError(f"“{k}”的得分“{v}”不是数字。") from None
        steps = {}
        for item in args.step:
            if "=" not in item:
                raise ValidationError(f"--step 应写成 步骤=日期：{item}")
            k, v = item.split("=", 1)
            steps[k.strip()] = parse_date(v, k.strip())
        vetoes = None
        if args.clear_vetoes or args.veto:
            old = rating.get_rating(s, org.id, year)
            base = [] if args.clear_vetoes or old is None else rating.rating_vetoes(old)
            vetoes = base + [_resolve(v, cfg["vetoes"], "一票否决事项") for v in args.veto]
        if not (scores or steps or vetoes is not None or args.note is not None):
            hist = rating.history(s, org.id)
            if not hist:
                out(f"{org.name}：尚无评星定级记录。")
            for r in hist:
                out(_rating_line(r, cfg))
            return 0
        r = rating.save_rating(
            s, org.id, year, scores=scores, vetoes=vetoes, steps=steps, note=args.note
        )
        out(f"{org.name}")
        out(_rating_line(r, cfg))
    return 0


def _rating_line(r, cfg) -> str:
    labels = {v["code"]: v["label"] for v in cfg["vetoes"]}
    step = rating.current_step(r)
    veto = rating.rating_vetoes(r)
    text = f"  {r.year}年度：总分{r.total:g}分，{f'{r.stars}星' if r.stars else '未评星'}"
    if veto:
        text += "，一票否决：" + "、".join(labels.get(v, v) for v in veto)
    if step is not None:
        text += f"，已到“{step.label}”"
    return text


def cmd_survey(args) -> int:
    today = _today(args)
    with open_for(args) as ledger, ledger.session() as s:
        if args.pending:
            st = survey.survey_status(s, today)
            out(
                f"{st.label}六个清摸排：在营单位{st.operating}个，已摸排{len(st.surveyed_ids)}个，未摸排{len(st.unsurveyed_ids)}个"
            )
            for uid in st.unsurveyed_ids:
                u = s.get(Unit, uid)
                out(f"  {u.id:>6}  {u.name}")
            return 0
        if not args.unit:
            raise ValidationError("请用 --unit 指定单位，或用 --pending 列出未摸排单位。")
        u = survey.find_unit(s, args.unit)
        if args.history:
            rows = survey.fact_history(s, u.id)
            out(f"{u.name}的六个清摸排（{len(rows)}次）：")
            for r in rows:
                out(
                    f"  {r.surveyed_on.isoformat()}  摸排人：{r.surveyor}  从业人员：{_n(r.employees)}"
                    f"  党员：{_n(r.members)}  党组织：{r.party_org or ''}"
                )
            out(f"  现登记：从业人员数{_n(u.employees)}，党员数{_n(u.members_employed)}")
            return 0
        facts = {f: getattr(args, f) for f in survey.FIELDS if getattr(args, f) is not None}
        rec = survey.record_survey(
            s, u.id, parse_date(args.on, "--on") or today, args.surveyor, **facts
        )
        out(f"已记录{u.name}的六个清摸排（{rec.surveyed_on.isoformat()}，摸排人：{rec.surveyor}）")
        for f, (label, _) in survey.FIELDS.items():
            v = getattr(rec, f)
            out(f"  {label}：{'' if v is None else v}")
        for ch in rec.unit_changes:
            out(f"单位信息已按摸排更新：{ch.label} {_n(ch.before)} → {_n(ch.after)}")
    return 0


def _n(v) -> str:
    return "（空）" if v is None else str(v)


def cmd_checklist(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        cfg = config.get(s)
        items = cfg["checklist"]["items"]
        marks = {_resolve(c, items, "清单项"): True for c in args.done}
        marks.update({_resolve(c, items, "清单项"): False for c in args.undone})
        rows = orgs.set_checklist(s, org.id, marks) if marks else orgs.checklist(s, org.id)
        n = sum(r.done for r in rows)
        out(f"{org.name} “{cfg['checklist']['name']}”：{n}/{len(rows)}")
        for r in rows:
            out(f"  [{'√' if r.done else ' '}] {r.label}（{r.code}）")
    return 0


def cmd_guidance(args) -> int:
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        fields = {
            k: getattr(args, k)
            for k in ("leader_name", "leader_post", "pairing_unit", "whistle_channel")
            if getattr(args, k) is not None
        }
        if args.instructor is not None:
            fields["instructor_id"] = (
                _find_instructor(s, args.instructor) if args.instructor else None
            )
        link = orgs.set_guidance(s, org.id, **fields) if fields else orgs.get_guidance(s, org.id)
        out(f"{org.name} “四个一”：{'齐全' if orgs.guidance_complete(link) else '不齐全'}")
        leader = link and " ".join(x for x in (link.leader_name, link.leader_post) if x)
        out(f"  联系领导：{leader or '（未设置）'}")
        out(f"  党建指导员：{(link and link.instructor and link.instructor.name) or '（未设置）'}")
        out(f"  结对单位：{(link and link.pairing_unit) or '（未设置）'}")
        out(f"  吹哨报到渠道：{(link and link.whistle_channel) or '（未设置）'}")
    return 0


def _find_instructor(s, text: str) -> int:
    t = text.strip()
    if t.isdigit() and s.get(Instructor, int(t)):
        return int(t)
    ids = s.scalars(select(Instructor.id).where(Instructor.name == t)).all()
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise ValidationError(f"找不到党建指导员“{t}”。")
    raise ValidationError(
        f"有{len(ids)}位党建指导员叫“{t}”，请使用编号：{'、'.join(map(str, ids))}。"
    )


def cmd_demo_site(args) -> int:
    year = args.year or date.today().year
    with open_for(args) as ledger, ledger.session() as s:
        org = find_org(s, args.org)
        site = orgs.add_demo_site(s, org.id, args.level, year, args.title)
        out(
            f"已命名：{org.name} 为{site.year}年度{DemoLevel.label_of(site.level)}{site.title or '示范点'}"
        )
    return 0
