"""Qt's own words in Chinese: the buttons of message boxes, button boxes and the file
dialog, and a text box's right-click menu, as a clerk on a zh_CN machine sees them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox


def _texts(buttons) -> list[str]:
    return [b.text().replace("&", "") for b in buttons]


def test_message_box_buttons_are_chinese(qapp):
    box = QMessageBox(QMessageBox.Question, "删除", "确定删除吗？")
    box.setStandardButtons(QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel)
    assert sorted(_texts(box.buttons())) == sorted(["是(Y)", "否(N)", "取消"])


def test_button_box_close_and_ok_are_chinese(qapp):
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
    assert sorted(_texts(box.buttons())) == sorted(["确定", "关闭"])


def test_file_dialog_is_chinese(qapp, qtbot):
    dlg = QFileDialog(None, "打开账本")
    dlg.setOption(QFileDialog.DontUseNativeDialog)
    qtbot.addWidget(dlg)
    box = dlg.findChild(QDialogButtonBox)
    assert _texts(box.buttons()) == ["打开(O)", "取消"]
    dlg.setAcceptMode(QFileDialog.AcceptSave)
    assert _texts(box.buttons())[0] == "保存(S)"


def test_text_box_menu_is_chinese(qapp, qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    words = [
        a.text().split("\t")[0].replace("&", "") for a in edit.createStandardContextMenu().actions()
    ]
    assert "复制(C)" in words and "粘贴(P)" in words and "全选" in words
    assert not any(w in " ".join(words) for w in ("Copy", "Paste", "Select All"))
