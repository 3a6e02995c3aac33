"""What the 关于 box and `partydesk about` show: the version, when the program was built,
the ledger and its schema revision, and every bundled component with its licence (the
texts: the libraries' own licence files from their metadata, Qt's LGPL and the fonts'
licences from resources/); and the clerk's manual shipped in resources/manual/."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

from partydesk import __version__
from partydesk.resources import resources_dir

MANUAL = ("manual", "使用说明.md")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    used_for: str
    texts: tuple[Path, ...]  # licence files found on this machine / in the folder


# (distribution, shown name, licence, what PartyDesk uses it for, bundled licence files)
LIBRARIES = (
    ("PySide6", "Qt 与 PySide6", "LGPL-3.0", "窗口界面", ("LGPL-3.0.txt", "GPL-3.0.txt")),
    ("shiboken6", "Shiboken6", "LGPL-3.0", "窗口界面", ("LGPL-3.0.txt",)),
    ("SQLAlchemy", "SQLAlchemy", "MIT", "账本数据库", ()),
    ("alembic", "Alembic", "MIT", "账本升级", ()),
    ("Mako", "Mako", "MIT", "账本升级", ()),
    ("MarkupSafe", "MarkupSafe", "BSD-3-Clause", "账本升级", ()),
    ("typing_extensions", "typing_extensions", "PSF-2.0", "运行库", ()),
    ("openpyxl", "openpyxl", "MIT", "Excel 导入导出", ()),
    ("et_xmlfile", "et_xmlfile", "MIT", "Excel 导入导出", ()),
    ("reportlab", "ReportLab", "BSD-3-Clause", "生成 PDF", ()),
    ("pillow", "Pillow", "MIT-CMU", "印章图片", ()),
    ("charset-normalizer", "charset-normalizer", "MIT", "生成 PDF", ()),
    ("platformdirs", "platformdirs", "MIT", "数据与日志文件夹", ()),
    ("pypinyin", "pypinyin", "MIT", "姓名按拼音排序", ()),
    ("pypdf", "pypdf", "BSD-3-Clause", "打印选定页", ()),
)
_FONTS = (
    ("AR PL UMing 明体", "Arphic Public License", "打印正文", ("uming-copyright.txt",)),
    ("AR PL UKai 楷体", "Arphic Public License", "证书", ("ukai-copyright.txt",)),
    (
        "文泉驿微米黑",
        "Apache-2.0 或 GPL-3.0（含字体例外）",
        "界面与标题",
        ("wqy-microhei-copyright.txt",),
    ),
)


def build_date() -> str:
    """The day the frozen program was built (its executable's date); from source: 源码运行."""
    if getattr(sys, "frozen", False):
        return f"{datetime.fromtimestamp(Path(sys.executable).stat().st_mtime):%Y-%m-%d}"
    return "源码运行（未打包）"


def _dist_licence_files(dist_name: str) -> tuple[Path, ...]:
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        return ()
    out = []
    for f in dist.files or ():
        s = str(f)
        if ".dist-info" in s and any(k in s.upper() for k in ("LICEN", "COPYING", "NOTICE")):
            p = Path(dist.locate_file(f))
            if p.is_file():
                out.append(p)
    return tuple(out)


def components() -> list[Component]:
    """Python itself, every bundled library, the fonts; versions as installed here."""
    lic = resources_dir() / "licenses"
    fonts = resources_dir() / "fonts" / "licenses"
    out = [Component("Python", platform.python_version(), "PSF-2.0", "运行环境", ())]
    for dist, name, licence, used_for, bundled in LIBRARIES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue  # not part of this installation
        texts = tuple(lic / t for t in bundled if (lic / t).is_file())
        out.append(Component(name, version, licence, used_for, texts + _dist_licence_files(dist)))
    for name, licence, used_for, files in _FONTS:
        texts = tuple(fonts / f for f in files if (fonts / f).is_file())
        if name.startswith("AR PL") and (fonts / "ARPHIC-PUBLIC-LICENSE.txt").is_file():
            texts += (fonts / "ARPHIC-PUBLIC-LICENSE.txt",)
        out.append(Component(name, "", licence, used_for, texts))
    return out


def facts(ledger_path: Path | None = None, revision: str | None = None) -> list[tuple[str, str]]:
    """(label, value) lines: version, build date, ledger, schema revision."""
    rows = [("版本", f"PartyDesk 党建台账 {__version__}"), ("构建日期", build_date())]
    if ledger_path is not None:
        rows.append(("账本", str(ledger_path)))
        rows.append(("数据库版本", revision or "（未知）"))
    return rows


def ledger_revision(ledger) -> str | None:
    """The Alembic revision the ledger's schema is at (e.g. 0006_audit)."""
    from sqlalchemy import text

    try:
        with ledger.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 — a ledger too damaged to say is shown as 未知
        return None


def manual_path() -> Path:
    return resources_dir().joinpath(*MANUAL)


def manual_text() -> str:
    return manual_path().read_text(encoding="utf-8")
