"""待办 from the dues ledger: a member unpaid for `remind_months` months in a row (default 3)
is a reminder; at `alert_months` (default 6) it is an alert — 连续6个月不交纳党费 is a
matter the branch must handle (自行脱党 unless there is good reason)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from partydesk.dues import config, figures
from partydesk.dues import months as mo
from partydesk.reminders import Reminder


def reminders(session: Session, today: date) -> list[Reminder]:
    cfg = config.get(session)
    remind, alert = int(cfg["remind_months"]), int(cfg["alert_months"])
    out = []
    for a in figures.arrears(session, today):
        if a.run < remind:
            continue
        since = mo.label(a.run_from)
        # Due on the first day after the month that completed the run.
        hit = alert if a.run >= alert else remind
        due_on = mo.first_day(mo.add(a.run_from, hit))
        if a.run >= alert:
            kind = "dues_alert"
            text = (
                f"{a.name}（{a.org_name}）自{since}起已连续{a.run}个月未交纳党费，"
                f"达到{alert}个月，请支部按规定处理"
            )
        else:
            kind = "dues_arrears"
            text = f"{a.name}（{a.org_name}）自{since}起已连续{a.run}个月未交纳党费，请督促交纳"
        out.append(Reminder(kind, text, due_on, person_id=a.person_id, org_id=a.org_id))
    return out
