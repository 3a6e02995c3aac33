"""身份证号, 统一社会信用代码 and mobile numbers, table-driven, with the published examples."""

from datetime import date

import pytest

from partydesk.rules import creditcode, idcard, phone


@pytest.mark.parametrize(
    "text, number, born, sex",
    [
        ("11010519491231002X", "11010519491231002X", date(1949, 12, 31), "F"),
        ("11010519491231002x", "11010519491231002X", date(1949, 12, 31), "F"),
        (" 110105 19491231002X ", "11010519491231002X", date(1949, 12, 31), "F"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", date(1949, 12, 31), "F"),
        (idcard.make("320102", date(1990, 5, 17), 13, "M"), None, date(1990, 5, 17), "M"),
    ],
)
def test_valid_id_numbers_give_birth_date_and_sex(text, number, born, sex):
    info = idcard.parse(text)
    assert info.birth_date == born
    assert info.sex == sex
    if number:
        assert info.number == number


@pytest.mark.parametrize(
    "text, reason",
    [
        ("110105194912310021", "校验位错误（末位应为X）"),
        ("11010519491231002", "应为18位，实际为17位"),
        ("11010519491331002X", "出生日期无效"),
        ("1101051949123100AX", "前17位须为数字"),
        ("", "为空"),
        (None, "为空"),
        ("1.10105194912E+17", "应为18位"),
    ],
)
def test_invalid_id_numbers_say_why(text, reason):
    assert not idcard.is_valid(text)
    assert reason in idcard.error(text)


def test_credit_code_published_examples():
    assert creditcode.is_valid("91512081MA62K0260E")
    assert not creditcode.is_valid("91350100M000100Y4Z")
    assert "不允许的字符" in creditcode.error("91350100M000100Y4Z")  # Z is not in the alphabet
    assert creditcode.parse(" 91512081ma62k0260e ") == "91512081MA62K0260E"


@pytest.mark.parametrize("body", ["91512081MA62K0260", "12100000400000001", "52110000MJ0000000"])
def test_credit_code_make_roundtrip(body):
    code = creditcode.make(body)
    assert creditcode.is_valid(code)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert "校验位错误" in creditcode.error(wrong)


@pytest.mark.parametrize(
    "text, ok",
    [
        ("13812345678", True),
        ("199 1234 5678", True),
        ("+8615012345678", True),
        ("１３８１２３４５６７８", True),
        ("12812345678", False),
        ("1381234567", False),
        ("138123456789", False),
        ("0571-8888888", False),
    ],
)
def test_mobile_numbers(text, ok):
    assert phone.is_valid(text) is ok


@pytest.mark.parametrize("sex", ["M", "F"])
@pytest.mark.parametrize("seq", [0, 1, 998, 999])
def test_make_gives_the_requested_sex(seq, sex):
    number = idcard.make("339001", date(1988, 2, 29), seq, sex)
    info = idcard.parse(number)
    assert (info.sex, info.birth_date) == (sex, date(1988, 2, 29))


@pytest.mark.parametrize(
    "first17, reason",
    [
        ("11010519000229001", "出生日期无效"),  # 1900 was not a leap year
        ("11010518991231001", "出生日期不合理"),
        ("11010529991231001", "出生日期不合理"),  # in the future
    ],
)
def test_impossible_birth_dates(first17, reason):
    assert reason in idcard.error(first17 + idcard.check_char(first17))


@pytest.mark.parametrize(
    "text, reason",
    [
        ("91512081MA62K0260", "应为18位，实际为17位"),
        ("91512081MA62K0260EE", "应为18位，实际为19位"),
        ("91512081MI62K0260E", "不允许的字符：I"),
        ("91512081MA62K0260F", "校验位错误（末位应为E）"),
        ("", "为空"),
        (None, "为空"),
    ],
)
def test_invalid_credit_codes_say_why(text, reason):
    assert reason in creditcode.error(text)


def test_credit_code_full_width_and_spaces_are_folded():
    assert creditcode.parse("９１５１２０８１ＭＡ６２Ｋ０２６０Ｅ") == "91512081MA62K0260E"
    assert creditcode.parse("9151 2081 MA62 K026 0E") == "91512081MA62K0260E"


def test_mobile_errors_in_chinese():
    assert phone.error("") == "手机号为空"
    assert phone.error("1381234567") == "手机号应为11位，实际为10位"
    assert phone.error("12812345678") == "手机号应以13–19开头"
    assert phone.parse("+86 138-1234-5678") == "13812345678"


ARABIC_INDIC = {ord(c): 0x660 + int(c) for c in "0123456789"}


@pytest.mark.parametrize(
    "text, reason",
    [
        ("11010519491231002X".translate(ARABIC_INDIC), "非半角的数字"),
        ("11010519491231002X".translate({ord("1"): "١"}), "非半角的数字"),
        ("900105194912310028", "前两位90不是有效的省级行政区划代码"),
        ("720105194912310028", "前两位72不是有效的省级行政区划代码"),
    ],
)
def test_other_digits_and_unknown_provinces_are_refused(text, reason):
    assert reason in idcard.error(text)


@pytest.mark.parametrize("prefix", ["81", "82", "83", "71", "65", "11"])
def test_residence_permit_and_every_province_code_pass(prefix):
    assert idcard.is_valid(idcard.make(prefix + "0000", date(1990, 1, 1), 1, "M"))


def test_zero_width_characters_are_dropped_from_id_numbers():
    assert idcard.parse("110105\u200b19491231002X\ufeff").number == "11010519491231002X"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("9A512081MA62K0260E", "第2位（机构类别）和第3–8位"),
        ("915A2081MA62K0260E", "第2位（机构类别）和第3–8位"),
    ],
)
def test_credit_codes_need_digits_in_positions_2_to_8(text, reason):
    assert reason in creditcode.error(text)


def test_credit_code_hyphens_and_spaces_are_stripped():
    assert creditcode.parse("9151-2081 MA62-K026 0E") == "91512081MA62K0260E"


@pytest.mark.parametrize(
    "text, stored, error",
    [
        ("+86 138 1234 5678", "13812345678", None),
        ("0086-138-1234-5678", "13812345678", None),
        ("8613812345678", "13812345678", None),
        ("138\u200b1234\u200d5678", "13812345678", None),
        ("+86 138 1234 567", None, "应为11位，实际为10位"),
        ("13812345678".translate(ARABIC_INDIC), None, "只能包含数字0–9"),
    ],
)
def test_phone_prefixes_and_invisible_characters(text, stored, error):
    if stored:
        assert phone.parse(text) == stored
    else:
        assert error in phone.error(text)


@pytest.mark.parametrize(
    "number, warned",
    [("14012345678", True), ("15412345678", True), ("19912345678", False), ("16612345678", False)],
)
def test_unallocated_mobile_prefixes_are_a_warning(number, warned):
    assert phone.is_valid(number)
    assert (phone.warning(number) is not None) is warned
