"""Certificates: `partydesk cert issue / revoke / reissue / delete / verify / list`
(the template, the seal and printing are in cli/certs_print.py)."""

from __future__ import annotations

from datetime import date

from partydesk.cli.certs_common import _add, _date, _sub, _today
from partydesk.cli.common import open_for, out
from partydesk.errors import PartyDeskError, ValidationError


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
    who.add_argument("--person", action="append", help="人员：编号、身份证号或姓名（可重复）")
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
    p.add_argument(
        "--force",
        action="store_true",
        help="指导员同一聘期已有有效聘书时，确认仍再颁发一份",
    )

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

    from partydesk.cli import certs_print

    certs_print.register_cert(cmds, sub)


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
            from partydesk.ledger.queries import find_person

            holders = [registry.holder_for(s, person=find_person(s, t).id) for t in args.person]
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
            s,
            kind,
            holders,
            issued_on=on,
            term_start=args.start,
            term_end=args.end,
            post=args.post,
            allow_second=args.force,
        )
        for c in certs:
            out(f"{c.serial}\t{c.holder_name}\t有效期至{c.valid_until:%Y-%m-%d}")
        batch = f"（第{certs[0].batch_id}批）" if certs else ""
        out(f"已颁发{len(certs)}张{batch}。")
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
