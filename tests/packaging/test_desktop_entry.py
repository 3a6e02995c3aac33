"""Desktop integration files: the .desktop entry validates, and a ledger file is recognised as
application/x-partydesk once the MIME entry is installed (as the .deb installs it)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from partydesk.resources import resources_dir

LINUX = resources_dir() / "linux"


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (build_scripts/setup.sh installs it)")
    return path


def test_desktop_file_validates_and_speaks_chinese():
    tool = _need("desktop-file-validate")
    desktop = LINUX / "partydesk.desktop"
    r = subprocess.run([tool, str(desktop)], capture_output=True, text=True)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    e = entry["Desktop Entry"]
    assert e["Name[zh_CN]"] == "党建台账"
    assert "Office" in e["Categories"].split(";")
    assert e["Exec"] == "partydesk %f"  # the file manager passes the double-clicked ledger
    assert "application/x-partydesk" in e["MimeType"]
    assert e["Icon"] == "partydesk"


@pytest.mark.sqlite_only("the file type of a ledger file")
def test_a_ledger_file_has_the_partydesk_mime_type(tmp_path, ledger, ledger_path):
    xdg_mime = _need("xdg-mime")
    update = _need("update-mime-database")
    _need("mimetype")  # xdg-mime's generic look-up, which reads the shared MIME database
    ledger.close()
    data = tmp_path / "share"
    (data / "mime" / "packages").mkdir(parents=True)
    shutil.copy(LINUX / "partydesk-mime.xml", data / "mime" / "packages")
    subprocess.run([update, str(data / "mime")], check=True, capture_output=True)
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(data),
        "XDG_DATA_DIRS": f"{data}:/usr/share",
        "XDG_CURRENT_DESKTOP": "",
    }
    sample = tmp_path / "某街道.partydesk"
    shutil.copy(ledger_path, sample)
    r = subprocess.run(
        [xdg_mime, "query", "filetype", str(sample)], capture_output=True, text=True, env=env
    )
    assert r.stdout.strip() == "application/x-partydesk", r.stdout + r.stderr
    other = tmp_path / "copy.sqlite"
    shutil.copy(ledger_path, other)  # the same bytes without the name: just SQLite
    r = subprocess.run(
        [xdg_mime, "query", "filetype", str(other)], capture_output=True, text=True, env=env
    )
    assert r.stdout.strip() != "application/x-partydesk"


def test_icons_exist_in_every_size_the_desktop_entry_installs():
    icons = resources_dir() / "icons"
    assert (icons / "partydesk.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for n in (16, 24, 32, 48, 64, 128, 256):
        png = icons / f"partydesk-{n}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert Path(png).stat().st_size > 100
