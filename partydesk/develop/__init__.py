"""发展党员 step by step: the 25 steps as data (`steps`), recording them with the
ledger's pipeline rules (`service`), what comes next in 待办 (`reminders`) and the
printable 发展党员纪实表 (`partydesk.reports.develop_sheet`)."""
