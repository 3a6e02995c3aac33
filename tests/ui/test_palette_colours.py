"""Table colours come from the palette: a revoked certificate, a replaced one, a candidate
whose next step is overdue read at WCAG 4.5:1 on the rows of a light and of a dark theme
(the fixed dark red and grey they were drawn in did not, on a dark one)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ui.widgets.colors import WORDS, cell, contrast, tint

# Roles of real system themes: KDE's Breeze and Breeze Dark, and Windows' dark mode.
THEMES = {
    "breeze-light": {
        QPalette.Window: "#eff0f1",
        QPalette.WindowText: "#232629",
        QPalette.Base: "#fcfcfc",
        QPalette.AlternateBase: "#eff0f1",
        QPalette.Text: "#232629",
        QPalette.Button: "#eff0f1",
        QPalette.ButtonText: "#232629",
    },
    "breeze-dark": {
        QPalette.Window: "#31363b",
        QPalette.WindowText: "#eff0f1",
        QPalette.Base: "#1b1e20",
        QPalette.AlternateBase: "#232629",
        QPalette.Text: "#eff0f1",
        QPalette.Button: "#31363b",
        QPalette.ButtonText: "#eff0f1",
    },
    "windows-dark": {
        QPalette.Window: "#202020",
        QPalette.WindowText: "#ffffff",
        QPalette.Base: "#191919",
        QPalette.AlternateBase: "#2b2b2b",
        QPalette.Text: "#ffffff",
        QPalette.Button: "#333333",
        QPalette.ButtonText: "#ffffff",
    },
}


@pytest.fixture(params=["qt-default", *THEMES])
def theme(request, qapp):
    old = QGuiApplication.palette()
    if request.param != "qt-default":
        pal = QPalette()
        for role, colour in THEMES[request.param].items():
            pal.setColor(role, QColor(colour))
        qapp.setPalette(pal)
    yield request.param
    qapp.setPalette(old)


def readable_on_rows(view, colour) -> float:
    """The worse contrast of `colour` on the view's two row colours."""
    if hasattr(colour, "color"):  # a QBrush
        colour = colour.color()
    pal = view.palette()
    rows = (pal.color(QPalette.Base), pal.color(QPalette.AlternateBase))
    return min(contrast(colour, row) for row in rows)


def test_every_state_colour_reads_on_the_theme(theme):
    pal = QGuiApplication.palette()
    base, alt, text = (pal.color(r) for r in (QPalette.Base, QPalette.AlternateBase, QPalette.Text))
    for kind in WORDS:
        c = cell(kind)
        assert min(contrast(c, base), contrast(c, alt)) >= 4.5, (theme, kind, c.name())
        assert contrast(text, tint(kind)) >= 4.5, (theme, kind, tint(kind).name())
        assert tint(kind) != base  # still a tint, not the plain row


def test_the_fixed_shades_were_unreadable_in_a_dark_theme():
    """What the tables drew before: #b71c1c red and #808080 grey on Breeze Dark's rows."""
    dark = [QColor(THEMES["breeze-dark"][r]) for r in (QPalette.Base, QPalette.AlternateBase)]
    assert min(contrast(QColor("#b71c1c"), b) for b in dark) < 3
    assert min(contrast(QColor("#808080"), b) for b in dark) < 4.5


def test_certificates_and_develop_tables_read_in_light_and_dark(
    theme, main_window, sample_ids, ledger, qtbot, tmp_path
):
    from partydesk.certs import registry
    from partydesk.develop.service import record_step

    today = date.today()
    with ledger.session() as s:
        a, b, _c = (
            c.serial
            for c in registry.issue(
                s, "instructor", [registry.Holder(n) for n in ("王建国", "李秀梅", "孙丽")],
                issued_on=today,
            )
        )  # fmt: skip
        registry.revoke(s, a, "调离岗位", today)
        registry.reissue(s, b, today)
        # 陈静 applied two months ago: the talk (step 2) was due a month after
        record_step(s, sample_ids["陈静"], 1, today - timedelta(days=60), today=today)

    certs = main_window.pages()["ui.certs.page"]
    main_window.nav.setCurrentRow(list(main_window.pages()).index("ui.certs.page"))
    certs.reload()
    states = {r[-1]: i for i, r in enumerate(certs.model.rows)}
    assert {"revoked", "replaced", "valid"} <= set(states)
    for state in ("revoked", "replaced"):
        colour = certs.model.index(states[state], 0).data(Qt.ForegroundRole)
        assert colour is not None
        assert readable_on_rows(certs.view, colour) >= 4.5, (theme, state, colour.name())
    assert certs.model.index(states["valid"], 0).data(Qt.ForegroundRole) is None
    certs.view.resize(900, 160)
    certs.view.grab().save(str(tmp_path / f"certs-{theme}.png"))

    dev = main_window.pages()["ui.develop.page"]
    main_window.nav.setCurrentRow(list(main_window.pages()).index("ui.develop.page"))
    dev.set_org(sample_ids["orgs"][0])
    dev.reload()
    names = [dev.people.rows[i][0] for i in range(dev.people.rowCount())]
    late = dev.people.index(names.index("陈静"), 5)
    assert "逾期" in late.data()
    assert readable_on_rows(dev.people_view, late.data(Qt.ForegroundRole)) >= 4.5, theme
