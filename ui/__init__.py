"""The PySide6 layer: main window, pages, dialogs, workers. Laid out like the core, one
package per feature (`ui/points/` faces `partydesk/points/` …); the shared table machinery is
`ui/table/`, helpers every page uses are `ui/widgets/`, the navigation pages are listed in
`ui/pages.py`.

It calls the core (`partydesk`); the core never calls it."""


def _skip_pyside_feature_scan() -> None:
    """PySide6 reads and tokenizes the source of every module imported after it, to learn
    whether it says `from __feature__ import snake_case, true_property` (PartyDesk never
    does): at start that is some 300 modules, SQLAlchemy's among them — 130 ms of CPU of
    the window's 780 ms of imports here. Every module is taken as not using the features
    instead (for a module without them Qt behaves the same either way). Any other PySide6
    whose hook differs is left alone."""
    import sys

    import PySide6.QtCore  # noqa: F401  (installs the hook)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False


_skip_pyside_feature_scan()
