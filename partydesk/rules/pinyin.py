"""Pinyin sort keys for names, so tables sort 陈静 李娜 刘洋 王芳 张伟 赵磊 as WPS and Excel
do, not by code point.

A key is the syllables with their tone digits, one per character, separated by spaces
(李娜 → "li3 na4"); a run of letters or digits stays one lower-case word; a tab and the
name itself end it, so names that sound alike keep a fixed order and a name sorts before
the longer names it begins (李 before 李娜, 李娜 before 林). Plain ASCII compares right in
any database, so the stored key (`sort_name`) is sorted by an ordinary index.

A surname is read as a surname: 单 shàn, 曾 zēng, 解 xiè, 仇 qiú, 区 ōu … and the double
surnames (欧阳, 尉迟, 万俟 …) as one. Other characters take their most common reading
(pypinyin's character table; its phrase table is not loaded, names are not phrases)."""

from __future__ import annotations

import functools
import re
import unicodedata

# Surnames whose reading differs from the character's most common one (and double
# surnames, whose second character may differ too).
SURNAMES = {
    "单": "shan4",
    "曾": "zeng1",
    "解": "xie4",
    "仇": "qiu2",
    "区": "ou1",
    "朴": "piao2",
    "查": "zha1",
    "盖": "ge3",
    "缪": "miao4",
    "任": "ren2",
    "员": "yun4",
    "乐": "yue4",
    "覃": "qin2",
    "翟": "zhai2",
    "种": "chong2",
    "秘": "bi4",
    "繁": "po2",
    "折": "she2",
    "黑": "he4",
    "隗": "wei3",
    "能": "nai4",
    "牟": "mu4",
    "宓": "mi4",
    "句": "gou1",
    "阚": "kan4",
    "祭": "zhai4",
    "召": "shao4",
    "郇": "huan2",
    "沈": "shen3",
    "尉": "wei4",
    "长孙": "zhang3 sun1",
    "尉迟": "yu4 chi2",
    "万俟": "mo4 qi2",
    "单于": "chan2 yu2",
    "澹台": "tan2 tai2",
    "令狐": "ling2 hu2",
    "欧阳": "ou1 yang2",
    "上官": "shang4 guan1",
    "司马": "si1 ma3",
    "诸葛": "zhu1 ge3",
    "皇甫": "huang2 fu3",
}
_TONE = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_WORD = re.compile(r"[0-9A-Za-z]+")
_table: dict[int, str] | None = None


def _readings() -> dict[int, str]:
    global _table
    if _table is None:
        # pypinyin's character table only (≈40,000 characters); imported on first use so a
        # program that never writes a name never loads it.
        from pypinyin.pinyin_dict import pinyin_dict

        _table = pinyin_dict
    return _table


@functools.cache  # a few hundred readings; every name of a ledger asks for them again
def syllable(reading: str) -> str:
    """ "zhāng" → "zhang1", "lǜ" → "lv4", "ma" → "ma5"."""
    tone = "5"
    out = []
    for ch in unicodedata.normalize("NFD", reading):
        if ch in _TONE:
            tone = _TONE[ch]
        elif ch == "\u0308":  # ü
            out[-1] = "v"
        elif ch.isascii():
            out.append(ch)
    return "".join(out) + tone


def sort_key(name: str | None, person: bool = True) -> str | None:
    """The stored sort key of `name` (None for no name); `person` reads the surname."""
    if name is None or not name.strip():
        return None
    text = name.strip()
    table = _readings()
    words: list[str] = []
    i = 0
    if person:
        for sur in (text[:2], text[:1]):
            if sur in SURNAMES:
                words.append(SURNAMES[sur])
                i = len(sur)
                break
    while i < len(text):
        ch = text[i]
        m = _WORD.match(text, i)
        if m:
            words.append(m.group().lower())
            i = m.end()
            continue
        reading = table.get(ord(ch))
        if reading:
            words.append(syllable(reading.split(",")[0]))
        elif not ch.isspace():
            words.append(ch)
        i += 1
    return " ".join(words) + "\t" + text
