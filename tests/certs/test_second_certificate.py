"""A second valid 聘书 for the same instructor and term is not issued without asking: the
core refuses with a Chinese question, `--force` (the window's confirmation) issues it; a
renewal a few weeks before the old term ends is the next term and is not asked about."""

from __future__ import annotations

from datetime import date

import pytest

from partydesk.certs import registry
from partydesk.cli import main
from tests import raw


def _issue(s, iid, on, **kw):
    return registry.issue(
        s, "instructor", [registry.holder_for(s, instructor=iid)], issued_on=on, **kw
    )


def test_second_certificate_for_the_same_term_asks_first(ledger, staffed):
    with ledger.session() as s:
        first = _issue(s, staffed["a"], date(2026, 1, 8))[0]
        with pytest.raises(registry.SecondCertificateError) as e:
            _issue(s, staffed["a"], date(2026, 3, 1))
        assert (
            f"王建国已有有效聘书{first.serial}（聘期2026-01-08至2027-01-07），与新聘书的聘期重叠"
            in str(e.value)
        )
        assert "命令行加 --force" in str(e.value) and "--force" not in e.value.detail
        second = _issue(s, staffed["a"], date(2026, 3, 1), allow_second=True)[0]
        assert second.status == "valid" and second.serial != first.serial
        # twice in one batch is asked about as well
        h = registry.holder_for(s, instructor=staffed["b"])
        with pytest.raises(registry.SecondCertificateError, match="本批中另一份"):
            registry.issue(s, "instructor", [h, h], issued_on=date(2026, 3, 1))


def test_a_renewal_before_the_old_term_ends_and_a_reissue_are_not_asked(ledger, staffed):
    with ledger.session() as s:
        old = _issue(s, staffed["a"], date(2025, 12, 1))[0]  # to 2026-11-30
        renewal = _issue(s, staffed["a"], date(2026, 11, 10))[0]
        assert renewal.status == "valid"
        new = registry.reissue(s, old.serial, date(2026, 11, 12), "遗失")
        assert new.status == "valid" and old.status == "replaced"


def test_the_command_line_refuses_then_force_issues(capsys, ledger, ledger_path, staffed):
    ledger.close()
    path = str(ledger_path)
    args = ["cert", "issue", "--instructor", "王建国", "--date", "2026-01-08", "--ledger", path]
    assert main(args) == 0
    capsys.readouterr()
    args[5] = "2026-02-01"
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "王建国已有有效聘书" in err and "--force" in err

    def valid():
        return raw.row(
            path, "select count(*) from certificate where status='valid' and kind='instructor'"
        )[0]

    assert valid() == 1
    assert main([*args, "--force"]) == 0
    assert "已颁发1张" in capsys.readouterr().out
    assert valid() == 2


@pytest.fixture
def ctx(ledger, qapp):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from ui.context import AppContext

    win = QMainWindow()
    c = AppContext(ledger=ledger, window=win, undo_stack=QUndoStack(win))
    yield c
    win.close()


def test_the_window_asks_before_a_second_certificate(ctx, ledger, staffed, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.certs import issue_dialog
    from ui.certs.page import CertsPage

    def exec_(dlg):
        dlg.holder.setCurrentIndex(dlg.holder.findText("王建国（区发改局）"))
        return True

    monkeypatch.setattr(issue_dialog.IssueDialog, "exec", exec_)
    asked = []
    answers = iter([QMessageBox.No, QMessageBox.Yes])

    def question(_parent, title, text, *a, **k):
        asked.append((title, text))
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    page = CertsPage(ctx)
    qtbot.addWidget(page)

    def valid():
        with ledger.session() as s:
            return len(list(s.scalars(registry.query(s, kind="instructor", status="valid"))))

    page.issue_one()
    assert valid() == 1 and asked == []
    page.issue_one()  # the same term again: asked, answered 否
    assert valid() == 1
    assert asked[0][0] == "同一聘期已有聘书"
    assert "王建国已有有效聘书" in asked[0][1] and asked[0][1].endswith("仍要再颁发一份吗？")
    assert "--force" not in asked[0][1]
    page.issue_one()  # asked again, answered 是
    assert valid() == 2 and len(asked) == 2
