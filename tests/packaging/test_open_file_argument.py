"""`partydesk PATH`: how a file manager opens a double-clicked ledger."""

from __future__ import annotations

import pytest

from tests.sample_ledger import fill_sample
from ui import launch


@pytest.mark.sqlite_only("a double-clicked ledger file")
def test_only_a_ledger_file_is_taken_for_a_path(tmp_path, ledger, ledger_path):
    ledger.close()
    renamed = tmp_path / "二〇二六年台账.db"
    renamed.write_bytes(ledger_path.read_bytes())
    text = tmp_path / "demo"
    text.write_text("not a ledger", encoding="utf-8")

    assert launch.ledger_argument([str(ledger_path)]) == str(ledger_path)
    assert launch.ledger_argument([str(renamed)]) == str(renamed)  # SQLite header
    assert launch.ledger_argument(["新账本.PARTYDESK"]) == "新账本.PARTYDESK"
    assert launch.ledger_argument([str(text)]) is None  # a file, but not a ledger
    assert launch.ledger_argument(["demo"]) is None  # a sub-command
    assert launch.ledger_argument(["--help"]) is None
    assert launch.ledger_argument([str(ledger_path), "--yes"]) is None


def test_a_missing_ledger_file_is_refused_in_chinese(tmp_path, capsys):
    missing = tmp_path / "没有这个.partydesk"
    assert launch.main([str(missing)]) == 2
    assert "找不到账本文件" in capsys.readouterr().err
    assert not missing.exists()  # never created behind the user's back


@pytest.mark.sqlite_only("a double-clicked ledger file")
def test_partydesk_path_opens_that_ledger_in_the_window(
    qapp, qtbot, ledger, ledger_path, monkeypatch
):
    fill_sample(ledger)
    ledger.close()
    from ui import app as app_mod

    windows = []

    def gui(path):
        _, win = app_mod.start(["--ledger", path])
        windows.append(win)
        return 0

    monkeypatch.setattr(launch, "_gui", gui)
    assert launch.main([str(ledger_path)]) == 0
    (win,) = windows
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.ctx.ledger is not None, timeout=10000)
    assert win.ctx.ledger.path == ledger_path
    assert ledger_path.name in win.windowTitle()
    win.ctx.ledger.close()


def test_sub_commands_still_reach_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(launch, "_gui", lambda path: pytest.fail("window opened"))
    missing = tmp_path / "x.partydesk"
    assert launch.main(["stats", "--ledger", str(missing)]) == 1
    assert "账本文件不存在" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        launch.main(["--version"])
    assert "PartyDesk" in capsys.readouterr().out


def test_the_window_has_the_application_icon(qapp):
    from ui.icons import SIZES

    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(SIZES)
