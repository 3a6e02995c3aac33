"""A PC without the ledger's key (a ledger file brought from another PC, or a server
ledger whose owner's PC has not yet put the key on the server) is told so before its edits break the audit log's chain: the
command line says it on every writing command, the window in a notice with an import
button; once the key is imported the notice goes and the chain holds again."""

from __future__ import annotations

import shutil

import pytest

from partydesk import keys
from partydesk.audit import chain
from partydesk.cli import main
from partydesk.ledger import open_ledger
from partydesk.ledger.models import Organization


@pytest.fixture
def on_another_pc(ledger, tmp_path):
    """The ledger made and edited on the office PC, its key exported to the safe, then
    opened on a PC that has no key file."""
    with ledger.session() as s:
        s.add(Organization(name="星光科技党支部"))
    safe = tmp_path / "保险柜" / "账本密钥.key"
    with ledger.session() as s:
        keys.export_key(s, safe)
    where = ledger.location
    ledger.close()
    shutil.rmtree(keys.keys_folder())
    return where, safe


@pytest.mark.sqlite_only("a server ledger hands its key to the clerks' PCs")
def test_the_command_line_warns_on_a_pc_without_the_key(on_another_pc, capsys):
    where, safe = on_another_pc
    assert main(["add", "orgs", "党组织全称=明月物流党支部", "--ledger", where]) == 0
    err = capsys.readouterr().err
    assert "提示：本机没有这本账本的密钥文件" in err and "partydesk key import" in err
    assert main(["key", "import", str(safe), "--ledger", where]) == 0
    capsys.readouterr()
    assert main(["add", "orgs", "党组织全称=长河食品党支部", "--ledger", where]) == 0
    assert "密钥" not in capsys.readouterr().err


def test_a_ledger_with_its_key_or_without_any_key_yet_is_not_warned(ledger, capsys):
    with ledger.session() as s:
        assert not keys.key_missing(s)  # no key made yet: the first write makes one
        s.add(Organization(name="星光科技党支部"))
    with ledger.session() as s:
        assert not keys.key_missing(s)
    where = ledger.location
    ledger.close()
    assert main(["add", "orgs", "党组织全称=明月物流党支部", "--ledger", where]) == 0
    assert "密钥" not in capsys.readouterr().err


@pytest.mark.sqlite_only("a server ledger hands its key to the clerks' PCs")
def test_the_window_shows_the_notice_and_imports_the_key(qapp, qtbot, on_another_pc):
    from PySide6.QtWidgets import QLabel

    from ui.main_window import MainWindow
    from ui.safety import keys as key_ui
    from ui.safety import menu

    where, safe = on_another_pc
    win = MainWindow(open_ledger(where, daily_backup="later"))
    qtbot.addWidget(win)
    menu.install(win)
    assert win.key_banner is not None
    text = win.key_banner.findChild(QLabel, "keyBannerText").text()
    assert "本机没有这本账本的密钥文件" in text
    assert key_ui.import_key(win, str(safe))
    assert win.key_banner is None
    assert "已导入账本密钥" in win.statusBar().currentMessage()
    ledger = win.ctx.ledger
    with ledger.session() as s:
        s.add(Organization(name="明月物流党支部"))
    with ledger.session() as s:
        report = chain.verify(s)
    assert report.broken is None
    ledger.close()
