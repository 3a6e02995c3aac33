"""Every kind of document opens in the one preview-and-print window from its page, and
printing it to Qt's PDF printer keeps its text (pdftotext finds what the clerk printed)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.preview_check import printed_text


def _go(win, module: str):
    win.nav.setCurrentRow(list(win.pages()).index(module))
    return win.pages()[module]


def _org(ids) -> int:
    return ids["orgs"][0]  # 中共星光科技有限公司支部委员会: 张伟, 王芳, 陈静


def book(win, ids, ledger):
    page = _go(win, "ui.records.page")
    page.set_org(_org(ids))
    return win.print_current() or page  # built first, then shown: see page.preview


def certificates(win, ids, ledger):
    from partydesk.certs import registry

    with ledger.session() as s:
        registry.issue(s, "instructor", [registry.Holder("王建国")], issued_on=date.today())
    page = _go(win, "ui.certs.page")
    page.reload()
    page.view.selectAll()
    return win.print_current()


def _points(win, ids, ledger):
    from partydesk.points.periods import of
    from partydesk.points.schemes import find_scheme

    page = _go(win, "ui.points.page")
    with ledger.session() as s:
        sc = find_scheme(s, "member")
        sid, kind = sc.id, sc.period
    page.set_selection(_org(ids), sid, of(date.today(), kind).key)
    return page


def notice(win, ids, ledger):
    _points(win, ids, ledger)
    return win.print_current()


def cards(win, ids, ledger):
    return _points(win, ids, ledger).print_sheet("cards")


def develop(win, ids, ledger):
    page = _go(win, "ui.develop.page")
    page.set_org(_org(ids))
    names = [page.people.rows[i][0] for i in range(page.people.rowCount())]
    page.people_view.selectRow(names.index("陈静"))
    return win.print_current()


def dues(win, ids, ledger):
    page = _go(win, "ui.dues.page")
    page.set_selection(_org(ids), date.today().year)
    return win.print_current()


def table_list(win, ids, ledger):
    _go(win, "ui.people.page")
    return win.print_current()


KINDS = [
    (book, ["工作纪实", "中共星光科技有限公司支部委员会"]),
    (certificates, ["王建国"]),
    (notice, ["积分公示", "张伟"]),
    (cards, ["积分卡", "张伟"]),
    (develop, ["发展党员纪实表", "陈静"]),
    (dues, ["党费收缴明细表", "张伟"]),
    (table_list, ["党员与发展对象名单", "张伟", "赵磊"]),
]


@pytest.mark.parametrize("open_it, words", KINDS, ids=[k[0].__name__ for k in KINDS])
def test_each_document_kind_previews_and_prints_with_its_text(
    main_window, sample_ids, ledger, qtbot, tmp_path, open_it, words
):
    win = open_it(main_window, sample_ids, ledger)
    if not hasattr(win, "print_to"):  # the book is built first, then its window opens
        page = win
        qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=60000)
        win = page.preview
    assert win.objectName() == "printPreview" and win.isVisible()
    text = printed_text(qtbot, win, tmp_path / "printed.pdf")
    assert win.thumbs.count() == win.pages >= 1
    missing = [w for w in words if w not in text]
    assert not missing, text[:400]
    win.close()
