"""The dashboard's pieces of drawing: a figure card (a number that opens the list behind it)
and a chart with the application's font; the colours of the chart series."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from partydesk.standing.figures import Figure

# Shorter words under the bars, where the full ones do not fit.


PALETTE = ["#c0392b", "#e67e22", "#2e86c1", "#95a5a6", "#8e44ad", "#16a085"]


class FigureCard(QPushButton):
    """A big number with its label; clicking it opens the list behind it."""

    def __init__(self, key: str, label: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"card_{key}")
        self.setCursor(Qt.PointingHandCursor)
        self.setMinimumSize(150, 78)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.value_label = QLabel("…")
        self.value_label.setObjectName("value")
        self.value_label.setAlignment(Qt.AlignCenter)
        self.title_label = QLabel(label)
        self.title_label.setAlignment(Qt.AlignCenter)
        for w in (self.value_label, self.title_label):
            w.setAttribute(Qt.WA_TransparentForMouseEvents)
        f = QFont(QApplication.font())
        f.setPointSize(f.pointSize() + 10)
        f.setBold(True)
        self.value_label.setFont(f)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(self.value_label)
        lay.addWidget(self.title_label)

    def set_figure(self, fig: Figure | None) -> None:
        self.value_label.setText(fig.value if fig else "—")
        if fig:
            self.title_label.setText(fig.label)
            self.setToolTip(self.tr("点击查看名单（%1条）").replace("%1", str(fig.count)))
        self.setEnabled(fig is not None)


def make_chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setBackgroundRoundness(4)
    chart.setMargins(chart.margins().__class__(4, 4, 4, 4))
    font = QFont(QApplication.font())  # QtCharts does not inherit the app font: set it
    title_font = QFont(font)
    title_font.setBold(True)
    title_font.setPointSize(font.pointSize() + 1)
    chart.setTitleFont(title_font)
    chart.legend().setFont(font)
    view = QChartView(chart)
    view.setRenderHint(QPainter.Antialiasing)
    view.setMinimumHeight(240)
    return chart, view
