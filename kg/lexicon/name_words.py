"""Words around personal names: the segmenter's dictionary, verbs of saying, place endings and
forms of address (王老师, 孙阿婆), shared by the readers of Han and transcribed names."""
from __future__ import annotations

import re
from typing import NamedTuple

from kg.lexicon.surnames import surname_at
from kg.segment import cut

#: Characters that end a place name, never a person's: 江山市, 解放路.
PLACE_TAIL = frozenset("省市州盟县区旗镇乡村路街巷")
#: Last characters of village and landmark names that read like names: 王家庄, 周家口, 张家界.
PLACE_NAME_TAIL = frozenset("庄屯堡寨营沟湾坡岭峪坪井口界桥港集店铺岗坝洼塘园")
#: Verbs of saying that often follow a name and may be glued to it by the dictionary (明说, 学说).
SAYING = ("说", "表示", "介绍", "指出", "强调", "告诉", "认为")
#: Forms of address after a surname, not given names: 王老师, 张师傅, 刘某.
ADDRESS_TERMS = frozenset(("老师", "师傅", "先生", "女士", "同学", "老汉", "老太", "老板", "某某",
                           "某", "总", "工", "老"))
#: Kinship words that, alone or after 阿, 老 or 大, address an older or familiar person (李大妈, 孙阿婆).
_KIN = frozenset("爷奶婆公伯叔婶嫂姨姑姐哥妹娘妈爸舅")
_KIN_PREFIXES = frozenset("阿老大")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class NameSpan(NamedTuple):
    """Where a name is written (``start``, ``end``) and the name itself, without spaces."""

    start: int
    end: int
    name: str


def is_cjk(char: str) -> bool:
    return bool(_CJK.fullmatch(char))


def dictionary_cut(text: str) -> list[str]:
    """``text`` cut with the dictionary alone (no HMM): unknown names fall apart."""
    return cut(text, hmm=False)


def known_word(word: str) -> bool:
    """Whether ``word`` is in the segmenter's dictionary (幸福, 高度; not 靳永刚)."""
    return len(dictionary_cut(word)) == 1


def is_form_of_address(word: str) -> bool:
    """Whether ``word`` is a surname and a form of address, not a name: 王老师, 张师傅, 刘某,
    李大妈, 孙阿婆, 赵婆婆, 周姐."""
    surname = surname_at(word, 0) if word else None
    rest = word[len(surname):] if surname else ""
    if not rest:
        return False
    if rest in ADDRESS_TERMS or all(c in _KIN for c in rest):
        return True
    return len(rest) == 2 and rest[0] in _KIN_PREFIXES and rest[1] in _KIN
