"""Chinese words for the audit log (操作日志): action, table and field labels and coded values.

Features add their own tables and fields (`audit.TABLE_LABELS["x"] = "…"`)."""

from __future__ import annotations

ACTION_LABELS = {
    "insert": "新增",
    "update": "修改",
    "delete": "删除",
    "undelete": "撤销删除",
    "import": "导入",
    "bulk_update": "批量修改",
    "bulk_delete": "批量删除",
    "cert": "证书",
    "restore": "恢复备份",
    "backup": "备份",
    "password": "密码",
    "merge": "合并账本",
    "extract": "导出乡镇账本",
}

# Chinese names of tables; features may add theirs (audit.TABLE_LABELS["x"] = "…").
TABLE_LABELS = {
    "unit": "两新组织",
    "organization": "党组织",
    "org_host_unit": "党组织所在单位",
    "party_group": "党小组",
    "person": "党员与发展对象",
    "person_event": "人员经历",
    "committee_member": "支委成员",
    "instructor": "党建指导员",
    "instructor_assignment": "指导员联系单位",
    "setting": "设置",
    "ledger": "账本",
    "work_record": "工作纪实",
    "attendance": "参会情况",
    "appraisal": "民主评议等次",
    "points_scheme": "积分方案",
    "points_item": "积分项目",
    "points_band": "积分星级档次",
    "points_entry": "积分记录",
    "points_publication": "积分公示",
    "points_goods": "积分超市商品",
    "points_redemption": "积分兑换",
    "certificate": "证书",
    "certificate_serial": "证书编号登记",
    "certificate_template": "证书模板",
    "serial_counter": "证书编号计数",
    "qualification": "红领党务资格",
    "qualification_event": "红领党务资格变动",
    "instructor_assessment": "指导员年度考核",
    "star_rating": "评星定级",
    "demo_site": "示范点",
    "guidance_link": "四个一",
    "checklist_mark": "六有",
    "unit_survey": "六个清",
    "development_step": "发展党员纪实",
    "problem": "问题清单",
    "visit_unit": "走访单位",
    "org_text": "年度计划与总结",
    "dues_base": "党费基数",
    "dues_relief": "党费减免",
    "dues_payment": "党费缴纳",
}

LABEL_ATTRS = ("name", "title", "serial", "serial_no", "key", "topic", "subject")

# Chinese names of columns for display (the log itself stores column names and codes).
# Keys are "table.column" or just "column"; features may add theirs.
FIELD_LABELS = {
    "person.name": "姓名",
    "name": "名称",
    "short_name": "简称",
    "phone": "手机号",
    "job": "工作岗位",
    "id_number": "身份证号",
    "sex": "性别",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "education": "学历",
    "org_id": "所在党组织",
    "unit_id": "所在单位",
    "party_group_id": "党小组",
    "category": "人员类别",
    "status": "状态",
    "note": "备注",
    "applied_on": "申请入党日期",
    "talked_on": "谈话日期",
    "activist_on": "确定积极分子日期",
    "last_review_on": "最近考察日期",
    "target_on": "确定发展对象日期",
    "admitted_on": "入党日期",
    "full_on": "转正日期",
    "probation_extension_months": "延长预备期(月)",
    "is_flowing": "流动党员",
    "flow_to": "外出流向",
    "flow_since": "外出日期",
    "lost_contact": "失联",
    "credit_code": "统一社会信用代码",
    "kind": "类型",
    "industry": "行业",
    "street": "街道",
    "address": "地址",
    "legal_rep": "法定代表人",
    "employees": "职工人数",
    "members_employed": "党员人数",
    "above_scale": "规上",
    "high_tech": "高新",
    "key_unit": "重点单位",
    "has_union": "工会",
    "has_league": "团组织",
    "org_type": "组织类型",
    "formation": "组建方式",
    "parent_id": "上级组织",
    "founded_on": "成立日期",
    "term_start": "任期开始",
    "term_end": "任期结束",
    "secretary_id": "书记",
    "contact_phone": "联系电话",
    "dissolved_on": "撤销日期",
    "setting.key": "设置项",
    "setting.value": "值",
    "holder_name": "持证人",
    "serial": "编号",
    "issued_on": "发证日期",
    "valid_until": "有效期至",
    "price": "所需积分",
    "stock": "库存",
    "unit_label": "计量单位",
    "active": "启用",
    "last": "已用到的序号",
    "held_at": "时间",
    "place": "地点",
    "topics": "议题",
    "content": "内容",
    "seq": "序号",
    "person_id": "人员",
    "record_id": "工作纪实",
    "instructor_id": "党建指导员",
    "amount_fen": "金额(分)",
    "month": "月份",
}


def _value_enums() -> dict:
    from partydesk.ledger import enums

    return {
        "person.category": enums.Category,
        "person.sex": enums.Sex,
        "person.status": enums.PersonStatus,
        "unit.kind": enums.UnitKind,
        "unit.status": enums.UnitStatus,
        "organization.org_type": enums.OrgType,
        "organization.formation": enums.Formation,
    }


# Coded values shown by their Chinese label: "table.column" -> a LabeledEnum class.
VALUE_ENUMS: dict = {}


_ENTITY_OF_TABLE = {
    "unit": "unit",
    "organization": "org",
    "person": "person",
    "instructor": "instructor",
}


def field_label(table: str, column: str) -> str:
    label = FIELD_LABELS.get(f"{table}.{column}") or FIELD_LABELS.get(column)
    if label is None and table in _ENTITY_OF_TABLE:
        from partydesk.ledger import fields

        f = fields.entity(_ENTITY_OF_TABLE[table]).by_name.get(column)
        label = f.label if f is not None else None
    return label or column


def value_label(table: str, column: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if not VALUE_ENUMS:
        VALUE_ENUMS.update(_value_enums())
    enum = VALUE_ENUMS.get(f"{table}.{column}")
    if enum is not None and isinstance(value, str):
        return enum.label_of(value)
    return str(value)


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
