"""Star rating: rubric totals, vetoes, bands, steps, editable settings."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from sqlalchemy import create_engine, inspect

from partydesk import settings
from partydesk.errors import ValidationError
from partydesk.ledger.migrate import upgrade
from partydesk.standing import config, rating
from partydesk.standing.rating import evaluate, indicators, rubric_max, stars_for

CFG = config.DEFAULTS


def full_marks(cfg=CFG) -> dict[str, float]:
    return {i["code"]: i["max"] for i in indicators(cfg)}


def test_default_rubric_is_the_six_goods_on_100_points():
    assert [a["label"] for a in CFG["rubric"]] == [
        "领导班子好",
        "党员队伍好",
        "组织生活好",
        "制度落实好",
        "基础工作好",
        "作用发挥好",
    ]
    assert rubric_max(CFG) == 100
    assert evaluate(CFG, full_marks()).total == 100


def test_total_adds_indicators_and_areas():
    scores = {"leadership.secretary": 5.5, "leadership.committee": 4, "life.meetings": 7}
    ev = evaluate(CFG, scores)
    assert ev.total == 16.5
    assert ev.areas["leadership"] == 9.5
    assert ev.areas["life"] == 7
    assert ev.areas["role"] == 0
    assert "role.service" in ev.missing and "life.meetings" not in ev.missing


@pytest.mark.parametrize(
    "total, stars",
    [
        (100, 5),
        (90, 5),
        (89.99, 4),
        (80, 4),
        (79.5, 3),
        (70, 3),
        (60, 2),
        (59.9, 1),
        (50, 1),
        (49.9, 0),
        (0, 0),
    ],
)
def test_bands_at_their_edges(total, stars):
    assert stars_for(total, False, CFG) == stars


def test_a_veto_takes_the_stars_whatever_the_total():
    ev = evaluate(CFG, full_marks(), ["accident"])
    assert ev.total == 100 and ev.stars == 0 and ev.vetoes == ["accident"]


def test_scores_out_of_range_or_unknown_are_refused_in_chinese():
    with pytest.raises(ValidationError, match="书记选优配强.*0至6分"):
        evaluate(CFG, {"leadership.secretary": 7})
    with pytest.raises(ValidationError, match="0至6分"):
        evaluate(CFG, {"leadership.secretary": -1})
    with pytest.raises(ValidationError, match="没有指标"):
        evaluate(CFG, {"nonsense": 1})
    with pytest.raises(ValidationError, match="一票否决"):
        evaluate(CFG, {}, ["nope"])


def test_save_rating_stores_total_stars_and_history(ledger, one_org):
    _, org_id = one_org
    with ledger.session() as s:
        rating.save_rating(
            s, org_id, 2025, scores=full_marks(), steps={"self_check": date(2025, 3, 1)}
        )
        r = rating.save_rating(s, org_id, 2026, scores={**full_marks(), "life.meetings": 0})
        assert (r.total, r.stars) == (92, 5)
        # a later edit merges scores and recomputes
        r = rating.save_rating(s, org_id, 2026, scores={"leadership.secretary": 0, "rules.dues": 0})
        assert (r.total, r.stars) == (81, 4)
        r = rating.save_rating(
            s, org_id, 2026, vetoes=["weak"], steps={"检查验收": date(2026, 10, 9)}
        )
    with ledger.session() as s:
        hist = rating.history(s, org_id)
        assert [(h.year, h.total, h.stars) for h in hist] == [(2025, 100, 5), (2026, 81, 0)]
        assert hist[1].accept_on == date(2026, 10, 9)
        assert rating.current_step(hist[1]).label == "检查验收"
        assert rating.stars_by_level(s, 2026) == {0: [org_id]}
        assert rating.stars_by_level(s, 2025) == {5: [org_id]}


def test_steps_must_be_in_order(ledger, one_org):
    _, org_id = one_org
    with pytest.raises(ValidationError, match="授牌奖励.*早于.*自查初评"):
        with ledger.session() as s:
            rating.save_rating(
                s, org_id, 2026, steps={"self_check": date(2026, 5, 1), "award": date(2026, 4, 1)}
            )
    with ledger.session() as s:
        assert rating.get_rating(s, org_id, 2026) is None  # nothing half-written


def test_county_bands_and_rubric_are_data(ledger, one_org):
    _, org_id = one_org
    with ledger.session() as s:
        rating.save_rating(s, org_id, 2026, scores={"leadership.secretary": 6})  # old rubric
    with ledger.session() as s:
        cfg = copy.deepcopy(config.get(s))
        cfg["bands"] = [{"stars": 5, "min": 95}, {"stars": 3, "min": 60}]
        cfg["rubric"] = [
            {"code": "a", "label": "甲", "indicators": [{"code": "a.x", "label": "X", "max": 100}]}
        ]
        settings.put(s, "standing", cfg)
    with ledger.session() as s:
        r = rating.save_rating(s, org_id, 2026, scores={"a.x": 94})
        assert (r.total, r.stars) == (94, 3)
        with pytest.raises(ValidationError):
            rating.save_rating(s, org_id, 2026, scores={"leadership.secretary": 1})


def test_migration_0005_upgrades_a_core_ledger(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.partydesk'}")
    upgrade(engine, "0001_core")
    assert not inspect(engine).has_table("star_rating")
    upgrade(engine, "head")
    names = set(inspect(engine).get_table_names())
    assert {"star_rating", "demo_site", "guidance_link", "checklist_mark", "unit_survey"} <= names
    engine.dispose()
