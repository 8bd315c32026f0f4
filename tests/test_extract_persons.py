"""Other persons: reporters, photographers, authors, people quoted with a role."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Document
from kg.extract.persons import extract_persons


def _found(make_doc, text: str) -> list[tuple[str, str]]:
    return [(m.name, m.attrs["role"]) for m in extract_persons(make_doc(text))]


def test_extract_persons_reporters_in_a_byline(make_doc):
    assert _found(make_doc, "本报记者 郑文博 钱立群 通讯员 孙海涛\n") == [
        ("郑文博", "记者"), ("钱立群", "记者"), ("孙海涛", "通讯员")]


def test_extract_persons_closing_brackets_are_reporters(make_doc):
    text = "今年将新增岗位1万个。(郑文博、钱立群)\n\n改造工程已开工。（孙海涛）\n"
    assert _found(make_doc, text) == [("郑文博", "记者"), ("钱立群", "记者"), ("孙海涛", "记者")]


def test_extract_persons_brackets_that_are_not_names(make_doc):
    assert _found(make_doc, "详见下文。(见第3版)\n会议召开。(扩大)\n(下转第2版)\n") == []


def test_extract_persons_photographer_credit(make_doc):
    text = "3月5日，志愿者在公园植树。 钱立群 摄\n工作人员查看设备。郑文博摄\n"
    assert _found(make_doc, text) == [("钱立群", "摄影"), ("郑文博", "摄影")]


def test_extract_persons_author_byline(make_doc):
    assert _found(make_doc, "标题\n\n◎ 孙 涛\n\n正文。\n") == [("孙涛", "作者")]


def test_extract_persons_author_with_a_post_is_left_to_officials(make_doc):
    text = "◎ 孙 涛\n\n正文。\n(作者系桐乡市委副秘书长)\n"
    assert _found(make_doc, text) == []


def test_extract_persons_quoted_with_a_role(make_doc):
    text = "“现在办事方便多了。”居民钱立群说。律师郑文博结合案例讲解。"
    assert _found(make_doc, text) == [("钱立群", "居民"), ("郑文博", "律师")]


def test_extract_persons_role_word_without_a_name(make_doc):
    assert _found(make_doc, "记者从市统计局获悉，居民幸福感不断提升。告诉记者。") == []


def test_extract_persons_comrade(make_doc):
    assert _found(make_doc, "以孙海涛同志为组长。同志们：") == [("孙海涛", "同志")]


def test_extract_persons_leaders_listed_without_a_post(make_doc):
    assert _found(make_doc, "市领导郑文博、钱立群出席会议。") == [("郑文博", "市领导"), ("钱立群", "市领导")]


def test_extract_persons_dotted_name_before_a_manner_of_saying(make_doc):
    assert _found(make_doc, "“日子越过越好。”村民热娜·艾山高兴地说。") == [("热娜·艾山", "村民")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["记者", " ", "郑文博", "、", "(", ")", "（", "）", "\n", "摄", "◎ ", "·", ".",
                                 "孙 涛", "居民", "同志", "说", "采写", "由", "蒋 怀 远", "麦尔旦", "\u3000"]), max_size=25),
       st.text(max_size=10))
def test_extract_persons_offsets_valid_for_arbitrary_text(pieces, noise):
    doc = Document("h.txt", "".join(pieces) + noise)
    for m in extract_persons(doc):
        assert doc.text[m.start:m.end] == m.text and m.kind == "person" and "role" in m.attrs


def test_extract_persons_role_word_before_a_common_word(make_doc):
    assert _found(make_doc, "老人和居民都很满意。记者从市委获悉。老人年纪大了。") == []


def test_extract_persons_quoted_villagers_with_a_household_role(make_doc):
    text = "“今年收入翻了一番。”东坡村贫困户刘秀芝说。种植户孙海涛介绍，果子不愁卖。"
    assert _found(make_doc, text) == [("刘秀芝", "贫困户"), ("孙海涛", "种植户")]


def test_extract_persons_age_before_a_name(make_doc):
    text = "“日子越过越好。”72岁的杨德顺坐在院子里笑着说。年过七旬的郑文博也来了。"
    assert _found(make_doc, text) == [("杨德顺", None), ("郑文博", None)]


def test_extract_persons_speaker_after_or_before_a_quote(make_doc):
    text = "“路修好了，进城方便多了。”郑文博笑着说。\n钱立群表示：“我们将继续努力。”"
    assert _found(make_doc, text) == [("郑文博", None), ("钱立群", None)]


def test_extract_persons_speaker_takes_the_role_given_elsewhere(make_doc):
    text = "居民钱立群说，环境变好了。“现在出门就是公园。”钱立群说。"
    assert _found(make_doc, text) == [("钱立群", "居民"), ("钱立群", "居民")]


def test_extract_persons_quote_then_a_word_is_not_a_speaker(make_doc):
    assert _found(make_doc, "“放管服”改革表示成效明显。“十四五”高度重视。") == []


def test_extract_persons_author_alone_under_the_headline(make_doc):
    assert _found(make_doc, "稻田里的新希望\n郑文博\n\n今年全村稻田实现统一育秧。\n") == [("郑文博", "作者")]


def test_extract_persons_places_in_closing_brackets_are_not_reporters(make_doc):
    assert _found(make_doc, "本届冠军来自南方。(南京、海口)\n活动举行。(钱立群)\n") == [("钱立群", "记者")]


def test_extract_persons_forms_of_address_are_not_names(make_doc):
    text = "“好！”王老师说。“放心吧。”张师傅告诉记者。65岁的李大妈说。居民刘某说。"
    assert _found(make_doc, text) == []


def test_extract_persons_representative_of_a_role(make_doc):
    assert _found(make_doc, "居民代表孙海涛分享了经验。") == [("孙海涛", "居民代表")]


def test_extract_persons_everyone_on_a_credit_line_took_the_photograph(make_doc):
    text = "工人们在现场施工。\n本报记者 郑文博 通讯员 李秋月 摄\n"
    assert _found(make_doc, text) == [("郑文博", "摄影"), ("李秋月", "摄影")]


def test_extract_persons_speaker_described_by_a_clause_after_a_quote(make_doc):
    text = "“路灯亮了，晚上出门踏实。”在东坡村住了二十年的钱立群说。"
    assert _found(make_doc, text) == [("钱立群", None)]


def test_extract_persons_role_word_running_into_ordinary_words(make_doc):
    assert _found(make_doc, "山里村民宿迎来旺季\n") == []
    assert _found(make_doc, "律师范明说，合同有效。") == [("范明", "律师")]


def test_extract_persons_one_space_inside_a_name(make_doc):
    text = ("记者 钱 立群 通讯员 郑 敏\n工地开工。（孙 涛）\n新馆开放。（贺军 贺天明）\n"
            "（本版图片由 钱 岚 摄）\n")
    assert _found(make_doc, text) == [("钱立群", "记者"), ("郑敏", "通讯员"), ("孙涛", "记者"),
                                      ("贺军", "记者"), ("贺天明", "记者"), ("钱岚", "摄影")]


def test_extract_persons_names_without_a_han_surname_after_strong_cues(make_doc):
    text = ("（记者 巴图孟和 通讯员 孙海涛）牧区通电。\n草场补播完成。\n记者 次仁多吉 摄\n"
            "巴扎开市。（阿不都·艾力）\n")
    assert _found(make_doc, text) == [("巴图孟和", "记者"), ("孙海涛", "通讯员"), ("次仁多吉", "摄影"),
                                      ("阿不都·艾力", "记者")]


def test_extract_persons_words_after_strong_cues_are_not_transcribed_names(make_doc):
    text = "记者采访时说起此事。\n记者 获悉\n会议闭幕。（央视新闻）\n会议闭幕。（待续）\n"
    assert _found(make_doc, text) == []


def test_extract_persons_names_spaced_between_every_character(make_doc):
    text = ("（记者 蒋 怀 远）新馆开放。\n记者 聂  彬 通讯员 蒋\u3000怀\u3000远\n工人检修线路。 蒋 怀 远 摄\n"
            "改造完成。（通讯员 聂\u3000彬）\n")
    mentions = list(extract_persons(make_doc(text)))
    assert [(m.text, m.name, m.attrs["role"]) for m in mentions] == [
        ("蒋 怀 远", "蒋怀远", "记者"), ("聂  彬", "聂彬", "记者"), ("蒋\u3000怀\u3000远", "蒋怀远", "通讯员"),
        ("蒋 怀 远", "蒋怀远", "摄影"), ("聂\u3000彬", "聂彬", "通讯员")]


def test_extract_persons_spaced_bylines_and_author_lines(make_doc):
    assert _found(make_doc, "标题\n\n◎ 蒋 怀 远\n\n正文。\n") == [("蒋怀远", "作者")]
    assert _found(make_doc, "稻田里的新希望\n蒋 怀 远\n\n今年全村稻田实现统一育秧。\n") == [("蒋怀远", "作者")]


def test_extract_persons_lists_of_spaced_names(make_doc):
    # Four characters set apart pair into two names; five could be 3+2 or 2+3, so none is read.
    assert _found(make_doc, "记者 聂 彬 祁 岩\n新馆开放。（聂 彬 祁 岩）\n") == [
        ("聂彬", "记者"), ("祁岩", "记者"), ("聂彬", "记者"), ("祁岩", "记者")]
    assert _found(make_doc, "记者 蒋 怀 远 聂 彬\n新馆开放。（蒋 怀 远 聂 彬）\n") == []
    assert _found(make_doc, "记者 聂 彬 祁 岩 摄\n") == [("聂彬", "摄影"), ("祁岩", "摄影")]


def test_extract_persons_dotted_names_after_cues(make_doc):
    text = ("村民阿依先木·热合曼说，日子好了。\n记者 麦尔旦•吐拉克 通讯员 聂彬\n巴扎开市。（帕尔哈提.阿布都瓦依提）\n"
            "牧民在转场。麦尔旦・吐拉克 摄\n◎ 阿力木·沙比尔\n")
    assert _found(make_doc, text) == [
        ("阿依先木·热合曼", "村民"), ("麦尔旦•吐拉克", "记者"), ("聂彬", "通讯员"),
        ("帕尔哈提.阿布都瓦依提", "记者"), ("麦尔旦・吐拉克", "摄影"), ("阿力木·沙比尔", "作者")]


def test_extract_persons_dotted_names_in_a_list_stay_apart(make_doc):
    text = "巴扎开市。（阿依先木·热合曼、麦尔旦·吐拉克、阿力木·吾布力·沙比尔）\n"
    assert _found(make_doc, text) == [("阿依先木·热合曼", "记者"), ("麦尔旦·吐拉克", "记者"),
                                      ("阿力木·吾布力·沙比尔", "记者")]


def test_extract_persons_dotted_name_ends_before_ordinary_words(make_doc):
    text = ("村民阿依先木·热合曼一边查看一边说。技术员麦尔旦·吐拉克向记者介绍。居民阿力木·沙比尔和老伴在家。"
            "村民帕尔哈提·沙比尔家门口种了葡萄。牧民阿依先木·阿不都热合曼，")
    assert _found(make_doc, text) == [("阿依先木·热合曼", "村民"), ("麦尔旦·吐拉克", "技术员"), ("阿力木·沙比尔", "居民"),
                                      ("帕尔哈提·沙比尔", "村民"), ("阿依先木·阿不都热合曼", "牧民")]


def test_extract_persons_dots_that_join_no_name(make_doc):
    text = ("记者 U.S. 报道\n会议召开。（U.S.）\n增产。（3.5）\n村民3.5亩地增收。\n"
            "活动举行。（美丽乡村·幸福家园）\n记者 美丽乡村·幸福家园\n")
    assert _found(make_doc, text) == []


def test_extract_persons_names_without_a_han_surname_after_a_quoted_role(make_doc):
    text = "牧民阿瓦古丽说，草场恢复了。服务群众满意度高。让农户腰包鼓起来。"
    assert _found(make_doc, text) == [("阿瓦古丽", "牧民")]


def test_extract_persons_kinship_forms_of_address_are_not_names(make_doc):
    text = "“好着呢！”孙阿婆笑着说。村民周大爷说。记者 钱阿姨\n活动举行。（冯奶奶）\n村民吴老伯介绍。"
    assert _found(make_doc, text) == []
