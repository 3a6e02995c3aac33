"""问题清单 (problems closed loop): problems raised in visits, inspections and 组织生活会,
each with its unit, who is responsible and a deadline, closed (销号) with the date and how
or marked not solvable with why (`service`); reminders for those due (`reminders`); the
township 问题清单 report in Excel (`report`)."""

from partydesk.ledger.models.develop import Problem, ProblemState

__all__ = ["Problem", "ProblemState"]
