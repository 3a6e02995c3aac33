"""Certificates, 红领党务 qualifications and instructors:
`partydesk cert …`, `partydesk qual …`, `partydesk instructors …`,
`partydesk print certificates`."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import select

from partydesk.cli.common import open_for, out, progress_line
from partydesk.errors import PartyDeskError, ValidationError
from partydesk.rules.dates import parse_date


def _date(text: str) -> date:
    try:
        d = parse_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if d is None:
        raise argparse.ArgumentTypeError("日期不能为空")
    return d


def _sub(cmds, parent: argparse.ArgumentParser, title: str):
    from partydesk.cli import ArgumentParser

    return parent.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ArgumentParser, title=title
    )


def _add(cmds, sub, name: str, help: str, func) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=help, parents=[cmds.common])
    p.set_defaults(func=func)
    return p


def register(cmds) -> None:
    cert = cmds.add(cmds.top, "cert", "证书：颁发、撤销、换发、核验、查询", None)
    sub = _sub(cmds, cert, "证书操作")

    p = _add(cmds, sub, "issue", "颁发证书（一张或一批，编号在同一事务中分配）", cmd_issue)
    p.add_argument(
        "--kind",
        default="instructor",
        help="证书种类：instructor（党建指导员聘书，默认）或 party_affairs（红领党务证书）",
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--holder", action="append", metavar="NAME", help="持证人姓名（可重复）")
    who.add_argument(
        "--instructor", action="append", metavar="ID|NAME", help="党建指导员（可重复）"
    )
    who.add_argument("--person", action="append", type=int, metavar="ID", help="人员编号（可重复）")
    who.add_argument(
        "--qualification",
        action="append",
        type=int,
        metavar="ID",
        help="红领党务资格编号（可重复）",
    )
    who.add_argument(
        "--all",
        action="store_true",
        help="批量：本年度尚无有效证书的全部在任指导员（或全部有效红领党务资格）",
    )
    who.add_argument(
        "--batch",
        metavar="FILE",
        help="批量：文本文件，每行一位持证人（姓名，或“指导员:编号”“人员:编号”）",
    )
    p.add_argument("--date", type=_date, help="发证日期（默认今天）")
    p.add_argument("--start", type=_date, help="聘期/有效期起（默认发证日期）")
    p.add_argument("--end", type=_date, help="聘期/有效期止（默认按模板年限）")
    p.add_argument("--post", help="聘任职务（默认按模板）")
    p.add_argument("--dry-run", action="store_true", help="只列出将颁发给谁，不写入")

    p = _add(cmds, sub, "revoke", "撤销证书（须写明原因）", cmd_revoke)
    p.add_argument("serial")
    p.add_argument("--reason", required=True)
    p.add_argument("--date", type=_date)

    p = _add(cmds, sub, "reissue", "换发证书：新编号，原证书标记为已换发", cmd_reissue)
    p.add_argument("serial")
    p.add_argument("--reason", help="换发原因，如遗失、损毁")
    p.add_argument("--date", type=_date)

    p = _add(cmds, sub, "delete", "删除误录的证书（编号保留，永不再用）", cmd_delete)
    p.add_argument("serial")
    p.add_argument("--note", help="说明")

    p = _add(cmds, sub, "verify", "核验证书：编号（可加校验码）或二维码内容", cmd_verify)
    p.add_argument("serial", nargs="?", help="证书编号，或二维码中的文字 PDCERT|编号|校验码")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--check", help="证书上印的校验码")
    g.add_argument("--qr", help="扫描二维码得到的文字")

    p = _add(cmds, sub, "list", "列出证书", cmd_list)
    p.add_argument("--year", type=int)
    p.add_argument("--kind")
    p.add_argument("--status", help="有效 / 已撤销 / 已换发")
    p.add_argument("--find", help="姓名或编号中的文字")

    p = _add(cmds, sub, "template", "查看或修改证书模板（措辞、编号规则、发证机关）", cmd_template)
    p.add_argument("--kind", default="instructor")
    p.add_argument(
        "--set",
        action="append",
        metavar="FIELD=VALUE",
        default=[],
        help="title, body, closing, post, issuer, kind_code, serial_pattern, valid_years",
    )

    p = _add(cmds, sub, "seal", "设置打印在证书上的印章图片（透明背景 PNG）", cmd_seal)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("path", nargs="?")
    g.add_argument("--none", action="store_true", help="不打印印章图片")

    qual = cmds.add(cmds.top, "qual", "红领党务资格：认定、复核、撤销", None)
    sub = _sub(cmds, qual, "红领党务")
    p = _add(cmds, sub, "award", "认定红领党务等级", cmd_qual_award)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--holder", metavar="NAME")
    who.add_argument("--person", type=int, metavar="ID")
    who.add_argument("--instructor", metavar="ID|NAME")
    p.add_argument("--level", required=True, help="初级 / 中级 / 高级")
    p.add_argument("--date", type=_date)
    p.add_argument("--reason")
    p = _add(cmds, sub, "review", "复核：保留、晋级或降级", cmd_qual_review)
    p.add_argument("id", type=int)
    p.add_argument("--level", help="复核后的等级（不写则保留原等级）")
    p.add_argument("--reason")
    p.add_argument("--date", type=_date)
    p = _add(cmds, sub, "withdraw", "撤销资格（如调离党务岗位）", cmd_qual_withdraw)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p.add_argument("--date", type=_date)
    p = _add(cmds, sub, "list", "列出红领党务资格及复核期限", cmd_qual_list)
    p.add_argument("--all", action="store_true", help="含已撤销")

    ins = cmds.add(cmds.top, "instructors", "党建指导员：联系单位、履职、考核、未覆盖单位", None)
    sub = _sub(cmds, ins, "党建指导员")
    p = _add(cmds, sub, "list", "列出在任指导员及其联系单位", cmd_ins_list)
    p.add_argument("--date", type=_date, help="按某日的联系关系（默认今天）")
    p = _add(
        cmds, sub, "duties", "履职情况：半月联系、每月日志、半年会议、年度续聘", cmd_ins_duties
    )
    p.add_argument("--year", type=int)
    p.add_argument("--missing", action="store_true", help="只列出有缺项的")
    p = _add(cmds, sub, "uncovered", "没有党建指导员的在营单位", cmd_ins_uncovered)
    p.add_argument("--date", type=_date)
    p = _add(cmds, sub, "assess", "登记年度考核等次（优秀/称职/基本称职/不称职）", cmd_ins_assess)
    p.add_argument("instructor", metavar="ID|NAME")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--grade", required=True)
    p.add_argument("--note")
    p = _add(cmds, sub, "assign", "安排指导员联系一个单位或党组织", cmd_ins_assign)
    p.add_argument("instructor", metavar="ID|NAME")
    p.add_argument("--unit", type=int, metavar="ID")
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--date", type=_date, help="开始日期（默认今天）")
    p = _add(cmds, sub, "unassign", "结束一条联系关系", cmd_ins_unassign)
    p.add_argument("assignment", type=int, metavar="ASSIGNMENT_ID")
    p.add_argument("--date", type=_date)

    p = cmds.add(cmds.print_, "certificates", "打印证书（每页一张，A4横向）", cmd_print)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--year", type=int, help="该年度颁发的有效证书")
    g.add_argument("--serial", nargs="+", metavar="S", help="指定编号（重印：同编号、同文字）")
    p.add_argument("--kind")
    p.add_argument("-o", "--output", required=True, metavar="PDF")


def _today(args) -> date:
    return getattr(args, "date", None) or date.today()


# ---------------------------------------------------------------- cert


def _batch_file(session, path: str):
    from pathlib import Path

    from partydesk.certs import instructors, registry

    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        raise ValidationError(f"无法读取批量文件：{p}（{e.strerror}）") from None
    except UnicodeDecodeError:
        raise ValidationError(f"批量文件不是 UTF-8 文本：{p}。请另存为 UTF-8 编码。") from None
    holders = []
    for n, line in enumerate(lines, 1):
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        kind, _, val = t.partition(":") if ":" in t else t.partition("：")
        try:
            if val and kind in ("指导员", "instructor"):
                holders.append(
                    registry.holder_for(session, instructor=instructors.get(session, val).id)
                )
            elif val and kind in ("人员", "person"):
                holders.append(registry.holder_for(session, person=int(val)))
            else:
                holders.append(registry.holder_for(session, name=t))
        except (ValueError, PartyDeskError) as e:
            raise ValidationError(f"批量文件第{n}行：{e}") from None
    return holders


def cmd_issue(args) -> int:
    from partydesk.certs import instructors, registry

    on = _today(args)
    with open_for(args) as lg, lg.session() as s:
        kind = registry.kind_code(args.kind)
        if args.all:
            holders = registry.holders_missing(s, kind, on.year)
            if not holders:
                out(f"{on.year}年没有需要颁发{'聘书' if kind == 'instructor' else '证书'}的对象。")
                return 0
        elif args.batch:
            holders = _batch_file(s, args.batch)
        elif args.instructor:
            holders = [
                registry.holder_for(s, instructor=instructors.get(s, t).id) for t in args.instructor
            ]
        elif args.person:
            holders = [registry.holder_for(s, person=i) for i in args.person]
        elif args.qualification:
            holders = [registry.holder_for(s, qualification=i) for i in args.qualification]
        else:
            holders = [registry.holder_for(s, name=n) for n in args.holder]
        if args.dry_run:
            for h in holders:
                out(h.name)
            out(f"共{len(holders)}人（未颁发）。")
            s.rollback()
            return 0
        certs = registry.issue(
            s, kind, holders, issued_on=on, term_start=args.start, term_end=args.end, post=args.post
        )
        for c in certs:
            out(f"{c.serial}\t{c.holder_name}\t有效期至{c.valid_until:%Y-%m-%d}")
        out(f"已颁发{len(certs)}张。")
    return 0


def cmd_revoke(args) -> int:
    from partydesk.certs import registry

    with open_for(args) as lg, lg.session() as s:
        c = registry.revoke(s, args.serial, args.reason, _today(args))
        out(f"已撤销证书{c.serial}（{c.holder_name}），原因：{c.revoke_reason}")
    return 0


def cmd_reissue(args) -> int:
    from partydesk.certs import registry

    with open_for(args) as lg, lg.session() as s:
        new = registry.reissue(s, args.serial, _today(args), args.reason)
        out(f"已换发：{new.replaces} → {new.serial}（{new.holder_name}）")
    return 0


def cmd_delete(args) -> int:
    from partydesk.certs import registry

    with open_for(args) as lg, lg.session() as s:
        registry.delete(s, args.serial, date.today(), args.note)
        out(f"已删除证书{args.serial.strip()}；该编号不会再被使用。")
    return 0


def cmd_verify(args) -> int:
    from partydesk.certs import registry

    text = args.qr or args.serial
    check = args.check
    if not text:
        raise ValidationError("请给出证书编号，或用 --qr 给出二维码中的文字。")
    if args.qr and args.serial:
        serial, _ = registry.parse_qr(args.qr)
        if serial.upper() != args.serial.strip().upper():
            raise ValidationError(f"二维码中的编号{serial}与输入的编号{args.serial}不一致。")
    with open_for(args) as lg, lg.session() as s:
        v = registry.verify(s, text, check)
        out(("✔ " if v.ok else "✘ ") + v.message)
    return 0 if v.ok else 1


def cmd_list(args) -> int:
    from partydesk.certs import registry
    from partydesk.ledger.models.certs import CertificateKind, CertificateStatus

    with open_for(args, readonly=True) as lg, lg.session() as s:
        rows = s.scalars(
            registry.query(s, year=args.year, kind=args.kind, status=args.status, text=args.find)
        ).all()
        out("编号\t持证人\t种类\t发证日期\t有效期至\t状态")
        for c in rows:
            st = CertificateStatus.label_of(c.status)
            if c.status == "revoked":
                st += f"（{c.revoke_reason}）"
            elif c.status == "replaced":
                st += f"（→{c.replaced_by}）"
            until = f"{c.valid_until:%Y-%m-%d}" if c.valid_until else ""
            out(
                f"{c.serial}\t{c.holder_name}\t{CertificateKind.label_of(c.kind)}\t{c.issued_on:%Y-%m-%d}\t{until}\t{st}"
            )
        out(f"共{len(rows)}张。")
    return 0


def cmd_template(args) -> int:
    from partydesk.certs import registry

    with open_for(args) as lg, lg.session() as s:
        values = {}
        for item in args.set:
            key, sep, value = item.partition("=")
            if not sep:
                raise ValidationError(f"--set 应写成 字段=内容，而不是“{item}”")
            values[key.strip()] = value
        t = (
            registry.update_template(s, args.kind, **values)
            if values
            else registry.template(s, args.kind)
        )
        for key in (
            "title",
            "body",
            "closing",
            "post",
            "issuer",
            "kind_code",
            "serial_pattern",
            "valid_years",
        ):
            out(f"{key}\t{getattr(t, key)}")
        if values:
            out("模板已保存（已颁发的证书文字不变）。")
    return 0


def cmd_seal(args) -> int:
    from pathlib import Path

    from partydesk import settings
    from partydesk.reports.certificate import _seal_reader

    with open_for(args) as lg, lg.session() as s:
        cfg = settings.get(s, "certs")
        if args.none:
            cfg["seal_image"] = None
            out("证书上将不打印印章图片。")
        else:
            p = Path(args.path).expanduser().resolve()
            _seal_reader(p)
            cfg["seal_image"] = str(p)
            out(f"印章图片：{p}")
        settings.put(s, "certs", cfg)
    return 0


# ---------------------------------------------------------------- qual


def cmd_qual_award(args) -> int:
    from partydesk.certs import instructors, qualifications
    from partydesk.ledger.models.certs import QualificationLevel

    with open_for(args) as lg, lg.session() as s:
        iid = instructors.get(s, args.instructor).id if args.instructor else None
        q = qualifications.award(
            s,
            args.level,
            _today(args),
            person_id=args.person,
            instructor_id=iid,
            name=args.holder,
            reason=args.reason,
        )
        out(
            f"已认定：{q.id}\t{q.holder_name}\t{QualificationLevel.label_of(q.level)}\t复核期限{q.review_due_on:%Y-%m-%d}"
        )
    return 0


def cmd_qual_review(args) -> int:
    from partydesk.certs import qualifications
    from partydesk.ledger.models.certs import QualificationEventKind, QualificationLevel

    with open_for(args) as lg, lg.session() as s:
        q = qualifications.review(s, args.id, _today(args), args.level, args.reason)
        ev = q.events[-1]
        out(
            f"{q.holder_name}：{QualificationEventKind.label_of(ev.kind)}，现为{QualificationLevel.label_of(q.level)}，下次复核期限{q.review_due_on:%Y-%m-%d}"
        )
    return 0


def cmd_qual_withdraw(args) -> int:
    from partydesk.certs import qualifications

    with open_for(args) as lg, lg.session() as s:
        q = qualifications.withdraw(s, args.id, _today(args), args.reason)
        out(f"已撤销{q.holder_name}的红领党务资格，原因：{args.reason}")
    return 0


def cmd_qual_list(args) -> int:
    from partydesk.ledger.models.certs import Qualification, QualificationLevel, QualificationStatus

    with open_for(args, readonly=True) as lg, lg.session() as s:
        q = select(Qualification).order_by(Qualification.review_due_on, Qualification.id)
        if not args.all:
            q = q.where(Qualification.status == "active")
        rows = s.scalars(q).all()
        out("编号\t持有人\t等级\t认定日期\t复核期限\t状态")
        for r in rows:
            out(
                f"{r.id}\t{r.holder_name}\t{QualificationLevel.label_of(r.level)}\t{r.awarded_on:%Y-%m-%d}\t{r.review_due_on:%Y-%m-%d}\t{QualificationStatus.label_of(r.status)}"
            )
        out(f"共{len(rows)}人。")
    return 0


# ---------------------------------------------------------------- instructors


def cmd_ins_list(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.models import Instructor

    on = _today(args)
    with open_for(args, readonly=True) as lg, lg.session() as s:
        rows = s.scalars(
            select(Instructor).where(Instructor.active.is_(True)).order_by(Instructor.id)
        ).all()
        out("编号\t姓名\t派出单位\t联系单位数\t联系单位")
        for i in rows:
            names = [
                a.unit.name if a.unit else a.org.name
                for a in instructors.current_assignments(s, i.id, on)
            ]
            out(f"{i.id}\t{i.name}\t{i.home_unit or ''}\t{len(names)}\t{'、'.join(names)}")
        out(f"共{len(rows)}人。")
    return 0


def cmd_ins_duties(args) -> int:
    from partydesk.certs import instructors

    today = date.today()
    year = args.year or today.year
    with open_for(args, readonly=True) as lg, lg.session() as s:
        rows = instructors.duty_status(s, year, today)
        shown = 0
        for r in rows:
            if args.missing and not r.missing_count:
                continue
            shown += 1
            parts = []
            for d in r.duties:
                if not d.known:
                    parts.append(f"{d.label}：无工作纪实数据")
                elif d.missing:
                    more = "等" if len(d.missing) > 4 else ""
                    parts.append(
                        f"{d.label} {d.done}/{d.expected}，缺{'、'.join(d.missing[:4])}{more}"
                    )
                else:
                    parts.append(f"{d.label} {d.done}/{d.expected}")
            out(f"{r.instructor_id}\t{r.name}\t" + "；".join(parts))
        out(f"{year}年截至{min(today, date(year, 12, 31)):%Y-%m-%d}：共{shown}人。")
    return 0


def cmd_ins_uncovered(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.enums import UnitKind

    on = _today(args)
    with open_for(args, readonly=True) as lg, lg.session() as s:
        rows = instructors.uncovered_units(s, on)
        out("编号\t单位名称\t类别\t所在街道")
        for u in rows:
            out(f"{u.id}\t{u.name}\t{UnitKind.label_of(u.kind)}\t{u.street or ''}")
        out(f"没有党建指导员的单位：{len(rows)}个。")
    return 0


def cmd_ins_assess(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.models.certs import AssessmentGrade

    with open_for(args) as lg, lg.session() as s:
        ins = instructors.get(s, args.instructor)
        r = instructors.set_assessment(s, ins.id, args.year, args.grade, date.today(), args.note)
        out(f"{ins.name} {r.year}年度考核：{AssessmentGrade.label_of(r.grade)}")
    return 0


def cmd_ins_assign(args) -> int:
    from partydesk.certs import instructors
    from partydesk.ledger.queries import find_org

    with open_for(args) as lg, lg.session() as s:
        ins = instructors.get(s, args.instructor)
        org_id = find_org(s, args.org).id if args.org else None
        a = instructors.assign(s, ins.id, unit_id=args.unit, org_id=org_id, start_on=_today(args))
        what = a.unit.name if a.unit else a.org.name
        out(f"已安排：{ins.name} 自{a.start_on:%Y-%m-%d}起联系指导 {what}（关系编号{a.id}）")
    return 0


def cmd_ins_unassign(args) -> int:
    from partydesk.certs import instructors

    with open_for(args) as lg, lg.session() as s:
        a = instructors.end_assignment(s, args.assignment, _today(args))
        out(f"已结束联系关系{a.id}，结束日期{a.end_on:%Y-%m-%d}")
    return 0


# ---------------------------------------------------------------- print


def cmd_print(args) -> int:
    from pathlib import Path

    from partydesk.certs import registry
    from partydesk.reports.certificate import print_certificates

    with open_for(args) as lg, lg.session() as s:
        if args.serial:
            certs = [registry.get(s, x) for x in args.serial]
        else:
            year = args.year or date.today().year
            certs = list(s.scalars(registry.query(s, year=year, kind=args.kind, status="valid")))
            certs.sort(key=lambda c: c.serial)
            if not certs:
                raise ValidationError(f"{year}年没有有效的证书可打印。")
        n = print_certificates(
            s, certs, Path(args.output), progress=lambda d, t: progress_line(d, t, "正在生成证书")
        )
        out(f"已生成{n}页：{args.output}")
    return 0
