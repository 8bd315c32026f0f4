"""Post titles, organisation suffixes, surnames and name shapes."""
from __future__ import annotations

from kg.lexicon.names import author_bylines, name_at, names_run, plausible_name
from kg.lexicon.posts import all_titles, ends_with_org_suffix, find_titles
from kg.lexicon.surnames import compound_surnames, single_surnames, surname_at


def _titles(text: str) -> list[str]:
    return [m.title.text for m in find_titles(text)]


def test_lexicon_posts_longest_title_wins():
    assert _titles("江宁区委副书记、副区长") == ["区委副书记", "副区长"]
    assert _titles("常务副市长") == ["常务副市长"]


def test_lexicon_posts_party_organ_titles_carry_their_organ():
    title = all_titles()["党支部书记"]
    assert (title.organ, title.level) == ("党支部", None)
    assert all_titles()["县委书记"].level == "县"
    assert all_titles()["县长"].organ is None


def test_lexicon_posts_title_inside_another_word_is_not_a_title():
    assert _titles("召开市委常委会会议") == []
    assert _titles("书记处") == []


def test_lexicon_posts_org_suffixes():
    assert ends_with_org_suffix("桐乡市农业农村局")
    assert ends_with_org_suffix("县委第三巡察组") is False
    assert ends_with_org_suffix("省委第三督导组")


def test_lexicon_posts_surnames_single_and_compound():
    assert {"王", "李", "肖"} <= single_surnames()
    assert {"欧阳", "司马", "诸葛"} <= compound_surnames()
    assert surname_at("欧阳明远", 0) == "欧阳"
    assert surname_at("的确", 0) is None


def test_lexicon_posts_name_shapes():
    assert plausible_name("钱立群") and plausible_name("欧阳明远")
    assert not plausible_name("桐乡市")  # a place
    assert not plausible_name("王主任")  # a surname and a title
    assert not plausible_name("殷殷")


def test_lexicon_posts_name_at_uses_tags_to_end_the_name():
    assert name_at("钱立群主持会议", 0).name == "钱立群"
    assert name_at("高度重视", 0) is None
    assert name_at("平湖路", 0) is None


def test_lexicon_posts_spaced_name_and_runs():
    assert name_at("孙 涛\n", 0).name == "孙涛"
    assert [s.name for s in names_run("记者 郑文博 钱立群\n", 3)] == ["郑文博", "钱立群"]


def test_lexicon_posts_author_bylines():
    text = "标题\n\n◎ 孙 涛\n\n正文。\n文/钱立群\n"
    assert [s.name for s in author_bylines(text)] == ["孙涛", "钱立群"]


def test_lexicon_posts_name_alone_before_a_break():
    assert name_at("卜利强\n\n正文", 0).name == "卜利强"
    assert name_at("谈发展—", 0) is None
    assert name_at("常态化。", 0) is None
