"""Post titles, organisation suffixes, surnames and name shapes."""
from __future__ import annotations

from kg.lexicon.names import author_bylines, authors_with_notes, bare_name_lines, name_at, names_run, plausible_name
from kg.lexicon.posts import all_titles, ends_with_org_suffix, find_titles, is_title
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
    assert {"朴", "玄", "隋", "栗"} <= single_surnames()  # Korean-Chinese and common modern surnames
    assert not {"但", "才", "来"} & single_surnames()  # mostly function words in running text
    assert {"欧阳", "司马", "诸葛"} <= compound_surnames()
    assert surname_at("欧阳明远", 0) == "欧阳"
    assert surname_at("的确", 0) is None


def test_lexicon_posts_name_shapes():
    assert plausible_name("钱立群") and plausible_name("欧阳明远")
    assert not plausible_name("桐乡市")  # a place
    assert not plausible_name("王主任")  # a surname and a title
    assert not plausible_name("殷殷")
    assert not plausible_name("王老师") and not plausible_name("李大爷") and not plausible_name("张某")


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


def test_lexicon_posts_name_alone_on_a_line_is_a_byline():
    text = "山里的新路\n郑文博\n\n正文第一段。\n\n(作者为临河县副县长)\n"
    assert [(s.name, text[n[0]:n[1]]) for s, n in authors_with_notes(text)] == [("郑文博", "临河县副县长")]
    assert [s.name for s in author_bylines("标题\n□ 钱立群\n文｜孙海涛\n")] == ["钱立群", "孙海涛"]


def test_lexicon_posts_list_of_names_is_not_a_byline():
    assert bare_name_lines("获奖名单\n郑文博\n钱立群\n孙海涛\n\n正文。\n高度\n") == []


def test_lexicon_posts_name_before_a_verb_of_saying():
    assert name_at("陈家明说，要确保", 0).name == "陈家明"
    assert name_at("王震强调", 0).name == "王震"
    assert name_at("王家庄村", 0) is None and name_at("幸福感和获得感", 0) is None


def test_lexicon_posts_name_opening_with_surname_and_jia_needs_a_verb_or_break_after():
    assert name_at("孔家骥出席会议", 0).name == "孔家骥"
    assert name_at("孔家骥，", 0).name == "孔家骥"
    assert name_at("国家队员表示", 0) is None
    assert name_at("王家庄村", 0) is None


def test_lexicon_posts_yue_ends_a_given_name_but_not_a_month():
    assert plausible_name("李秋月")
    assert not plausible_name("孙本月") and not plausible_name("孙月")


def test_lexicon_posts_is_title_knows_bare_and_compound_titles():
    assert is_title("干部") and is_title("研究员") and is_title("区委书记")
    assert not is_title("群众") and not is_title("财政局")


def test_lexicon_posts_a_level_title_that_runs_into_a_place_name_is_none():
    assert _titles("江城市郊区长宁乡党委书记") == ["乡党委书记"]
    assert _titles("郊区区长、长宁乡党委书记") == ["区长", "乡党委书记"]


def test_lexicon_posts_department_titles_belong_to_the_province():
    from kg.lexicon.posts import level_of
    assert [level_of(w) for w in ("厅长", "厅党组", "市长", "村委会", "局长")] == ["省", "省", "市", None, None]
