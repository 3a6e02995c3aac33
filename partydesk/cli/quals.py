"""红领党务 qualifications: `partydesk qual award / review / withdraw / list`."""

from __future__ import annotations

from sqlalchemy import select

from partydesk.cli.certs_common import _add, _date, _sub, _today
from partydesk.cli.common import open_for, out


def register(cmds) -> None:
    qual = cmds.add(cmds.top, "qual", "红领党务资格：认定、复核、撤销", None)
    sub = _sub(cmds, qual, "红领党务")
    p = _add(cmds, sub, "award", "认定红领党务等级", cmd_qual_award)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--holder", metavar="NAME")
    who.add_argument("--person", help="人员：编号、身份证号或姓名")
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


def cmd_qual_award(args) -> int:
    from partydesk.certs import instructors, qualifications
    from partydesk.ledger.models.certs import QualificationLevel

    with open_for(args) as lg, lg.session() as s:
        from partydesk.ledger.queries import find_person

        iid = instructors.get(s, args.instructor).id if args.instructor else None
        pid = find_person(s, args.person).id if args.person else None
        q = qualifications.award(
            s,
            args.level,
            _today(args),
            person_id=pid,
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
