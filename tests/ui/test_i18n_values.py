"""In another language the window shows its words translated but stores and compares the
ledger's own: a yes/no cell reads Yes/No in English and still writes 是 (True)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox

from partydesk.ledger.models import Unit
from tests.ui.test_tables import cell, commit, page
from ui.i18n import install_translations


@pytest.fixture
def english(qapp):
    install_translations(qapp, "en")
    yield
    install_translations(qapp, "zh_CN")
    QLocale.setDefault(QLocale("zh_CN"))


def test_a_yes_no_cell_shows_english_and_stores_the_ledger_value(
    english, main_window, qtbot, ledger, sample_ids
):
    p = page(main_window, "units")
    idx = cell(p, "星光科技有限公司", "has_union")
    p.view.setCurrentIndex(idx)
    p.view.edit(idx)
    combo = p.view.viewport().findChild(QComboBox)  # the cell's editor
    assert [combo.itemText(i) for i in range(combo.count())] == ["No", "Yes"]
    combo.setCurrentIndex(1)
    commit(qtbot, combo)
    with ledger.session() as s:
        assert s.get(Unit, sample_ids["units"][0]).has_union is True
    assert p.model.data(cell(p, "星光科技有限公司", "has_union")) == "Yes"
    # the detail form shows the stored word in English and sees no change of its own
    p.detail.load(sample_ids["units"][0])
    box = p.detail.editors["has_union"]
    assert box.currentText() == "Yes"
    assert p.detail.changed_values() == {}
    box.setCurrentIndex(0)
    assert p.detail.changed_values() == {"has_union": "否"}
