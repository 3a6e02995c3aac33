from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from partydesk.certs import registry
from partydesk.errors import NotFoundError, ValidationError
from partydesk.ledger.models.certs import Certificate, CertificateSerial

TODAY = date(2026, 11, 20)


def _issue_names(s, n, kind="instructor", on=TODAY):
    return registry.issue(s, kind, [registry.Holder(f"持证人{i}") for i in range(n)], issued_on=on)


def test_batch_serials_are_unique_and_follow_the_pattern(ledger):
    with ledger.session() as s:
        certs = _issue_names(s, 120)
        certs += _issue_names(s, 30)
    serials = [c.serial for c in certs]
    assert len(set(serials)) == 150
    assert serials[0] == "2026ZD0001" and serials[-1] == "2026ZD0150"


def test_serials_never_reused_after_revoke_reissue_delete_or_pattern_change(ledger):
    with ledger.session() as s:
        first = [c.serial for c in _issue_names(s, 3)]
        registry.revoke(s, first[0], "调离党建指导员岗位", TODAY)
        new = registry.reissue(s, first[1], TODAY, "证书遗失")
        registry.delete(s, first[2], TODAY, "误录")
        later = [c.serial for c in _issue_names(s, 2)]
        # an office changes the pattern to one that can produce numbers already used
        registry.update_template(s, "instructor", serial_pattern="{year}{kind_code}{seq:04d}X")
        registry.update_template(s, "instructor", serial_pattern="{year}{kind_code}{seq:04d}")
        more = [c.serial for c in _issue_names(s, 2)]
        all_serials = list(s.scalars(select(CertificateSerial.serial)))
    assert new.serial == "2026ZD0004"
    assert later == ["2026ZD0005", "2026ZD0006"]
    assert not set(more) & set(first + later + [new.serial])
    assert len(all_serials) == len(set(all_serials)) == 3 + 1 + 2 + 2


def test_pattern_with_overlapping_counter_skips_used_numbers(ledger):
    with ledger.session() as s:
        _issue_names(s, 2)
        # a second pattern string yielding the same numbers: its own counter starts at 0
        registry.update_template(s, "instructor", serial_pattern="{year}{kind_code}{seq:04}")
        got = [c.serial for c in _issue_names(s, 2)]
    assert got == ["2026ZD0003", "2026ZD0004"]


def test_failed_batch_allocates_nothing(ledger):
    with pytest.raises(ValidationError):
        with ledger.session() as s:
            # the second holder has no 红领党务 qualification: the whole batch fails
            registry.issue(
                s,
                "party_affairs",
                [registry.Holder("甲"), registry.Holder("乙")],
                issued_on=TODAY,
                term_start=TODAY,
                term_end=TODAY,
            )
    with ledger.session() as s:
        assert s.scalars(select(Certificate)).all() == []
        assert [c.serial for c in _issue_names(s, 1)] == ["2026ZD0001"]


def test_revoked_serial_fails_verification_with_its_reason(ledger):
    with ledger.session() as s:
        c = _issue_names(s, 1)[0]
        check = registry.certificate_check(s, c)
        assert registry.verify(s, c.serial, check, today=TODAY).state == "valid"
        registry.revoke(s, c.serial, "调离党建指导员岗位", TODAY)
        v = registry.verify(s, registry.qr_text(c.serial, check), today=TODAY)
    assert v.state == "revoked" and not v.ok
    assert "调离党建指导员岗位" in v.message and c.serial in v.message


def test_replaced_serial_names_the_new_one(ledger):
    with ledger.session() as s:
        c = _issue_names(s, 1)[0]
        new = registry.reissue(s, c.serial, TODAY)
        v = registry.verify(s, c.serial, today=TODAY)
        assert new.body == c.body and new.replaces == c.serial
    assert v.state == "replaced" and new.serial in v.message


def test_forged_check_value_fails(ledger, tmp_path):
    with ledger.session() as s:
        c = _issue_names(s, 1)[0]
        good = registry.certificate_check(s, c)
        forged = "AAAA-AAAA" if good != "AAAA-AAAA" else "BBBB-BBBB"
        assert registry.verify(s, c.serial, forged, today=TODAY).state == "forged"
        # a serial invented by a forger (a plausible next number) fails too
        assert registry.verify(s, "2026ZD0002", good, today=TODAY).state == "forged"
        assert registry.verify(s, "2026ZD0002", today=TODAY).state == "unknown"
        # lower-case and without the dash is the same value
        assert registry.verify(s, c.serial.lower(), good.replace("-", "").lower(), today=TODAY).ok
    # another ledger has another secret: its check values do not verify here
    from partydesk.ledger import open_ledger

    with open_ledger(tmp_path / "other.partydesk", create=True) as other, other.session() as s2:
        assert registry.check_value(registry.ledger_secret(s2), c.serial) != good


def test_deleted_certificate_verifies_as_deleted(ledger):
    with ledger.session() as s:
        c = _issue_names(s, 1)[0]
        registry.delete(s, c.serial, TODAY, "误录")
        v = registry.verify(s, c.serial, today=TODAY)
    assert v.state == "deleted" and "误录" in v.message


def test_wording_comes_from_the_template_and_is_kept_as_issued(ledger, staffed):
    with ledger.session() as s:
        h = registry.holder_for(s, instructor=staffed["a"])
        c = registry.issue(s, "instructor", [h], issued_on=date(2026, 1, 5))[0]
        body = c.body
        registry.update_template(s, "instructor", body="兹聘请 {name} 同志为党建指导员。")
        again = registry.get(s, c.serial)
    assert body.startswith("兹聘请 王建国 同志为两新组织党建指导员")
    assert "鲁信物流有限公司、海岳科技有限公司、中共北辰律师事务所支部委员会" in body
    assert "2026年1月5日起至2027年1月4日止" in body
    assert again.body == body


def test_bad_template_and_kind_are_refused_in_chinese(ledger):
    with ledger.session() as s:
        with pytest.raises(ValidationError, match="占位符"):
            registry.update_template(s, "instructor", body="兹聘请 {name} 同志为{job}")
        with pytest.raises(ValidationError, match="序号"):
            registry.update_template(s, "instructor", serial_pattern="{year}{kind_code}")
        with pytest.raises(ValidationError, match="未知的证书种类"):
            registry.template(s, "diploma")
        with pytest.raises(NotFoundError):
            registry.get(s, "2026ZD9999")
        c = _issue_names(s, 1)[0]
        with pytest.raises(ValidationError, match="原因"):
            registry.revoke(s, c.serial, "  ", TODAY)


def test_batch_candidates_are_instructors_without_a_valid_certificate_this_year(ledger, staffed):
    with ledger.session() as s:
        first = registry.holders_missing(s, "instructor", 2026)
        assert [h.name for h in first] == ["王建国", "李秀梅"]  # 赵海 is not active
        certs = registry.issue(s, "instructor", first, issued_on=TODAY)
        assert registry.holders_missing(s, "instructor", 2026) == []
        registry.revoke(s, certs[1].serial, "调离", TODAY)
        assert [h.name for h in registry.holders_missing(s, "instructor", 2026)] == ["李秀梅"]


def test_formal_date():
    assert registry.cn_formal_date(date(2026, 1, 5)) == "二〇二六年一月五日"
    assert registry.cn_formal_date(date(2030, 12, 31)) == "二〇三〇年十二月三十一日"
    assert registry.cn_formal_date(date(2026, 10, 20)) == "二〇二六年十月二十日"
