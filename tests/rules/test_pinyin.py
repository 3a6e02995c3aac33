"""Pinyin sort keys: names order as a clerk expects (WPS's 拼音排序), surnames read as
surnames."""

from partydesk.rules.pinyin import sort_key


def ordered(names, person=True):
    return sorted(names, key=lambda n: sort_key(n, person))


def test_names_sort_by_pinyin_then_tone_and_shorter_first():
    assert ordered(["张伟", "王芳", "李娜", "刘洋", "陈静", "赵磊"]) == [
        "陈静",
        "李娜",
        "刘洋",
        "王芳",
        "张伟",
        "赵磊",
    ]
    # 李 before 李娜 (a name before the longer ones it begins), 李娜 before 林 (li < lin)
    assert ordered(["林", "李娜", "李"]) == ["李", "李娜", "林"]
    assert ordered(["吕布", "卢俊"]) == ["卢俊", "吕布"]  # lu < lv (ü)


def test_polyphonic_surnames_are_read_as_surnames():
    # 单 shàn (not dān), 曾 zēng (not céng), 解 xiè (not jiě)
    assert sort_key("单雄信").startswith("shan4 ")
    assert sort_key("曾国藩").startswith("zeng1 ")
    assert sort_key("解缙").startswith("xie4 ")
    assert ordered(["单雄信", "邵华", "沙丽"]) == ["沙丽", "单雄信", "邵华"]
    assert ordered(["曾国藩", "蔡明"]) == ["蔡明", "曾国藩"]  # z after c
    assert sort_key("长孙无忌").startswith("zhang3 sun1 ")
    # an organization's name is not a person's: 单 as in 单位 stays dān
    assert sort_key("单位党支部", person=False).startswith("dan1 ")


def test_letters_and_empty_names():
    assert ordered(["Tom", "Anna", "张伟"]) == ["Anna", "Tom", "张伟"]
    assert sort_key("") is None and sort_key(None) is None
