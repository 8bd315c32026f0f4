import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.privacy import mask_private

_MOBILE = re.compile(r"(?<![0-9０-９])1[3-9][0-9]{9}(?![0-9０-９])")  # full-width digits count as digits


@pytest.mark.parametrize("private", [
    "13912345678", "139-1234-5678", "139 1234 5678", "+86 13912345678", "１３９１２３４５６７８",
    "(0571)8765432", "（0571）87654321", "0571-87654321", "010-12345678-806",
    "33010219850612401X", "330102198506124017",
    "office.mail@example.com", "a_b+c@mail.example.org.cn",
])
def test_privacy_masks_phone_id_and_email(private: str) -> None:
    masked = mask_private(f"联系方式：{private}。")
    assert masked == f"联系方式：{'*' * len(private)}。"


@pytest.mark.parametrize("ordinary", [
    "投资3084.9796万元", "2023年完成", "邮政编码：030001", "区划代码140105000000",
    "拨打12345热线", "增长19.2万人", "共计20230615件", "编号123456789012345678901",
])
def test_privacy_leaves_ordinary_numbers(ordinary: str) -> None:
    assert mask_private(ordinary) == ordinary


def test_privacy_masks_a_whole_address_holding_a_number() -> None:
    assert mask_private("邮箱13912345678@example.com止") == "邮箱" + "*" * 23 + "止"


_TEXTISH = st.text(alphabet=st.sampled_from(list("0123456789１３８ -()（）@.abcX中文，。年月")), max_size=200)


@given(st.lists(st.one_of(_TEXTISH, st.from_regex(_MOBILE, fullmatch=True)), max_size=8).map("".join))
def test_privacy_keeps_length_and_leaves_no_mobile(text: str) -> None:
    masked = mask_private(text)
    assert len(masked) == len(text)
    assert not _MOBILE.search(masked)
    assert all(a == b or b == "*" for a, b in zip(text, masked))
