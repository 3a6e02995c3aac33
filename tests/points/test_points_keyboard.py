"""Keyboard-only entry of a quarter for a 50-member branch, keystrokes counted."""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from partydesk.ledger.models import Organization, Person
from partydesk.points.periods import of
from partydesk.points.schemes import find_scheme
from partydesk.points.totals import capped, cards_by_person, compute_cards


@pytest.mark.parametrize(
    "size",
    [
        3,
        pytest.param(50, marks=pytest.mark.slow),
    ],
)
def test_a_quarter_by_keyboard_alone(qtbot, ledger, size):
    from ui.main_window import MainWindow

    with ledger.session() as s:
        org = Organization(name="中共五十人测试支部委员会")
        s.add(org)
        s.flush()
        for i in range(size):
            s.add(
                Person(
                    name=f"成员{i:02d}",
                    category=("activist", "target", "probationary")[i % 3],
                    org_id=org.id,
                )
            )
        org_id = org.id
        sc = find_scheme(s, "candidate")
        items = [(it.id, it.points, it.cap) for it in sc.items]
        sid = sc.id
    w = MainWindow(ledger)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    page = w.ctx.pages["ui.points.page"]
    w.nav.setCurrentRow(list(w.ctx.pages).index("ui.points.page"))
    period = of(date.today(), "quarter")

    keys = 0
    settling = True

    def key(k, target=None):
        nonlocal keys, settling
        qtbot.keyClick(target or QApplication.focusWidget() or page.view, k)
        keys += 1
        # Enter commits through a queued call; focus moves need the event loop too.
        if settling or k == Qt.Key_Return or keys % 25 == 0:
            QApplication.processEvents()

    # Choose the scheme and the period with the keyboard (the branch is the only one, so
    # the organization is already selected): Alt+S (the label's mnemonic; the offscreen
    # test platform has no active window for mnemonics, so focus is set directly and the
    # key counted), Down to the candidates' card; Alt+P: the current quarter is already
    # chosen; Tab, Tab (past the tab bar) into the grid.
    page.scheme_box.setFocus()
    key(Qt.Key_Down, page.scheme_box)
    assert page.scheme_box.currentData() == sid
    assert page.period_box.currentData() == period.key
    page.period_box.setFocus()
    key(Qt.Key_Tab, page.period_box)
    key(Qt.Key_Tab)
    assert QApplication.focusWidget() is page.view
    assert page.view.currentIndex().row() == 0 and page.view.currentIndex().column() == 1
    setup_keys = keys + 2  # + Alt+S and Alt+P
    settling = False

    rng = random.Random(5)
    plan = {}
    grid_keys_before = keys
    for r in range(size):
        for iid, pts, _cap in items:
            n = rng.choice([0, 0, 0, 1, 1, 2, 3]) if pts < 0 else rng.choice([0, 1, 2, 3, 4])
            if pts < 0 and rng.random() < 0.8:
                n = 0
            if n:
                key(str(n))
                plan[(r, iid)] = n
            key(Qt.Key_Tab)
    grid_keys = keys - grid_keys_before
    QApplication.processEvents()

    with ledger.session() as s:
        people = sorted(p.id for p in s.query(Person).filter(Person.org_id == org_id))
        cards = cards_by_person(
            compute_cards(s, find_scheme(s, sid), s.get(Organization, org_id), period)
        )
    with ledger.session() as s:
        from partydesk.points.totals import entry_counts

        got = entry_counts(s, find_scheme(s, sid), s.get(Organization, org_id), period)
    want = {(people[r], iid): n for (r, iid), n in plan.items()}
    assert got == want
    for r, pid in enumerate(people):
        earned = sum(capped(plan.get((r, iid), 0) * pts, cap) for iid, pts, cap in items)
        assert cards[pid].counted == max(0, min(100, 60 + earned))
    filled = len(plan)
    assert (
        grid_keys == size * len(items) + filled
    )  # one Tab per cell plus one digit per non-empty cell
    print(
        f"\nkeystrokes: setup {setup_keys}, grid {grid_keys} ({filled} of {size * len(items)} cells non-empty)"
    )
