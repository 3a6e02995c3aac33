"""Errors the user can cause. Their message is Chinese and says what to do."""


class PartyDeskError(Exception):
    """Base of every error a user can cause; str() is the message to show."""


class LedgerError(PartyDeskError):
    """The ledger file cannot be opened, read or written."""


class ValidationError(PartyDeskError):
    """A value breaks a rule; `field` names the attribute when known."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFoundError(PartyDeskError):
    """A record named on the command line or in a form does not exist (or is ambiguous)."""
