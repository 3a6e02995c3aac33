"""`partydesk person …`: the membership pipeline's acts that are not edits — stepping a
person back (取消积极分子资格, 取消预备党员资格) and 延长预备期 — each with a date and a reason,
recorded in the person's 履历 (`partydesk history`)."""

from __future__ import annotations

from partydesk.cli.common import open_for, out
from partydesk.errors import ValidationError


def register(cmds) -> None:
    p = cmds.top.add_parser(
        "person",
        help="发展党员程序中的决定：取消积极分子资格、取消预备党员资格、延长预备期（记入履历）",
        description="发展党员程序中的决定：取消积极分子资格、取消预备党员资格、延长预备期（记入履历）",
    )
    acts = p.add_subparsers(dest="act", required=True, metavar="决定")
    for name, text in (
        ("cancel-activist", "取消入党积极分子资格（积极分子、发展对象退回入党申请人）"),
        ("cancel-probation", "取消预备党员资格（不再在册）"),
        ("extend", "延长预备期（6至12个月，只能一次）"),
    ):
        a = cmds.add(acts, name, text, cmd_act)
        a.add_argument("who", metavar="人员", help="人员：编号、身份证号或姓名")
        a.add_argument("--on", metavar="日期", required=True, help="决定的日期（支部大会等）")
        a.add_argument("--reason", metavar="原因", required=True, help="原因")
        if name == "extend":
            a.add_argument("--months", type=int, required=True, metavar="N", help="延长几个月")


def cmd_act(args) -> int:
    from partydesk.ledger import acts
    from partydesk.ledger.queries import find_person
    from partydesk.rules.dates import parse_date

    try:
        on = parse_date(args.on)
    except ValueError as e:
        raise ValidationError(f"日期：{e}") from None
    with open_for(args) as ledger, ledger.session() as s:
        pid = find_person(s, args.who).id
        if args.act == "cancel-activist":
            step = acts.cancel_activist(s, pid, on, args.reason)
        elif args.act == "cancel-probation":
            step = acts.cancel_probation(s, pid, on, args.reason)
        else:
            step = acts.extend_probation(s, pid, on, args.months, args.reason)
    out(f"已办理：{step.label}，{on:%Y-%m-%d}，原因：{args.reason.strip()}（已记入履历）。")
    return 0
