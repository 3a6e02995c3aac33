"""Branch formation hints (组建提示): warnings, thresholds from settings."""

import pytest

from partydesk import settings
from partydesk.rules import formation


@pytest.mark.parametrize(
    "full, has_own, hint",
    [
        (2, False, None),
        (3, False, "有正式党员3名（≥3），具备单独组建党支部条件"),
        (9, False, "有正式党员9名（≥3），具备单独组建党支部条件"),
        (9, True, None),
        (0, False, None),
    ],
)
def test_unit_hint(full, has_own, hint):
    assert formation.unit_hint(full, has_own) == hint


@pytest.mark.parametrize(
    "org_type, full, members, hosts, committee, expected",
    [
        ("branch", 5, 6, 1, 1, []),
        ("branch", 45, 51, 1, 5, ["党员51名，超过50名，宜分设党支部或成立党总支"]),
        ("branch", 45, 50, 1, 5, []),
        ("joint_branch", 10, 12, 5, 3, []),
        ("joint_branch", 10, 12, 6, 3, ["联合党支部覆盖6个单位，超过5个"]),
        ("branch", 7, 7, 1, 1, ["正式党员7名（≥7），应设支部委员会3至5人，现有1人"]),
        ("branch", 7, 7, 1, 6, ["正式党员7名（≥7），应设支部委员会3至5人，现有6人"]),
        ("branch", 6, 9, 1, 1, []),
        ("branch", 2, 3, 1, 1, ["正式党员仅2名，不足3名单独组建党支部"]),
        ("joint_branch", 2, 3, 2, 1, []),
        ("committee", 80, 90, 1, 7, []),  # committees hold branches: no branch limits
        ("work_branch", 60, 60, 0, 3, ["党员60名，超过50名，宜分设党支部或成立党总支"]),
    ],
)
def test_org_warnings(org_type, full, members, hosts, committee, expected):
    assert formation.org_warnings(org_type, full, members, hosts, committee) == expected


def test_thresholds_are_editable_settings(ledger):
    with ledger.session() as s:
        assert settings.get(s, "formation")["own_branch_min_full"] == 3
        settings.put(s, "formation", {"own_branch_min_full": 5, "joint_max_units": 4})
    with ledger.session() as s:
        cfg = settings.get(s, "formation")
    assert cfg["own_branch_min_full"] == 5
    assert cfg["branch_max_members"] == 50  # defaults still fill in what was not stored
    assert formation.unit_hint(4, False, cfg) is None
    assert formation.org_warnings("joint_branch", 3, 3, 5, 1, cfg) == [
        "联合党支部覆盖5个单位，超过4个"
    ]
