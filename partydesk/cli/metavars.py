"""Chinese placeholders in `--help` (`--org 党组织`, `--period 期间`, not ORG / P): after the
parser is built, every value placeholder still in English (or argparse's default, the
option's name in capitals) is replaced by its Chinese word, chosen by the option's name
first and its English placeholder second. Options with a fixed set of choices keep
argparse's {a,b,c}."""

from __future__ import annotations

import argparse
import re

# option (dest) -> placeholder
BY_DEST = {
    "ledger": "账本",
    "passphrase_file": "口令文件",
    "org": "党组织",
    "year": "年份",
    "output": "文件",
    "period": "期间",
    "scheme": "方案",
    "street": "街道",
    "serial": "证书编号",
    "since": "日期",
    "until": "日期",
    "kind": "种类",
    "person": "人员",
    "who": "人员",
    "today": "日期",
    "units": "单位数",
    "members": "人数",
    "seed": "种子",
    "limit": "条数",
    "list": "项",
    "search": "文字",
    "columns": "列",
    "id": "编号",
    "move_members_to": "党组织",
    "role": "职务",
    "note": "备注",
    "at": "时间",
    "end": "结束",
    "place": "地点",
    "host": "主持人",
    "recorder": "记录人",
    "topics": "议题",
    "content": "内容",
    "resolutions": "决议事项",
    "votes": "表决结果",
    "lecturer": "主讲人",
    "title": "题目",
    "problems": "查摆问题",
    "measures": "整改措施",
    "people_met": "见面人员",
    "raised": "反映问题",
    "solved": "解决情况",
    "instructor": "指导员",
    "unit": "单位",
    "base": "基础分",
    "floor": "下限",
    "ceiling": "上限",
    "bands": "分档",
    "band_kind": "分档方式",
    "name": "名称",
    "points": "分值",
    "cap": "上限",
    "dimension": "维度",
    "item": "项目",
    "count": "次数",
    "date": "日期",
    "correction": "更正原因",
    "entry": "条目编号",
    "reason": "原因",
    "price": "价格",
    "stock": "库存",
    "goods": "物品",
    "qty": "数量",
    "holder": "姓名",
    "qualification": "资格编号",
    "batch": "文件",
    "start": "开始日期",
    "post": "职务",
    "check": "校验码",
    "qr": "二维码文字",
    "status": "状态",
    "find": "文字",
    "path": "路径",
    "level": "等级",
    "grade": "等次",
    "assignment": "联系编号",
    "file": "文件",
    "report": "文件",
    "sheet": "工作表",
    "filter": "文字",
    "folder": "文件夹",
    "to": "文件夹",
    "daily": "份数",
    "weekly": "份数",
    "monthly": "份数",
    "on_open": "是或否",
    "text": "文字",
    "action": "操作",
    "days": "天数",
    "export": "文件",
    "import_": "文件",
    "surveyor": "调查人",
    "on": "日期",
    "leader": "人员",
    "leader_post": "职务",
    "pairing_unit": "单位",
    "channel": "渠道",
    "amount": "元",
    "month": "月份",
    "method": "方式",
    "payment": "缴费编号",
    "min": "月数",
    "through": "月份",
    "step": "步骤",
    "document": "材料",
    "sponsor": "人员",
    "responsible": "责任人",
    "due": "日期",
    "record": "纪实编号",
    "how": "办法",
    "why": "原因",
    "set": "文字",
    "add": "名称",
    "group": "党小组",
    "approved": "日期",
    "approved_by": "批准人",
    "from_": "月份",
    "months": "月数",
    "what": "文档",
    "leader_name": "姓名",
    "whistle_channel": "渠道",
    "scheme_set": "方案",
}
# English placeholder -> Chinese, when the option's name is not in BY_DEST
BY_METAVAR = {
    "PATH": "路径",
    "FILE": "文件",
    "DIR": "文件夹",
    "ORG": "党组织",
    "UNIT": "单位",
    "WHO": "人员",
    "PERSON": "人员",
    "NAME": "名称",
    "ID": "编号",
    "ID|NAME": "编号或姓名",
    "DATE": "日期",
    "YYYY-MM-DD": "年-月-日",
    "YYYY-MM": "年-月",
    "TEXT": "文字",
    "N": "数量",
    "M": "月份",
    "P": "期间",
    "S": "方案",
    "LIST": "分档",
    "ITEM": "项目",
    "FIELD=VALUE": "字段=值",
    "FILE.xlsx": "文件.xlsx",
    "FILE.json": "文件.json",
    "FILE.txt": "文件.txt",
    "PDF": "文件.pdf",
    "COLS": "列",
    "WHAT": "文档",
}
_ENGLISH = re.compile(r"[A-Za-z]")


def _word(action: argparse.Action) -> str | None:
    meta = action.metavar
    if isinstance(meta, tuple):
        return None
    if meta is not None and not _ENGLISH.search(meta):
        return None  # already Chinese
    dest = action.dest.rstrip("_") if action.dest not in BY_DEST else action.dest
    if meta is not None and meta in BY_METAVAR and meta not in ("S", "P", "N", "M"):
        return BY_DEST.get(action.dest) or BY_METAVAR[meta]
    return BY_DEST.get(action.dest) or BY_DEST.get(dest) or BY_METAVAR.get(meta or "")


def localise(parser: argparse.ArgumentParser) -> None:
    """Give every placeholder of `parser` and its sub-commands its Chinese word."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                if isinstance(sub, argparse.ArgumentParser):  # not a command not yet loaded
                    localise(sub)
            continue
        if action.nargs == 0 or action.choices is not None or action.dest == "help":
            continue
        word = _word(action)
        if isinstance(action.metavar, str) and re.search(
            rf"(?<![A-Za-z]){re.escape(action.metavar)}(?![A-Za-z])", action.help or ""
        ):
            continue  # the help names the placeholder ("保留最近 N 天"): keep them matching
        if word:
            action.metavar = word
