"""Property tests: whatever a cell holds, cleaning it gives a value or a row error
(ValidationError) — never a crash that would abort the whole import."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partydesk.errors import ValidationError
from partydesk.excel import mapping
from partydesk.excel.links import link
from partydesk.excel.planning import cell_cleaner
from partydesk.ledger import fields
from partydesk.ledger.models import Organization
from partydesk.rules.dates import parse_date

# What openpyxl can hand us for a cell, plus text shaped like what offices type.
office_text = st.one_of(
    st.text(max_size=30),
    st.from_regex(
        r"\s?[0-9０-９]{2,4}[年./\-]?[0-9０-９]{1,2}[月./\-]?[0-9０-９]{0,2}日?\s?", fullmatch=True
    ),
    st.from_regex(r"[0-9０-９xX ]{15,20}", fullmatch=True),
    st.sampled_from(
        ["是", "否", "√", "正式党员", "积极分子", "男", "女", "inf", "nan", "-0", "1e400", "1,2,3"]
    ),
)
cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime(1, 1, 1)),
    st.dates(),
    office_text,
)
ALL_FIELDS = [(e.key, f.name) for e in fields.ENTITIES.values() for f in e.fields]


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    from partydesk.ledger import open_ledger

    lg = open_ledger(tmp_path_factory.mktemp("prop") / "l.partydesk", create=True)
    with lg.session() as s:
        s.add_all(
            [Organization(name="中共甲公司支部委员会"), Organization(name="中共乙公司支部委员会")]
        )
    s = lg.Session()
    yield s
    s.close()
    lg.close()


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(ALL_FIELDS), raw=cell)
def test_every_field_gives_a_value_or_a_row_error(session, field, raw):
    entity, name = field
    clean = cell_cleaner(entity, name, session, date(2025, 6, 30))
    try:
        v = clean(raw)
    except ValidationError as e:
        assert e.field == name and str(e).startswith(fields.label_of(entity, name) + "：")
        return
    # what is accepted is stored as the column's type
    kind = fields.entity(entity).field(name).kind
    expected = {
        "int": int,
        "bool": bool,
        "date": date,
        "past_date": date,
        "org": int,
        # a unit of the ledger, or a name it does not have, kept as text
        "unit": (int, fields.UnitText),
    }.get(kind, str)
    assert v is None or isinstance(v, expected)
    if isinstance(v, fields.UnitText):
        assert v == str(raw).strip() and isinstance(raw, str)
    if kind == "idcard" and v is not None:
        assert len(v) == 18


@settings(max_examples=150, deadline=None)
@given(raw=cell)
def test_parse_date_raises_only_value_error(raw):
    try:
        d = parse_date(raw)
    except ValueError:
        return
    assert d is None or isinstance(d, date)


@settings(max_examples=200, deadline=None)
@given(header=st.one_of(st.none(), st.text(max_size=20), st.integers()))
def test_header_mapping_never_raises(header):
    for entity in fields.ENTITIES:
        name = mapping.guess_field(entity, header)
        # a field, or a link column (an organization's 所在单位)
        assert name is None or name in fields.entity(entity).by_name or link(entity, name)
