"""Every visible string of the window goes through tr(): a module that gains a Chinese
string literal outside tr() fails here; the .ts file holds what tr() passes; an English
.qm made from the same sources switches the window's menus and pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QLocale

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build_scripts"))
import i18n  # noqa: E402 — build_scripts/i18n.py, not a package

from ui.i18n import install_translations  # noqa: E402


def test_no_module_gains_a_string_outside_tr():
    allowed = json.loads(i18n.BASELINE.read_text(encoding="utf-8"))
    over = []
    for path in i18n.ui_sources():
        rel = path.relative_to(ROOT).as_posix()
        found = i18n.bare_strings(path)
        if len(found) > allowed.get(rel, 0):
            over.append(f"{rel}: {len(found)} > {allowed.get(rel, 0)}: {[s for _, s in found]}")
    assert not over, (
        '用户可见的文字请写成 self.tr("…") 或 QCoreApplication.translate(...)；'
        "不显示给用户的（数据、键）写法不变时，运行 python build_scripts/i18n.py --baseline\n"
        + "\n".join(over)
    )


def test_the_guard_sees_a_bare_string(tmp_path):
    mod = tmp_path / "m.py"
    mod.write_text(
        '"""文档"""\n'
        "def f(self):\n"
        '    self.setWindowTitle("没有翻译")\n'
        '    self.setText(self.tr("已翻译"))\n',
        encoding="utf-8",
    )
    assert [s for _, s in i18n.bare_strings(mod)] == ["没有翻译"]


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
