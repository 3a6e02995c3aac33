"""Every visible string of the window goes through tr(): a Chinese string literal outside
tr() anywhere in ui/ fails here (data marked `# i18n: data` excepted); the .ts file holds
what tr() passes; an English .qm made from the same sources switches the window's menus,
a table page's headers and a dialog's words."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build_scripts"))
import i18n  # noqa: E402 — build_scripts/i18n.py, not a package

from ui.i18n import install_translations  # noqa: E402


def test_no_string_outside_tr():
    found = [
        f"{path.relative_to(ROOT).as_posix()}:{line}: {text!r}"
        for path in i18n.ui_sources()
        for line, text in i18n.bare_strings(path)
    ]
    assert not found, (
        '用户可见的文字请写成 self.tr("…") 或 QCoreApplication.translate("上下文", "…")，'
        "变量部分用 %1、%2 替换；比较用的数据值、日志行在行尾注明 # i18n: data 或 # i18n: log\n"
        + "\n".join(found)
    )


def test_the_guard_sees_a_bare_string(tmp_path):
    mod = tmp_path / "m.py"
    mod.write_text(
        '"""文档"""\n'
        "def f(self):\n"
        '    self.setWindowTitle("没有翻译")\n'
        '    self.setText(self.tr("已翻译"))\n'
        "def g(window):\n"
        '    window.setWindowTitle(window.tr("别人的上下文"))\n'
        '    window.setWindowTitle(QCoreApplication.translate("MainWindow", "有上下文"))\n',
        encoding="utf-8",
    )
    # window.tr(): lupdate would file it under a context named "window"
    assert [s for _, s in i18n.bare_strings(mod)] == ["没有翻译", "别人的上下文"]


def test_only_a_marked_line_is_data(tmp_path):
    mod = tmp_path / "m.py"
    mod.write_text(
        "def f(self, row):\n"
        '    if row[4] == "已结束":  # i18n: data\n'
        '        self.setText("已结束")\n'
        '    log.info("窗口启动")  # i18n: log\n',
        encoding="utf-8",
    )
    assert [s for _, s in i18n.bare_strings(mod)] == ["已结束"]


def test_ts_file_holds_the_window_strings():
    ts = (i18n.I18N / "partydesk_zh_CN.ts").read_text(encoding="utf-8")
    for text in ("文件(&amp;F)", "使用说明(&amp;M)", "欢迎使用 PartyDesk 党建台账", "工作台"):
        assert f"<source>{text}</source>" in ts


def test_english_translation_switches_the_window(qapp, qtbot):
    from ui.main_window import MainWindow

    try:
        loaded = install_translations(qapp, "en")
        assert any(p.endswith("partydesk_en.qm") for p in loaded)
        win = MainWindow(None)
        qtbot.addWidget(win)
        titles = [a.text() for a in win.menuBar().actions()]
        assert titles[0] == "&File" and "&Help" in titles
    finally:
        install_translations(qapp, "zh_CN")
        QLocale.setDefault(QLocale("zh_CN"))
    win2 = MainWindow(None)
    qtbot.addWidget(win2)
    assert win2.menuBar().actions()[0].text() == "文件(&F)"


def test_english_translation_switches_a_table_page_and_a_dialog(qapp, qtbot, ledger):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow

    from ui.certs.page import CertsPage
    from ui.certs.template_dialog import TemplateDialog
    from ui.context import AppContext

    def shown(lang):
        install_translations(qapp, lang)
        win = QMainWindow()
        qtbot.addWidget(win)
        ctx = AppContext(ledger=ledger, window=win, undo_stack=QUndoStack(win))
        page = CertsPage(ctx)
        qtbot.addWidget(page)
        headers = [page.model.headerData(c, Qt.Horizontal) for c in range(page.model.columnCount())]
        dlg = TemplateDialog(ctx, "instructor", win)
        qtbot.addWidget(dlg)
        form = dlg.findChild(QFormLayout)
        labels = [
            form.itemAt(r, QFormLayout.LabelRole).widget().text()
            for r in range(form.rowCount())
            if form.itemAt(r, QFormLayout.LabelRole) is not None
            and isinstance(form.itemAt(r, QFormLayout.LabelRole).widget(), QLabel)
        ]
        return headers, dlg.windowTitle(), labels

    try:
        headers, title, labels = shown("en")
        assert headers[:3] == ["No.", "Holder", "Kind"] and "Status" in headers
        assert title.startswith("Certificate wording: ")
        assert "Title：" in labels and "Body：" in labels
    finally:
        install_translations(qapp, "zh_CN")
        QLocale.setDefault(QLocale("zh_CN"))
    headers, title, labels = shown("zh_CN")
    assert headers[:3] == ["编号", "持证人", "种类"]
    assert title.startswith("证书措辞：") and "标题：" in labels
