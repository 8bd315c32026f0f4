"""Programmes: sentences written for the tests (invented names) and the offsets invariant."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Document
from kg.extract.programmes import extract_programmes


def programme_names(make_doc, text: str) -> list[str]:
    return [m.name for m in extract_programmes(make_doc(text))]


def test_extract_programmes_reads_an_enumerated_action(make_doc):
    assert programme_names(make_doc, "一是青年返乡创业行动。") == ["青年返乡创业行动"]


def test_extract_programmes_joins_a_quote_to_its_head(make_doc):
    assert programme_names(make_doc, "全面实施“五廊”战略。") == ["五廊战略"]
    assert programme_names(make_doc, "社区推行“三色”工作法。") == ["三色工作法"]


def test_extract_programmes_reads_numbered_sets(make_doc):
    assert programme_names(make_doc, "实施九大行动，推进“双百工程”。") == ["九大行动", "双百工程"]


def test_extract_programmes_reads_a_quoted_name_after_a_verb(make_doc):
    assert programme_names(make_doc, "推行政务服务“秒批秒办”，群众满意。") == ["秒批秒办"]


def test_extract_programmes_ignores_emphasised_quotes(make_doc):
    text = "聚焦“审批慢、办事难”等突出问题，提升村委会的“号召力”，做到“看得见管得着”落地。"
    assert programme_names(make_doc, text) == []


def test_extract_programmes_needs_a_name_for_weak_heads(make_doc):
    assert programme_names(make_doc, "开展招聘活动，推广管理模式，完善工作机制。") == []


def test_extract_programmes_leaves_physical_works_to_projects(make_doc):
    text = "实施松江湾供水管网改造工程，实施青年人才倍增工程。"
    assert programme_names(make_doc, text) == ["青年人才倍增工程"]


def test_extract_programmes_reads_competitions(make_doc):
    names = programme_names(make_doc, "举办第二届青禾创新创业大赛。")
    assert names == ["第二届青禾创新创业大赛"]


def test_extract_programmes_marks_policy_documents(make_doc):
    doc = make_doc("印发《松江市促进夜间经济发展实施方案》，学习《云岭日报》和《远山》。")
    [found] = extract_programmes(doc)
    assert (found.name, found.attrs) == ("松江市促进夜间经济发展实施方案", {"document": True})


def test_extract_programmes_leaves_works_on_a_physical_object_to_projects(make_doc):
    text = "实施翠屏山景区提升工程，推进云江航运配套工程和白鹭湖湿地生态修复工程。"
    assert programme_names(make_doc, text) == []


def test_extract_programmes_starts_a_quoted_name_after_a_verb_or_a_period(make_doc):
    assert programme_names(make_doc, "通报二季度“招商突破年”活动推进情况。") == ["招商突破年活动"]
    assert programme_names(make_doc, "让“青禾香米”品牌越擦越亮。") == ["青禾香米品牌"]


def test_extract_programmes_reads_a_numbered_slogan_made_the_means(make_doc):
    assert programme_names(make_doc, "我们把“两清四改”作为美丽乡村的“先手棋”。") == ["两清四改"]


def test_extract_programmes_ignores_other_framed_quotes(make_doc):
    text = "以“人才强县”为原则，以“一核两带”为空间布局。"
    assert programme_names(make_doc, text) == []


def test_extract_programmes_leaves_works_on_a_river_street_or_village_to_projects(make_doc):
    text = "推进青禾河综合治理工程，实施翠竹村茶旅一体化示范工程，实施青年人才倍增工程。"
    assert programme_names(make_doc, text) == ["青年人才倍增工程"]


def test_extract_programmes_reads_a_quoted_campaign_noun(make_doc):
    assert programme_names(make_doc, "要以“城管革命”为抓手，抓好“一活动”。") == ["城管革命"]


def test_extract_programmes_splits_a_special_campaign_from_an_action(make_doc):
    text = "今年将开展“清废行动”、扬尘污染专项治理和黑臭水体清零行动。"
    assert programme_names(make_doc, text) == ["清废行动", "扬尘污染专项治理", "黑臭水体清零行动"]


def test_extract_programmes_reads_a_quoted_campaign_created_or_started(make_doc):
    text = "镇里以“四在农家·美丽庭院”创建为载体。青禾街道“社区大讲堂”日前开课。"
    assert programme_names(make_doc, text) == ["四在农家·美丽庭院", "社区大讲堂"]


def test_extract_programmes_reads_a_festival(make_doc):
    text = "2026青禾湖冰雪渔猎文化旅游节在云岭县开幕。"
    assert programme_names(make_doc, text) == ["青禾湖冰雪渔猎文化旅游节"]


def test_extract_programmes_reads_a_battle_and_named_campaigns(make_doc):
    text = ("全力打好青禾“三道湾”攻坚战，以“项目建设提速年”为抓手，借助“云岭美丽乡村建设”，"
            "实施“民生微实事”项目60个，推行“企业服务专员”制度，推动“精品小区”建设。")
    assert programme_names(make_doc, text) == [
        "青禾三道湾攻坚战", "项目建设提速年", "云岭美丽乡村建设", "民生微实事", "企业服务专员制度", "精品小区"]


def test_extract_programmes_leaves_sectioned_and_generic_works(make_doc):
    text = ("推进引松济岭工程株洲段，青禾绕城高速西南段扩容工程开工，目前控制性工程进展顺利。"
            "两个街道率先试点“秒批”改革，迎来“决战之年”。")
    assert programme_names(make_doc, text) == ["秒批改革"]


def test_extract_programmes_reads_a_quoted_modifier_however_generic(make_doc):
    text = "在“369”专项行动中关停企业，通过‘邻里守望一家亲’活动结对，掀起项目建设“百日攻坚会战”热潮。"
    assert programme_names(make_doc, text) == ["369专项行动", "邻里守望一家亲活动", "百日攻坚会战"]


def test_extract_programmes_reads_a_quoted_list_of_villages_as_a_policy(make_doc):
    assert programme_names(make_doc, "借助“百村提质、万村美化”工程发展旅游。") == ["百村提质、万村美化工程"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="青禾云岭行动工程战略大赛计划活动模式实施推进开展、，。“”《》方案等一二三大", max_size=60))
def test_extract_programmes_offsets_match_the_text(text):
    doc = Document("h.txt", text)
    for found in extract_programmes(doc):
        assert doc.text[found.start:found.end] == found.text
        assert found.kind == "programme"


def test_extract_programmes_main_works_of_a_building_are_no_programme(make_doc):
    assert programme_names(make_doc, "县体育中心完成主体工程招标。") == []


def test_extract_programmes_quoted_term_before_a_weak_head_starts_the_name(make_doc):
    assert programme_names(make_doc, "持续深化政务服务领域“一窗通办”改革。") == ["一窗通办改革"]


def test_extract_programmes_bare_document_word_is_no_programme(make_doc):
    assert programme_names(make_doc, "市里印发《关于推进河湖长制的实施方案》。《方案》明确了目标。") == [
        "关于推进河湖长制的实施方案"]
