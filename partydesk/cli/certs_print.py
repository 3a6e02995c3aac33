"""Printing certificates and what the printed page takes from the office:
`partydesk print certificates`, `partydesk cert template`, `partydesk cert seal`."""

from __future__ import annotations

from partydesk.cli.certs_common import _add, _date
from partydesk.cli.common import open_for, out, progress_line
from partydesk.errors import ValidationError


def register(cmds) -> None:
    p = cmds.add(cmds.print_, "certificates", "打印证书（每页一张，A4横向）", cmd_print)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--year", type=int, help="该年度颁发的有效证书")
    g.add_argument("--serial", nargs="+", metavar="S", help="指定编号（重印：同编号、同文字）")
    g.add_argument("--new", action="store_true", help="只打印颁发后尚未打印过的有效证书")
    g.add_argument("--since", type=_date, metavar="DATE", help="该日期及以后颁发的有效证书")
    g.add_argument(
        "--batch",
        type=int,
        metavar="N",
        help="第N批颁发的有效证书（重印一批；批次见 partydesk cert batches）",
    )
    p.add_argument("--kind")
    p.add_argument("--draft", action="store_true", help="打印样稿：标出盖章位置，不计入打印次数")
    p.add_argument("--reproducible", action="store_true", help="生成逐字节可重现的 PDF")
    p.add_argument("-o", "--output", required=True, metavar="PDF")


def register_cert(cmds, sub) -> None:
    """The `cert template` and `cert seal` sub-commands."""
    p = _add(cmds, sub, "template", "查看或修改证书模板（措辞、编号规则、发证机关）", cmd_template)
    p.add_argument("--kind", default="instructor")
    p.add_argument(
        "--set",
        action="append",
        metavar="FIELD=VALUE",
        default=[],
        help="title, body, closing, post, issuer, kind_code, serial_pattern, valid_years",
    )

    p = _add(cmds, sub, "batches", "列出证书批次（每次颁发为一批，可按批打印）", cmd_batches)
    p.add_argument("--kind")

    p = _add(cmds, sub, "seal", "设置打印在证书上的印章图片（透明背景 PNG）", cmd_seal)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("path", nargs="?")
    g.add_argument("--none", action="store_true", help="不打印印章图片")


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


def cmd_batches(args) -> int:
    from partydesk.certs import batches, registry
    from partydesk.ledger.models.certs import CertificateKind

    with open_for(args, readonly=True) as lg, lg.session() as s:
        kind = registry.kind_code(args.kind) if args.kind else None
        rows = batches.batches(s, kind)
        out("批次\t发证日期\t种类\t张数\t有效\t未打印\t编号")
        for b in rows:
            serials = b.first if b.first == b.last else f"{b.first}—{b.last}"
            out(
                f"{b.id}\t{b.issued_on:%Y-%m-%d}\t{CertificateKind.label_of(b.kind)}\t"
                f"{b.size}\t{b.valid}\t{b.unprinted}\t{serials or ''}"
            )
        out(f"共{len(rows)}批。打印一批：partydesk print certificates --batch 批次 -o 文件.pdf")
    return 0


def cmd_seal(args) -> int:
    from pathlib import Path

    from partydesk import certs, settings  # noqa: F401 - certs registers the defaults
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


def cmd_print(args) -> int:
    from pathlib import Path

    from partydesk.certs import registry, to_print
    from partydesk.reports.certificate import print_certificates

    with open_for(args) as lg, lg.session() as s:
        choice = to_print.Choice(
            year=args.year,
            serials=tuple(args.serial or ()),
            new=args.new,
            since=args.since,
            batch=args.batch,
            kind=registry.kind_code(args.kind) if args.kind else None,
        )
        certs = to_print.choose(s, choice)
        n = print_certificates(
            s,
            certs,
            Path(args.output),
            progress=lambda d, t: progress_line(d, t, "正在生成证书"),
            draft=args.draft,
            invariant=args.reproducible,
        )
        out(f"已生成{n}页：{args.output}")
    return 0
