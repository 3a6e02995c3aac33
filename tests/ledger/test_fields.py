"""One validator per field, used by the window, paste and import alike."""

from datetime import date

import pytest

from partydesk.errors import ValidationError
from partydesk.ledger import fields
from partydesk.ledger.models import Organization


@pytest.mark.parametrize(
    "entity, name, raw, stored",
    [
        ("person", "id_number", " 11010519491231002x ", "11010519491231002X"),
        ("person", "category", "预备党员", "probationary"),
        ("person", "category", "积极分子", "activist"),
        ("person", "sex", "女", "F"),
        ("person", "admitted_on", "2019年7月1日", date(2019, 7, 1)),
        ("person", "admitted_on", "2019.07", date(2019, 7, 1)),
        ("person", "admitted_on", 43647, date(2019, 7, 1)),
        ("person", "is_flowing", "是", True),
        ("person", "is_flowing", "", False),
        ("person", "phone", 13812345678.0, "13812345678"),
        ("person", "note", "  ", None),
        ("unit", "credit_code", "91512081ma62k0260e", "91512081MA62K0260E"),
        ("unit", "employees", "1,200", 1200),
        ("org", "formation", "联合建", "joint"),
    ],
)
def test_clean_accepts_what_offices_type(entity, name, raw, stored):
    assert fields.clean(entity, name, raw, today=date(2025, 1, 1)) == stored


@pytest.mark.parametrize(
    "entity, name, raw, reason",
    [
        ("person", "id_number", "110105194912310021", "公民身份证号：身份证号校验位错误"),
        ("person", "id_number", 1.10105194912310e17, "存成了数字"),
        ("person", "name", "", "姓名：不能为空"),
        ("person", "admitted_on", "2030-01-01", "不能是将来的日期"),
        ("person", "category", "群众", "人员类别：应为入党申请人、入党积极分子"),
        ("person", "phone", "12345", "手机号："),
        ("unit", "credit_code", "91350100M000100Y4Z", "统一社会信用代码："),
        ("unit", "employees", "很多", "应为整数"),
        ("person", "is_flowing", "也许", "应填“是”或“否”"),
    ],
)
def test_clean_refuses_with_a_chinese_reason(entity, name, raw, reason):
    with pytest.raises(ValidationError) as e:
        fields.clean(entity, name, raw, today=date(2025, 1, 1))
    assert reason in str(e.value)
    assert e.value.field == name


def test_org_reference_by_unique_part_of_name(ledger):
    with ledger.session() as s:
        s.add_all(
            [Organization(name="中共甲公司支部委员会"), Organization(name="中共乙公司支部委员会")]
        )
    with ledger.session() as s:
        org_id = fields.clean("person", "org_id", "甲公司", session=s)
        assert s.get(Organization, org_id).name == "中共甲公司支部委员会"
        with pytest.raises(ValidationError, match="多个党组织"):
            fields.clean("person", "org_id", "公司", session=s)


def test_cross_field_checks():
    vals = {"id_number": "11010519491231002X", "birth_date": date(1950, 1, 1), "sex": "M"}
    problems = fields.check_record("person", vals)
    assert any("出生日期" in p for p in problems) and any("性别" in p for p in problems)
    derived = fields.derive_from_id({"id_number": "11010519491231002X"})
    assert derived["birth_date"] == date(1949, 12, 31) and derived["sex"] == "F"
    assert fields.check_record(
        "person", {"applied_on": date(2020, 1, 1), "activist_on": date(2019, 1, 1)}
    )
