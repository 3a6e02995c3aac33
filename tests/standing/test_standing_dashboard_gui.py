"""The dashboard (工作台) on a small demo ledger: the figures shown are the core's, each
opens the list behind it, and the editing dialogs store what the clerk entered (undoable)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow

from partydesk.demo import build_demo
from partydesk.ledger import open_ledger
from partydesk.standing import figures, rating, survey
from ui.context import AppContext
from ui.standing.list_dialog import ListDialog
from ui.standing.org_dialog import OrgStandingDialog
from ui.standing.survey_dialog import SurveyDialog


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.partydesk"
    build_demo(path, units=40, members=400, seed=5, today=date.today())
    return path


@pytest.fixture
def ctx(qapp, demo_path, tmp_path):
    import shutil

    path = tmp_path / "copy.partydesk"
    shutil.copy(demo_path, path)
    ledger = open_ledger(path)
    win = QMainWindow()
    c = AppContext(ledger=ledger, window=win, undo_stack=QUndoStack(win))
    yield c
    win.deleteLater()
    ledger.close()


@pytest.fixture
def page(ctx, qtbot):
    from ui.dashboard.page import create_page

    p = create_page(ctx)
    ctx.pages["ui.dashboard.page"] = p
    qtbot.waitUntil(lambda: p.data is not None, timeout=20000)
    yield p
    # not qtbot.addWidget: pytest-qt would delete the page before this wait
    qtbot.waitUntil(lambda: p._loading is None, timeout=20000)  # no load left running
    p.close()
    p.deleteLater()


def core_figures(ctx):
    with ctx.ledger.session() as s:
        return figures.dashboard(s, date.today())


def test_figures_shown_equal_the_core(page, ctx, qtbot, qtmodeltester):
    core = core_figures(ctx)
    for key in ("unsurveyed", "demo_county", "demo_city"):
        assert page.cards[key].value_label.text() == core.figure(key).value
    if core.coverage:
        assert page.cards["org_coverage"].value_label.text() == core.figure("org_coverage").value
    assert int(core.figure("unsurveyed").value) > 0  # the demo leaves some units unsurveyed
    stars = page.star_chart.series()[0].barSets()[0]
    assert [int(stars.at(i)) for i in range(stars.count())] == [f.count for f in core.stars]
    assert page.reminders.rowCount() == len(core.reminders) > 0
    qtmodeltester.check(page.reminders)
    # every provider's reminders are counted under their own heading, grouped by kind with
    # the groups with overdue items first, as `partydesk due` prints them
    from partydesk.reminders import grouped

    groups = grouped(core.reminders, core.today)
    heads = page.rem_kinds.text().split("　")
    assert len(heads) == len(groups) > 3
    for g, head in zip(groups, heads, strict=True):
        assert head == f"{g.label} {g.count}" + (f"（逾期{g.overdue}）" if g.overdue else "")
        assert not g.label.startswith(("record_", "develop_", "dues_"))
    assert groups[0].overdue and page.reminders.items[0].overdue(core.today)

    qtbot.mouseClick(page.cards["unsurveyed"], Qt.LeftButton)
    dlg = page.findChildren(ListDialog)[-1]
    assert dlg.model.rowCount() == len(core.figure("unsurveyed").ids)
    qtmodeltester.check(dlg.model)
    with ctx.ledger.session() as s:
        first = survey.find_unit(s, core.figure("unsurveyed").ids[0]).name
    assert dlg.model.index(0, 0).data() == first
    dlg.close()


def test_people_list_behind_a_category(page, ctx):
    core = core_figures(ctx)
    dlg = page.open_figure("cat_full")
    fig = core.figure("cat_full")
    assert dlg.model.rowCount() == fig.count > 200  # more than one block of rows
    last = dlg.model.index(fig.count - 1, 1).data()
    assert last == "正式党员"
    dlg.close()


def test_rating_dialog_saves_and_undoes(page, ctx, qtbot):
    with ctx.ledger.session() as s:
        from sqlalchemy import select

        from partydesk.ledger.models import Organization

        org_id = s.scalar(select(Organization.id).order_by(Organization.id))
    year = date.today().year - 5  # a year the demo did not rate (and not in the future)
    dlg = OrgStandingDialog(ctx, org_id, year)
    qtbot.addWidget(dlg)
    for spin in dlg.spins.values():
        spin.setValue(spin.maximum())
    dlg.spins["life.meetings"].setValue(0)
    assert dlg.result.text().startswith("总分 92 分")
    dlg.step_widgets["self_check"][0].setChecked(True)
    dlg.check_boxes["flag"].setChecked(True)
    dlg.g_leader.setText("陈建国")
    dlg.save()
    with ctx.ledger.session() as s:
        r = rating.get_rating(s, org_id, year)
        assert (r.total, r.stars) == (92, 5) and r.self_check_on is not None
    ctx.undo_stack.undo()
    with ctx.ledger.session() as s:
        assert rating.get_rating(s, org_id, year) is None
    ctx.undo_stack.redo()
    with ctx.ledger.session() as s:
        assert rating.get_rating(s, org_id, year).total == 92


def test_survey_dialog_records_and_the_count_drops(page, ctx, qtbot):
    before = core_figures(ctx).figure("unsurveyed")
    dlg = SurveyDialog(ctx, before.ids[0])
    qtbot.addWidget(dlg)
    assert dlg.fields["party_org"].text() != ""  # pre-filled from the ledger
    dlg.surveyor.setText("赵敏")
    dlg.save()
    qtbot.waitUntil(
        lambda: page.data is not None and page.data.figure("unsurveyed").count == before.count - 1,
        timeout=20000,
    )
    assert page.cards["unsurveyed"].value_label.text() == str(before.count - 1)
    ctx.undo_stack.undo()
    assert core_figures(ctx).figure("unsurveyed").count == before.count


def test_bars_and_slices_open_their_lists(page, ctx):
    core = core_figures(ctx)
    stars = page.star_chart.series()[0]
    stars.clicked.emit(2, stars.barSets()[0])  # the third bar: three stars
    dlg = page.findChildren(ListDialog)[-1]
    assert dlg.windowTitle() == f"三星（{core.figure('stars_3').count}）"
    assert dlg.model.ids == core.figure("stars_3").ids
    pie = page.cov_chart.series()[0]
    uncovered = [sl for sl in pie.slices() if sl.property("figure_key") == "cov_none"][0]
    pie.clicked.emit(uncovered)
    dlg = page.findChildren(ListDialog)[-1]
    assert dlg.model.ids == core.figure("uncovered").ids


def test_main_window_opens_on_the_dashboard(qtbot, demo_path, tmp_path):
    import shutil

    from ui.main_window import MainWindow

    path = tmp_path / "w.partydesk"
    shutil.copy(demo_path, path)
    win = MainWindow(open_ledger(path))
    qtbot.addWidget(win)
    assert win.nav.item(0).text() == "工作台" and win.nav.currentRow() == 0
    page = win.ctx.pages["ui.dashboard.page"]
    assert win.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.data is not None and page._loading is None, timeout=20000)
    win.ctx.ledger.close()
