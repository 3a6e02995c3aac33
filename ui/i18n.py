"""The language of the window. Qt's own words (the file dialog's 打开/取消, a message box's
是/否, a text box's right-click menu) come from the `qtbase_<lang>.qm` that PySide6 ships;
PartyDesk's own from `resources/i18n/partydesk_<lang>.qm` when one exists (the sources are
Chinese, so zh_CN needs none).

The language is zh_CN unless the PARTYDESK_LANG environment variable or the `ui/language`
setting names another (used to prove the window can switch)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

DEFAULT_LANGUAGE = "zh_CN"
APP_I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def ui_language() -> str:
    return os.environ.get("PARTYDESK_LANG") or str(
        QSettings().value("ui/language", DEFAULT_LANGUAGE)
    )


def _qt_translation_dirs() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own idea, PySide6's folder, the frozen folder."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath))]
    try:
        import PySide6

        dirs.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    except ImportError:  # pragma: no cover - PySide6 is what we run on
        pass
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs += [Path(frozen) / "PySide6" / "Qt" / "translations", Path(frozen) / "translations"]
    return dirs


def _app_translation_dirs() -> list[Path]:
    dirs = [APP_I18N]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen) / "resources" / "i18n")
    return dirs


def install_translations(app: QApplication, language: str | None = None) -> list[str]:
    """Install Qt's and PartyDesk's translators for `language` (default: `ui_language()`)
    and make it the default locale (calendar month names, 上午/下午). Returns the files
    loaded. Safe to call again: the previous translators are removed first."""
    language = language or ui_language()
    for old in getattr(app, "_partydesk_translators", []):
        app.removeTranslator(old)
    loaded: list[str] = []
    translators: list[QTranslator] = []
    for stem, dirs in (
        (f"qtbase_{language}", _qt_translation_dirs()),
        (f"partydesk_{language}", _app_translation_dirs()),
    ):
        for d in dirs:
            tr = QTranslator(app)
            if (d / f"{stem}.qm").is_file() and tr.load(stem, str(d)):
                app.installTranslator(tr)
                translators.append(tr)
                loaded.append(str(d / f"{stem}.qm"))
                break
    app._partydesk_translators = translators
    QLocale.setDefault(QLocale(language))
    return loaded
