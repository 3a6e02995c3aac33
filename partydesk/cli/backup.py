"""Sub-commands of this feature; see FEATURES in partydesk/cli/__init__.py."""

from __future__ import annotations


def register(cmds) -> None:
    """Add this feature's sub-commands to `cmds` (a partydesk.cli.Commands)."""
