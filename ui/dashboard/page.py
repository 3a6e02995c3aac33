"""工作台: the first page. Coverage figures, stars by level, demonstration sites, people
by category (the pipeline), the 六个清 survey and the reminders (待办). Figures are computed
off the UI thread; each opens the list behind it."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partydesk.problems.service import counts as problem_counts
from partydesk.reminders import grouped
from partydesk.standing.figures import DashboardData, Figure, dashboard
from ui.dashboard.charts import PALETTE, FigureCard, make_chart
from ui.standing.list_dialog import ListDialog
from ui.standing.models import ReminderModel
from ui.standing.org_dialog import OrgStandingDialog
from ui.standing.survey_dialog import SurveyDialog
from ui.tasks import run_task

# Shorter words under the bars, where the full ones do not fit (keys: the core's labels).
SHORT = {
    "入党申请人": QT_TRANSLATE_NOOP("DashboardPage", "申请人"),  # i18n: data
    "入党积极分子": QT_TRANSLATE_NOOP("DashboardPage", "积极分子"),  # i18n: data
    "未评星": QT_TRANSLATE_NOOP("DashboardPage", "无星"),  # i18n: data
}


class DashboardPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("dashboard")
        self.data: DashboardData | None = None
        self._loading = None
        self._pending = False

        header = QHBoxLayout()
        self.heading = QLabel(self.tr("工作台"))
        hf = QFont(QApplication.font())
        hf.setPointSize(hf.pointSize() + 5)
        hf.setBold(True)
        self.heading.setFont(hf)
        self.state = QLabel(self.tr("正在统计…"))
        header.addWidget(self.heading)
        header.addWidget(self.state, 1)
        for text, slot in (
            (self.tr("评星定级与阵地…"), self.edit_org),
            (self.tr("六个清摸排…"), self.edit_survey),
            (self.tr("刷新"), self.refresh),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            header.addWidget(b)

        self.cards: dict[str, FigureCard] = {}
        cards = QGridLayout()
        specs = [
            ("org_coverage", self.tr("组织覆盖率")),
            ("own_rate", self.tr("单独组建率")),
            ("work_coverage", self.tr("工作覆盖率")),
            ("uncovered", self.tr("未覆盖单位")),
            ("unsurveyed", self.tr("本期未摸排单位")),
            ("demo_provincial", self.tr("省级示范点")),
            ("demo_city", self.tr("市级示范点")),
            ("demo_county", self.tr("县级示范点")),
            ("open_problems", self.tr("未销号问题")),
        ]
        for i, (key, label) in enumerate(specs):
            card = FigureCard(key, label)
            card.clicked.connect(lambda _=False, k=key: self.open_figure(k))
            self.cards[key] = card
            cards.addWidget(card, i // 4, i % 4)

        self.cov_chart, cov_view = make_chart(self.tr("两个覆盖"))
        self.star_chart, star_view = make_chart(self.tr("评星定级"))
        self.cat_chart, cat_view = make_chart(self.tr("党员与发展"))
        charts = QHBoxLayout()
        for v in (cov_view, star_view, cat_view):
            charts.addWidget(v, 1)

        self.reminders = ReminderModel(self)
        self.rem_view = QTableView()
        self.rem_view.setObjectName("reminders")
        self.rem_view.setModel(self.reminders)
        self.rem_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.rem_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rem_view.verticalHeader().hide()
        self.rem_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.rem_view.setMinimumHeight(180)
        # Fixed widths from the font: resizeColumnToContents reads ~1000 rows (0.7 s at 100k)
        fm = self.rem_view.fontMetrics()
        self.rem_view.setColumnWidth(0, fm.horizontalAdvance("2026-12-31") + 16)
        self.rem_view.setColumnWidth(1, fm.horizontalAdvance(self.tr("已逾期9999天")) + 16)
        self.rem_title = QLabel(self.tr("待办"))
        self.rem_title.setFont(hf)
        self.rem_kinds = QLabel()
        self.rem_kinds.setObjectName("reminderKinds")
        self.rem_kinds.setWordWrap(True)  # many kinds must not widen the page
        rem_head = QHBoxLayout()
        rem_head.addWidget(self.rem_title)
        rem_head.addWidget(self.rem_kinds, 1)

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.addLayout(header)
        lay.addLayout(cards)
        lay.addLayout(charts)
        lay.addLayout(rem_head)
        lay.addWidget(self.rem_view, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute every figure off the UI thread (again after any running load)."""
        if self._loading is not None:
            self._pending = True
            return
        self.state.setText(self.tr("正在统计…"))
        ledger = self.ctx.ledger
        today = date.today()

        def work(task):
            with ledger.session() as s:
                d = dashboard(s, today, task.progress, lambda: task.cancelled)
                if d is not None:  # the problem list's counts ride along with the figures
                    d.problems = problem_counts(s, today)
                return d

        self._loading = run_task(
            self, self.tr("正在统计工作台数据…"), work, self._loaded, self._failed
        )

    def _finish_load(self) -> None:
        self._loading = None
        if self._pending:
            self._pending = False
            self.refresh()

    def _failed(self, exc) -> None:
        if not shiboken6.isValid(self):
            return
        self.state.setText(self.tr("统计失败：") + str(exc))
        self._finish_load()

    def _loaded(self, data: DashboardData | None) -> None:
        if not shiboken6.isValid(self):  # the window closed while figures were computed
            return
        self._finish_load()
        if data is None:
            self.state.setText(self.tr("已取消统计。"))
            return
        self.data = data
        self.show_data(data)

    def show_data(self, d: DashboardData) -> None:
        note = f"　{d.coverage_note}" if d.coverage_note else ""
        self.state.setText(self.tr("统计日期：") + d.today.isoformat() + note)
        by_key = {f.key: f for f in d.all_figures()}
        for key, card in self.cards.items():
            card.set_figure(by_key.get(key))
        self._fill_coverage(d)
        self.star_chart.setTitle(self.tr("评星定级（%1年度）").replace("%1", str(d.rating_year)))
        self._fill_bars(
            self.star_chart,
            d.stars,
            self.tr("%1年度（个）").replace("%1", str(d.rating_year)),
            "#c0392b",
        )
        self._fill_bars(self.cat_chart, d.categories, self.tr("人数"), "#2e86c1", horizontal=True)
        # grouped by kind, the groups with overdue items first, as `partydesk due` prints
        groups = grouped(d.reminders, d.today)
        self.reminders.set_items([r for g in groups for r in g.items], d.today)
        late = sum(g.overdue for g in groups)
        self.rem_title.setText(
            self.tr("待办（%1项，逾期%2项）")
            .replace("%1", str(len(d.reminders)))
            .replace("%2", str(late))
        )
        self.rem_kinds.setText(
            "　".join(
                f"{g.label} {g.count}"
                + (self.tr("（逾期%1）").replace("%1", str(g.overdue)) if g.overdue else "")
                for g in groups
            )
        )
        problems = getattr(d, "problems", None)
        if problems is not None:
            self.cards["open_problems"].set_figure(
                Figure(
                    "open_problems",
                    self.tr("未销号问题（逾期%1）").replace("%1", str(problems.overdue)),
                    str(problems.open),
                    "problem",
                    count=problems.open,
                )
            )

    def _fill_coverage(self, d: DashboardData) -> None:
        chart = self.cov_chart
        chart.removeAllSeries()
        font = QFont(QApplication.font())
        series = QPieSeries()
        for i, fig in enumerate(d.coverage_parts):
            if fig.count == 0:
                continue
            sl = series.append(f"{fig.label} {fig.count}", fig.count)
            sl.setColor(QColor(PALETTE[i % len(PALETTE)]))
            sl.setLabelFont(font)
            sl.setProperty("figure_key", fig.key)
        series.clicked.connect(lambda sl: self.open_figure(sl.property("figure_key")))
        chart.addSeries(series)
        chart.legend().setAlignment(Qt.AlignRight)
        if not d.coverage_parts:
            chart.setTitle(self.tr("两个覆盖（暂无统计）"))
        elif not series.count():
            chart.setTitle(self.tr("两个覆盖（暂无在营单位）"))
        else:
            chart.setTitle(self.tr("两个覆盖"))

    def _fill_bars(
        self, chart: QChart, figs: list[Figure], unit: str, color: str, horizontal: bool = False
    ) -> None:
        if horizontal:
            figs = list(reversed(figs))  # bars are laid out bottom-up: keep the first on top
        chart.removeAllSeries()
        for ax in chart.axes():
            chart.removeAxis(ax)
        font = QFont(QApplication.font())
        font.setPointSize(max(7, font.pointSize() - 1))
        bar = QBarSet(unit)
        bar.setColor(QColor(color))
        bar.setLabelColor(QColor("#222222"))
        for f in figs:
            bar.append(f.count)
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        keys = [f.key for f in figs]
        series.clicked.connect(lambda index, _set: self.open_figure(keys[index]))
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(
            [
                QCoreApplication.translate("DashboardPage", SHORT[f.label])
                if f.label in SHORT
                else f.label
                for f in figs
            ]
        )
        x.setLabelsFont(font)
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setRange(0, max([f.count for f in figs] + [4]) * 1.15)
        y.applyNiceNumbers()  # whole-number ticks: 0, 2, 4 … rather than 0, 2.3, 4.6 …
        y.setLabelsFont(font)
        if horizontal:  # categories down the side, where their words have room
            figs_axis, value_axis = Qt.AlignLeft, Qt.AlignBottom
        else:
            figs_axis, value_axis = Qt.AlignBottom, Qt.AlignLeft
        chart.addAxis(x, figs_axis)
        chart.addAxis(y, value_axis)
        series.attachAxis(x)
        series.attachAxis(y)
        chart.legend().setVisible(False)

    # -- opening lists and editors -------------------------------------------------------
    def open_figure(self, key: str) -> ListDialog | None:
        if self.data is None:
            return None
        if key == "open_problems":  # the problem list has a page of its own
            win, name = self.ctx.window, "ui.problems.page"
            if name in win.pages():
                win.nav.setCurrentRow(list(win.pages()).index(name))
            return None
        try:
            fig = self.data.figure(key)
        except KeyError:
            return None
        dlg = ListDialog(
            self.ctx,
            f"{fig.label}（{fig.count}）",
            fig.kind,
            fig.ids,
            self,
            year=self.data.rating_year,
        )
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def edit_org(self) -> None:
        OrgStandingDialog(self.ctx, parent=self).exec()

    def edit_survey(self) -> None:
        SurveyDialog(self.ctx, parent=self).exec()


def create_page(ctx):
    return DashboardPage(ctx)
