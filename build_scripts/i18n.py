"""The window's translations, kept current from the sources.

    python build_scripts/i18n.py          # update the .ts files and build the .qm files
    python build_scripts/i18n.py --check  # list the user-visible strings outside tr()

`resources/i18n/partydesk_zh_CN.ts` holds every string the window passes through tr() (the
sources are Chinese, so it needs no .qm); `partydesk_en.ts` is a small English translation
(the menus, the welcome page, the certificates page's headers and the certificate wording
dialog) whose .qm proves the window can switch language (PARTYDESK_LANG=en). Both are updated with pyside6-lupdate; the English .qm is built with
pyside6-lrelease.

`bare_strings(path)` finds the Chinese string literals of a module that do not go through
tr() / QCoreApplication.translate / QT_TRANSLATE_NOOP and are not docstrings: the tr() guard
test (tests/ui/test_tr_guard.py) fails when any module has one. A literal that is
data, not words for the user (a stored value compared in code, a log line, self-test
content), is skipped when its line ends with `# i18n: data` (or `# i18n: log`) — said where
it is written, so a reader sees why it stays."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
CJK = re.compile(r"[\u4e00-\u9fff]")
NOT_TEXT = re.compile(r"#\s*i18n:\s*(data|log)\b")
TR_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}

# The English smoke translation: enough to see the window switch.
ENGLISH = {
    "文件(&F)": "&File",
    "编辑(&E)": "&Edit",
    "视图(&V)": "&View",
    "工具(&T)": "&Tools",
    "帮助(&H)": "&Help",
    "使用说明(&M)": "&Manual",
    "关于(&A)…": "&About…",
    "工作台": "Dashboard",
    "两新组织": "Units",
    "党组织": "Organizations",
    "党员与发展": "Members",
    "党建指导员": "Instructors",
    "问题清单": "Problems",
    "发展党员": "Recruitment",
    "党费收缴": "Dues",
    "工作纪实": "Work records",
    "积分管理": "Points",
    "证书管理": "Certificates",
    "操作日志": "Audit log",
    "欢迎使用 PartyDesk 党建台账": "Welcome to PartyDesk",
    # the certificates page (a table page) and its wording dialog
    "编号": "No.",
    "持证人": "Holder",
    "种类": "Kind",
    "发证日期": "Issued on",
    "有效期至": "Valid until",
    "发证机关": "Issued by",
    "状态": "Status",
    "打印次数": "Printed",
    "全部种类": "All kinds",
    "证书措辞：": "Certificate wording: ",
    "标题": "Title",
    "正文": "Body",
    "结束语": "Closing",
    "保存": "Save",
    "取消": "Cancel",
    # values the window shows but compares or stores as the ledger's own words
    "是": "Yes",
    "否": "No",
    "已结束": "Ended",
    "联系中": "In contact",
    "未考核": "Not assessed",
}


def ui_sources() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py"))


def bare_strings(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    marked = {no for no, line in enumerate(source.splitlines(), 1) if NOT_TEXT.search(line)}
    translated: set[int] = set()
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            # x.tr("…") outside x's own class: lupdate files it under the context "x", which
            # no window asks for; such text must name its context (QCoreApplication.translate).
            foreign = name == "tr" and not (
                isinstance(f, ast.Attribute)
                and isinstance(f.value, ast.Name)
                and f.value.id == "self"
            )
            if name in TR_CALLS and not foreign:
                for arg in node.args:
                    translated.update(id(n) for n in ast.walk(arg))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return sorted(
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and CJK.search(n.value)
        and id(n) not in translated
        and id(n) not in docstrings
        and n.lineno not in marked
        and n.end_lineno not in marked
    )


def _fill_english(ts: Path) -> None:
    text = ts.read_text(encoding="utf-8")

    def fill(m: re.Match) -> str:
        src = m.group(1)
        eng = ENGLISH.get(src.replace("&amp;", "&"))
        if eng is None:
            return m.group(0)
        eng = eng.replace("&", "&amp;")
        return f"<source>{src}</source>\n        <translation>{eng}</translation>"

    text = re.sub(
        r"<source>(.*?)</source>\n\s*<translation type=\"unfinished\">\s*</translation>",
        fill,
        text,
    )
    ts.write_text(text, encoding="utf-8")


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    sources = [str(p.relative_to(ROOT)) for p in ui_sources()]
    for lang in ("zh_CN", "en"):
        ts = I18N / f"partydesk_{lang}.ts"
        subprocess.run(
            ["pyside6-lupdate", *sources, "-no-obsolete", "-locations", "none", "-ts", str(ts)],
            cwd=ROOT,
            check=True,
        )
    _fill_english(I18N / "partydesk_en.ts")
    subprocess.run(
        ["pyside6-lrelease", str(I18N / "partydesk_en.ts"), "-qm", str(I18N / "partydesk_en.qm")],
        cwd=ROOT,
        check=True,
    )


def main(argv: list[str]) -> int:
    if "--check" in argv:
        n = 0
        for p in ui_sources():
            for line, s in bare_strings(p):
                print(f"{p.relative_to(ROOT)}:{line}: {s!r}")
                n += 1
        print(f"{n} strings outside tr()")
        return 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
