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
