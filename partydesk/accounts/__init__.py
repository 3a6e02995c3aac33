"""Accounts on a server ledger, each township in its own lane (辖区): PostgreSQL roles for
the clerks and row-level security that lets a township clerk's account see and change
only the units, organizations and people of its streets — and what hangs off them —
while a county account sees everything. `policies` writes the policies, `roles` the
accounts; `partydesk server init|add-user|grant|revoke|users` is their command line.
"""

from partydesk.accounts.policies import LANE_TABLES, install
from partydesk.accounts.roles import AccountInfo, add_user, grant, list_users, revoke

__all__ = [
    "LANE_TABLES",
    "AccountInfo",
    "add_user",
    "grant",
    "install",
    "list_users",
    "revoke",
]
