"""Officials: names tied to a post, from sentences written for these tests."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Document
from kg.extract.officials import extract_officials


def _found(make_doc, text: str) -> dict[str, list[tuple[str, str | None]]]:
    mentions = list(extract_officials(make_doc(text)))
    return {m.name: [(p["title"], p["org"]) for p in m.attrs["posts"]] for m in mentions}


def test_extract_officials_org_title_name(make_doc):
    found = _found(make_doc, "近日，江宁区委书记钱立群在接受采访时表示，要抓好基层治理。")
    assert found == {"钱立群": [("区委书记", "江宁区委")]}


def test_extract_officials_org_offsets_point_at_the_org(make_doc):
    doc = make_doc("—访桐乡市农业农村局局长郑文博")
    post = next(iter(extract_officials(doc))).attrs["posts"][0]
    assert doc.text[post["org_start"]:post["org_end"]] == post["org"] == "桐乡市农业农村局"


def test_extract_officials_title_list_shares_one_name(make_doc):
    found = _found(make_doc, "5月3日，市委书记、市长孙海涛主持召开市政府常务会议。")
    assert found == {"孙海涛": [("市委书记", "市委"), ("市长", None)]}


def test_extract_officials_relative_org_gives_its_level(make_doc):
    mention = next(iter(extract_officials(make_doc("会上，市委副书记、市长孙海涛作了部署。"))))
    assert [p["relative"] for p in mention.attrs["posts"]] == ["市", "市"]
    named = next(iter(extract_officials(make_doc("近日，江宁区委书记钱立群强调。"))))
    assert named.attrs["posts"][0]["relative"] is None


def test_extract_officials_company_party_branch_then_second_title(make_doc):
    found = _found(make_doc, "“订单排满了。”余杭纺织党支部书记、厂长欧阳明远告诉记者。")
    assert found == {"欧阳明远": [("党支部书记", "余杭纺织党支部"), ("厂长", "余杭纺织")]}


def test_extract_officials_name_before_title(make_doc):
    found = _found(make_doc, "会上，省委第三督导组郑文博组长就中心任务作了强调。")
    assert found == {"郑文博": [("组长", "省委第三督导组")]}


def test_extract_officials_general_secretary_is_a_post(make_doc):
    assert _found(make_doc, "深入学习习近平总书记重要讲话精神。") == {"习近平": [("总书记", None)]}


def test_extract_officials_comrade_is_not_a_post(make_doc):
    assert _found(make_doc, "以钱立群同志为组长的工作专班。") == {}


def test_extract_officials_title_without_name(make_doc):
    assert _found(make_doc, "区委书记强调，要高度重视安全生产。县长高度重视。") == {}


def test_extract_officials_place_is_not_a_name(make_doc):
    assert _found(make_doc, "桐乡市长安镇开展活动，高平市长期坚持这项工作。") == {}


def test_extract_officials_quoted_person_is_not_an_official(make_doc):
    assert _found(make_doc, "居民钱立群说：“现在方便多了。”") == {}


def test_extract_officials_masthead_list_after_colon(make_doc):
    found = _found(make_doc, "主编:郑文博\n副主编:孙海涛 钱立群\n")
    assert found == {"郑文博": [("主编", None)], "孙海涛": [("副主编", None)],
                     "钱立群": [("副主编", None)]}


def test_extract_officials_author_note_gives_the_byline_posts(make_doc):
    text = "标题\n\n◎ 孙 涛\n\n正文。\n\n(作者系中共桐乡县委书记、县长)\n\n◎ 钱立群\n\n(作者单位:市水务局)\n"
    mentions = list(extract_officials(make_doc(text)))
    assert [(m.name, m.text) for m in mentions] == [("孙涛", "孙 涛")]
    assert [p["title"] for p in mentions[0].attrs["posts"]] == ["县委书记", "县长"]


def test_extract_officials_offsets_match_text_on_seeds(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = Document(path.name, path.read_text(encoding="utf-8"))
        for m in extract_officials(doc):
            assert doc.text[m.start:m.end] == m.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["市委书记", "、", "市长", "钱立群", "桐乡", "局长", "：", " ", "\n", "·", "\u3000",
                                 "主持", "同志", "组长", "党支部", "王", "强调", "(作者系", ")", "◎ ", "蒋 怀 远",
                                 "麦尔旦", "."]),
                max_size=25), st.text(max_size=10))
def test_extract_officials_offsets_valid_for_arbitrary_text(pieces, noise):
    doc = Document("h.txt", "".join(pieces) + noise)
    for m in extract_officials(doc):
        assert doc.text[m.start:m.end] == m.text and m.kind == "official"
        for post in m.attrs["posts"]:
            if post["org"] is not None:
                assert doc.text[post["org_start"]:post["org_end"]] == post["org"]


def test_extract_officials_heading_without_name(make_doc):
    assert _found(make_doc, "—五级书记谈发展—\n\n—访余杭区委书记卜利强\n") == {"卜利强": [("区委书记", "余杭区委")]}


def test_extract_officials_names_the_tagger_splits(make_doc):
    found = _found(make_doc, "副省长孙立新出席并讲话。会议由市人大常委会主任吴志刚主持。")
    assert found == {"孙立新": [("副省长", None)], "吴志刚": [("主任", "市人大常委会")]}


def test_extract_officials_village_posts_share_the_village(make_doc):
    found = _found(make_doc, "东湖村党支部书记、村委会主任冯建设介绍，今年新修了道路。")
    assert found == {"冯建设": [("党支部书记", "东湖村党支部"), ("村委会主任", "东湖村")]}


def test_extract_officials_author_alone_under_the_headline(make_doc):
    text = "种好“致富果”\n朴东旭\n\n全镇今年新建果园三千亩。\n\n(作者系中共临河县委副书记、县长)\n"
    mentions = list(extract_officials(make_doc(text)))
    assert [(m.name, [p["title"] for p in m.attrs["posts"]]) for m in mentions] == [("朴东旭", ["县委副书记", "县长"])]


def test_extract_officials_korean_chinese_surname(make_doc):
    found = _found(make_doc, "东光村党支部书记、村委会主任朴东旭一边查看稻穗一边说。")
    assert found == {"朴东旭": [("党支部书记", "东光村党支部"), ("村委会主任", "东光村")]}


def test_extract_officials_given_name_glued_to_the_next_word(make_doc):
    found = _found(make_doc, "临河区委书记陈家明说，要确保项目年内投产。副区长刘志学说，要抓好落实。")
    assert found == {"陈家明": [("区委书记", "临河区委")], "刘志学": [("副区长", None)]}


def test_extract_officials_family_place_is_not_a_name(make_doc):
    assert _found(make_doc, "镇长王家庄调研。") == {}


def test_extract_officials_bare_organ_shares_the_place_of_its_list(make_doc):
    found = _found(make_doc, "芜湖高新区党工委副书记、管委会主任孙海涛出席。")
    assert found == {"孙海涛": [("党工委副书记", "芜湖高新区党工委"), ("主任", "芜湖高新区管委会")]}


def test_extract_officials_name_opening_with_a_family_word(make_doc):
    found = _found(make_doc, "开发区管委会常务副主任孔家骥表示，将加快建设。")
    assert found == {"孔家骥": [("常务副主任", "开发区管委会")]}


def test_extract_officials_one_space_inside_a_name(make_doc):
    found = _found(make_doc, "市委常委、高新区党工委书记钱 立群宣布开工，管委会主任郑 敏介绍情况。")
    assert found == {"钱立群": [("市委常委", "市委"), ("党工委书记", "高新区党工委")],
                     "郑敏": [("主任", "管委会")]}


def test_extract_officials_transcribed_name_after_a_title(make_doc):
    found = _found(make_doc, "乌兰镇巴彦乌素嘎查党支部书记敖其尔说，今年种了甘草。")
    assert found == {"敖其尔": [("党支部书记", "乌兰镇巴彦乌素嘎查党支部")]}


def test_extract_officials_zone_abbreviation_opens_the_organisation(make_doc):
    found = _found(make_doc, "海城县委书记、海城经开区党工委书记贺天明宣布开工。")
    assert found == {"贺天明": [("县委书记", "海城县委"), ("党工委书记", "海城经开区党工委")]}


def test_extract_officials_name_spaced_between_every_character(make_doc):
    text = ("副县长 蒋 怀 远 主持会议。镇长\u3000蒋\u3000怀\u3000远\u3000出席。区委书记 聂  彬 出席，"
            "区长 聂\u3000彬 讲话。乡长 蒋 怀 远 说，要抓好落实。村主任 蒋 怀 远 在 会上发言。")
    mentions = list(extract_officials(make_doc(text)))
    assert [(m.text, m.name) for m in mentions] == [
        ("蒋 怀 远", "蒋怀远"), ("蒋\u3000怀\u3000远", "蒋怀远"), ("聂  彬", "聂彬"), ("聂\u3000彬", "聂彬"),
        ("蒋 怀 远", "蒋怀远"), ("蒋 怀 远", "蒋怀远")]


def test_extract_officials_spaced_characters_that_spell_no_single_name(make_doc):
    assert _found(make_doc, "副县长 蒋 怀 远 聂 彬 出席。县长 高 度 重 视 安全。") == {}


def test_extract_officials_dotted_names_after_a_title(make_doc):
    text = ("村党支部书记阿依先木·热合曼说，今年种了辣椒。乡长麦尔旦•吐拉克主持会议。"
            "副乡长阿力木・吾布力・沙比尔介绍情况。镇党委书记帕尔哈提.阿布都瓦依提强调，要抓好落实。"
            "镇长阿力木·吐尔洪主持会议并讲话。")
    assert _found(make_doc, text) == {"阿力木·吐尔洪": [("镇长", None)],
        "阿依先木·热合曼": [("党支部书记", "村党支部")], "麦尔旦•吐拉克": [("乡长", None)],
        "阿力木・吾布力・沙比尔": [("副乡长", None)], "帕尔哈提.阿布都瓦依提": [("镇党委书记", "镇党委")]}


def test_extract_officials_dotted_words_are_not_names(make_doc):
    assert _found(make_doc, "镇长U.S.代表团来访。县长3.5小时。村党支部书记美丽乡村·幸福家园。") == {}


def test_extract_officials_more_than_three_dotted_parts_give_no_truncated_name(make_doc):
    assert _found(make_doc, "县长麦尔旦·吐拉克·沙比尔·阿力木说，要抓好落实。") == {}


def test_extract_officials_spaced_name_whose_last_character_is_glued_on(make_doc):
    found = _found(make_doc, "县委书记陶 文 亮在石桥镇督查时要求，县长蒋 明 远表示，要加快进度。")
    assert found == {"陶文亮": [("县委书记", "县委")], "蒋明远": [("县长", None)]}


def test_extract_officials_researcher_and_cadre_posts(make_doc):
    text = "市农科院果树研究所研究员吴海东每月都来。工作队队长、县财政局干部蒋明远和村党支部书记陶文亮一起宣讲。"
    assert _found(make_doc, text) == {
        "吴海东": [("研究员", "市农科院果树研究所")],
        "蒋明远": [("队长", "工作队"), ("干部", "县财政局")],
        "陶文亮": [("党支部书记", "村党支部")]}



def test_extract_officials_several_names_after_one_title(make_doc):
    found = _found(make_doc, "县人大常委会主任罗建成主持会议，副主任周明、邵立华、韦春生出席。")
    assert set(found) == {"罗建成", "周明", "邵立华", "韦春生"}
    assert found["邵立华"] == [("副主任", "县人大常委会")]  # a deputy shares the head's organisation


def test_extract_officials_appointed_and_relieved(make_doc):
    found = _found(make_doc, "会议决定任命钱立峰为临江市交通运输局局长，免去孔德胜的临江市交通运输局局长职务。\n"
                             "任命：\n韦春生为临江市中级人民法院副院长；\n")
    assert found["钱立峰"] == [("局长", "临江市交通运输局")]
    assert found["孔德胜"] == [("局长", "临江市交通运输局")]
    assert found["韦春生"] == [("副院长", "临江市中级人民法院")]


def test_extract_officials_surname_read_as_a_function_word(make_doc):
    found = _found(make_doc, "县委副书记、县长何春林表示，免去于海涛的县财政局局长职务。")
    assert {"何春林", "于海涛"} <= set(found)


def test_extract_officials_pre_appointment_profiles(make_doc):
    text = ("临河区委管理干部任前公示\n\n孟庆林，男，1977年5月生，汉族，中共党员。现任临河区委副书记、区长，"
            "拟任临河区委书记。\n\n宋雅琴，女，1982年3月生，研究生学历。现任临河区教育局副局长，"
            "拟提名为临河区人民政府副区长人选。\n")
    found = _found(make_doc, text)
    assert [title for title, _ in found["孟庆林"]] == ["区委副书记", "区长", "区委书记"]
    assert found["宋雅琴"] == [("副局长", "临河区教育局"), ("副区长", "临河区人民政府")]


def test_extract_officials_resume_lines_after_a_profile(make_doc):
    text = ("彭志远简历\n\n彭志远，男，1966年2月出生，大学学历。\n\n1988年7月至1995年3月，在城关镇政府工作；\n"
            "1995年3月至2004年6月，任城关镇党委副书记、镇长；\n2004年6月至2012年1月，任县水利局局长。\n\n"
            "另据消息，某镇原党委书记罗明强被开除党籍。")
    found = _found(make_doc, text)
    assert [title for title, _ in found["彭志远"]] == ["镇党委副书记", "镇长", "局长"]  # not 罗明强's 党委书记


def test_extract_officials_mongolian_names_and_surnames_read_as_verbs(make_doc):
    found = _found(make_doc, "旗长巴图·那顺主持会议，副旗长斯琴格日勒、旗政协主席贺国平出席。"
                             "副局长包立平接受审查。副县长符建新出席。")
    assert {"巴图·那顺", "斯琴格日勒", "贺国平", "包立平", "符建新"} <= set(found)


def test_extract_officials_tibetan_name_before_a_verb_or_an_adverb(make_doc):
    found = _found(make_doc, "工作队队长洛桑扎巴带领群众修路，乡党委书记次旦罗布正和干部们商量。")
    assert set(found) == {"洛桑扎巴", "次旦罗布"}


def test_extract_officials_verb_first_name_before_an_adverb(make_doc):
    found = _found(make_doc, "县水利局局长许可欣就防汛工作接受采访。")
    assert found == {"许可欣": [("局长", "县水利局")]}


def test_extract_officials_elected_lists_and_next_appointees(make_doc):
    found = _found(make_doc, "会议选举钱立群为江城市人大常委会主任，孙海涛为市监察委员会主任；"
                             "选举郑文博、周丽娟为副主任。")
    assert found["钱立群"] == [("主任", "江城市人大常委会")]
    assert found["孙海涛"] == [("主任", "市监察委员会")]
    assert found["郑文博"] == found["周丽娟"] == [("副主任", None)]


def test_extract_officials_post_taken_up_after_the_name(make_doc):
    found = _found(make_doc, "省农业农村厅选派干部钱立群担任东河村第一书记。")
    assert ("第一书记", "东河村") in found["钱立群"]


def test_extract_officials_listed_officials_share_the_place_of_the_first(make_doc):
    doc = make_doc("江城市委书记钱立群、市长孙海涛，海州市委书记郑文博，市委副书记、代市长周丽华出席。")
    posts = {m.name: m.attrs["posts"] for m in extract_officials(doc)}
    places = {name: [doc.text[p["org_start"]:p["org_end"]] for p in ps if p["org_start"] is not None]
              for name, ps in posts.items()}
    assert places["孙海涛"] == ["江城市"]
    assert places["周丽华"] == ["海州市", "海州市"]


def test_extract_officials_department_titles_are_provincial(make_doc):
    posts = next(iter(extract_officials(make_doc("厅党组书记、厅长孙海涛作报告。")))).attrs["posts"]
    assert [p["relative"] for p in posts] == ["省", "省"]


def test_extract_officials_former_mark_is_not_part_of_the_org(make_doc):
    found = _found(make_doc, "通报了东河镇原党委书记钱立群、县交通局原副局长孙海涛的问题。镇原县委书记郑文博出席。")
    assert found["钱立群"] == [("党委书记", "东河镇党委")]
    assert found["孙海涛"] == [("副局长", "县交通局")]
    assert found["郑文博"] == [("县委书记", "镇原县委")]


def test_extract_officials_no_name_after_the_collective_word_cadres(make_doc):
    found = _found(make_doc, "要求党员干部知敬畏、存戒惧。近期将开展干部任前公示。派驻该乡的干部郑宇杰被评为优秀。")
    assert set(found) == {"郑宇杰"}
