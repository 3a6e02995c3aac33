"""The 六个清 survey dialog updates the unit's facts from its answers, says so in the status
bar, and one undo takes back both the survey and the unit's facts."""

from __future__ import annotations

from partydesk.ledger.models import Unit
from partydesk.ledger.models.standing import UnitSurvey
from tests.ui.test_tables import type_text
from ui.standing.survey_dialog import SurveyDialog


def test_survey_dialog_updates_the_unit_and_undo_takes_both_back(
    main_window, qtbot, ledger, sample_ids
):
    uid = sample_ids["units"][0]  # 星光科技有限公司, 120 employees
    dlg = SurveyDialog(main_window.ctx, uid, main_window)
    qtbot.addWidget(dlg)
    assert dlg.fields["employees"].text() == "120"
    dlg.fields["employees"].setText("135")
    type_text(dlg.surveyor, "赵敏")
    dlg.save()
    with ledger.session() as s:
        assert s.get(Unit, uid).employees == 135
        assert s.query(UnitSurvey).count() == 1
    assert "单位信息已更新：从业人员数 120 → 135" in main_window.statusBar().currentMessage()
    main_window.undo_stack.undo()
    with ledger.session() as s:
        assert s.get(Unit, uid).employees == 120
        assert s.query(UnitSurvey).count() == 0
    main_window.undo_stack.redo()
    with ledger.session() as s:
        assert s.get(Unit, uid).employees == 135
        assert s.query(UnitSurvey).count() == 1
