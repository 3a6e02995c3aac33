"""All ledger models. Each feature keeps its tables in its own module, imported here so
that `Base.metadata` (and Alembic) always sees the whole schema."""

from partydesk.ledger.models import (  # noqa: F401,E402
    accounts,
    audit,
    certs,
    develop,
    dues,
    points,
    standing,
    work,
)
from partydesk.ledger.models.base import Base, Record, new_uuid, utcnow
from partydesk.ledger.models.core import (
    CommitteeMember,
    Instructor,
    InstructorAssignment,
    Organization,
    OrgHostUnit,
    PartyGroup,
    Person,
    PersonEvent,
    Setting,
    Unit,
)

__all__ = [
    "Base",
    "CommitteeMember",
    "Instructor",
    "InstructorAssignment",
    "OrgHostUnit",
    "Organization",
    "PartyGroup",
    "Person",
    "PersonEvent",
    "Record",
    "Setting",
    "Unit",
    "new_uuid",
    "utcnow",
]
