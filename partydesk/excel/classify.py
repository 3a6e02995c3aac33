"""The row loop of planning: each row's cells cleaned (bad optional cells left out with a
warning), birth date and sex checked against the ID number, the record it describes
found, and its status decided: new, update, unchanged or error."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from partydesk.errors import ValidationError
from partydesk.excel import planning as P
from partydesk.ledger import fields

_MISS = object()


def _blank(v) -> bool:
    return v is None or (v.__class__ is str and not v.strip())


def classify(session: Session, plan, sheet_rows, today: date, progress, cancelled, orgs) -> None:
    from partydesk import settings
    from partydesk.excel.links import link

    entity = plan.entity
    ent = fields.entity(entity)
    rules_cfg = settings.get(session, "pipeline")  # the one rule set's thresholds
    cols = P.clean_cells(session, entity, plan.mapping, today, orgs)
    link_cols = [
        (i, link(entity, name))
        for i, name in enumerate(plan.mapping)
        if name and link(entity, name) is not None
    ]
    labels = {f.name: f.label for f in ent.fields}
    hidden = set(plan.sheet_data.hidden_rows) if plan.sheet_data else set()
    has_id = "id_number" in ent.by_name
    n_rows = len(sheet_rows)

    # Pass 1: clean every cell.
    for count, (row_no, cells) in enumerate(sheet_rows):
        if count % 2000 == 0:
            P.check_cancel(cancelled)
            if progress is not None:
                progress(0.6 + 0.2 * count / max(n_rows, 1), f"正在检查第{count:,}/{n_rows:,}行…")
        r = P.RowResult(row_no, cells)
        plan.rows.append(r)
        vals, reasons, warnings = r.values, r.reasons, r.warnings
        for i, name, fn, refuses in cols:
            raw = cells[i]
            if raw is None or (raw.__class__ is str and not raw.strip()):
                if name in ("name",) or (refuses and ent.by_name[name].required):
                    reasons.append(f"{labels[name]}：不能为空")
                continue
            try:
                v, warn = fn(raw)
            except ValidationError as e:
                if refuses:
                    reasons.append(str(e))
                else:
                    warnings.append(f"{e}，此项未导入")
                continue
            vals[name] = v
            if warn:
                warnings.append(f"{labels[name]}：{warn}")
        kept = fields.split_work_unit(entity, vals)
        if kept:
            warnings.append(kept)
        if row_no in hidden:
            warnings.append("此行在表格中是隐藏的")
        if has_id and not reasons:
            _id_facts(ent, vals, warnings)
    # Pass 2: which record each row describes.
    mapped = {m for m in plan.mapping if m}
    ok_rows = [r for r in plan.rows if not r.reasons]
    m = P.matcher(session, entity, [r.values for r in ok_rows], mapped)
    linked_now = {lk.name: lk.current(session) for _, lk in link_cols}
    link_cache: dict[tuple[str, Any], Any] = {}
    link_names: dict[str, dict[int, str]] = {}
    required = [(f.name, f.label) for f in ent.fields if f.required]
    for count, r in enumerate(plan.rows):
        if count % 2000 == 0:
            P.check_cancel(cancelled)
            if progress is not None:
                progress(0.8 + 0.2 * count / max(n_rows, 1), f"正在比对第{count:,}/{n_rows:,}行…")
        if r.reasons:
            r.status = P.ERROR
            continue
        for i, lk in link_cols:
            raw = r.cells[i]
            if _blank(raw):
                continue  # a blank cell never erases: the links stay as they are
            got = link_cache.get((lk.name, raw), _MISS)
            if got is _MISS:
                try:
                    got = lk.parse(session, raw, orgs.pending_units if orgs else ())
                except ValidationError as e:
                    got = P.Refused(e)
                link_cache[(lk.name, raw)] = got
            if got.__class__ is P.Refused:
                r.warnings.append(f"{got.error}，此项未导入")
            else:
                r.links[lk.name] = got
        target, err = m.match(r.row_no, r.values)
        if err:
            r.reasons.append(err)
            r.status = P.ERROR
            continue
        vals = r.values
        if target is None:
            missing = [label for n, label in required if n not in vals]
            if missing:
                r.status = P.ERROR
                r.reasons.append(f"新增记录缺少{'、'.join(missing)}")
                continue
            problems = _judge(r, entity, _checkable(vals), None, rules_cfg, today)
            if problems:
                r.status = P.ERROR
                r.reasons.extend(problems)
                continue
            r.status = P.NEW
            continue
        old = m.existing[target]
        r.target_id = target
        changes = {k: (old[k], v) for k, v in vals.items() if old[k] != v}
        for name, ids in r.links.items():
            before = linked_now[name].get(target, [])
            if set(before) != set(ids):
                lk = link(entity, name)
                if name not in link_names:
                    link_names[name] = lk.targets(session)
                r.link_changes[name] = (
                    lk.text(link_names[name], before),
                    lk.text(link_names[name], ids),
                )
        if changes:
            problems = _judge(r, entity, _checkable({**old, **vals}), old, rules_cfg, today)
            if problems:
                r.status = P.ERROR
                r.reasons.extend(problems)
                continue
            r.status = P.UPDATE
            r.changes = changes
        elif r.link_changes:
            r.status = P.UPDATE
        else:
            r.status = P.UNCHANGED


def _judge(r, entity: str, values: dict, before, cfg, today: date) -> list[str]:
    """The one rule set's refusals; its warnings join the row's."""
    from partydesk.rules import record

    problems = record.judge(entity, values, before, cfg=cfg, today=today)
    r.warnings.extend(w for w in record.warnings(problems) if w not in r.warnings)
    return record.errors(problems)


def _checkable(vals: dict) -> dict:
    # An organization or unit still to be written is named, not numbered: the rules need
    # no id.
    if all(vals.get(k).__class__ is not str for k in P.REF_FIELDS):
        return vals
    return {k: (None if k in P.REF_FIELDS and v.__class__ is str else v) for k, v in vals.items()}


def _id_facts(ent, vals: dict, warnings: list[str]) -> None:
    """Birth date and sex follow from the ID number. A 出生年月 of the same year and month
    is the same birth (offices write 1985.05 or the 1st of the month); a sex or birth date
    that disagrees is left out with a warning, the ID number's facts kept."""
    num = vals.get("id_number")
    if num is None:
        return
    born = date(int(num[6:10]), int(num[10:12]), int(num[12:14]))
    sex = "M" if int(num[16]) % 2 == 1 else "F"
    given = vals.get("birth_date")
    if given is not None and given != born:
        if (given.year, given.month) != (born.year, born.month):
            warnings.append(
                f"出生日期{given:%Y-%m-%d}与身份证号（{born:%Y-%m-%d}）不一致，按身份证号导入"
            )
    if "birth_date" in ent.by_name:
        vals["birth_date"] = born
    if "sex" in vals and vals["sex"] != sex:
        warnings.append("性别与身份证号不一致，按身份证号导入")
    if "sex" in ent.by_name:
        vals["sex"] = sex
