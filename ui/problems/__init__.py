"""问题清单 page: problems raised in visits, listed open first, overdue in red, closed (销号) here."""
