"""Branch formation hints (组建提示): warnings, never refusals. Thresholds from
settings["formation"]."""

from __future__ import annotations

DEFAULTS = {
    "own_branch_min_full": 3,
    "committee_min_full": 7,
    "committee_min_size": 3,
    "committee_max_size": 5,
    "joint_max_units": 5,
    "branch_max_members": 50,
}


def unit_hint(full_members: int, has_own_org: bool, cfg: dict = DEFAULTS) -> str | None:
    """A unit with enough full members and no own branch should form one."""
    if not has_own_org and full_members >= cfg["own_branch_min_full"]:
        return (
            f"有正式党员{full_members}名（≥{cfg['own_branch_min_full']}），具备单独组建党支部条件"
        )
    return None


def org_warnings(
    org_type: str,
    full_members: int,
    members: int,
    host_units: int,
    committee_size: int,
    cfg: dict = DEFAULTS,
) -> list[str]:
    """Warnings for one organization; `members` counts full and probationary members."""
    out = []
    branchy = org_type in ("branch", "joint_branch", "work_branch")
    if branchy and members > cfg["branch_max_members"]:
        out.append(f"党员{members}名，超过{cfg['branch_max_members']}名，宜分设党支部或成立党总支")
    if org_type == "joint_branch" and host_units > cfg["joint_max_units"]:
        out.append(f"联合党支部覆盖{host_units}个单位，超过{cfg['joint_max_units']}个")
    if branchy and full_members >= cfg["committee_min_full"]:
        lo, hi = cfg["committee_min_size"], cfg["committee_max_size"]
        if not lo <= committee_size <= hi:
            out.append(
                f"正式党员{full_members}名（≥{cfg['committee_min_full']}），应设支部委员会{lo}至{hi}人，现有{committee_size}人"
            )
    if org_type == "branch" and 0 < full_members < cfg["own_branch_min_full"]:
        out.append(f"正式党员仅{full_members}名，不足{cfg['own_branch_min_full']}名单独组建党支部")
    return out
