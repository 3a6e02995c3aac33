"""Write partydesk/cli/index.py: every command's name, help and module, read from what the
feature modules register. Run it after adding, renaming or rewording a command
(`python build_scripts/cli_index.py`); tests/cli/test_cli_lazy.py says when it is due."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAD = '''"""Every command of the command line: (group, name, module, help), in the order of `--help`.

Written by build_scripts/cli_index.py from what the feature modules (partydesk.cli.FEATURES)
register; do not edit by hand. `partydesk` lists the commands from here and imports a
command's module only when the command is given (partydesk/cli/lazy.py)."""

COMMANDS = [
'''


def text() -> str:
    from partydesk.cli import command_index

    lines = [HEAD]
    for row in command_index():
        lines.append(f"    {row!r},\n")
    lines.append("]\n")
    return "".join(lines)


if __name__ == "__main__":
    target = ROOT / "partydesk" / "cli" / "index.py"
    target.write_text(text(), encoding="utf-8")
    subprocess.run(["ruff", "format", "--quiet", str(target)], check=False)  # as lint wants it
