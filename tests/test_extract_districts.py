"""District extraction from sentences written here (real places outside the seeds, or invented ones)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Document
from kg.extract.districts import extract_districts


def names(make_doc, text: str) -> list[tuple[str, str]]:
    return [(m.name, m.attrs["level"]) for m in extract_districts(make_doc(text))]


def test_extract_districts_full_names_at_every_table_level(make_doc):
    assert names(make_doc, "福建省福州市鼓楼区召开会议") == [
        ("福建省", "province"), ("福州市", "city"), ("鼓楼区", "county")]


def test_extract_districts_namesakes_keep_every_candidate_code(make_doc):
    [found] = extract_districts(make_doc("鼓楼区召开会议"))
    assert len(found.attrs["codes"]) == 4


def test_extract_districts_short_forms_become_full_names(make_doc):
    assert names(make_doc, "苏州的企业来到广西投资") == [("苏州市", "city"), ("广西壮族自治区", "province")]


def test_extract_districts_short_form_inside_a_word_does_not_fire(make_doc):
    assert names(make_doc, "在洞庭湖南岸") == []


def test_extract_districts_names_running_into_other_words_do_not_fire(make_doc):
    assert names(make_doc, "城区道路和老城区改造") == []
    assert names(make_doc, "完善合作市场机制") == []
    assert names(make_doc, "市和县两级干部") == []


def test_extract_districts_generic_county_name_after_its_city(make_doc):
    assert names(make_doc, "安徽省马鞍山市和县") == [
        ("安徽省", "province"), ("马鞍山市", "city"), ("和县", "county")]


def test_extract_districts_division_inside_an_organisation(make_doc):
    assert names(make_doc, "昆山市委书记主持") == [("昆山市", "county")]
    assert names(make_doc, "走进柳树沟村党支部") == [("柳树沟村", "village")]


def test_extract_districts_township_starts_after_the_preposition(make_doc):
    found = list(extract_districts(make_doc("在李家湾乡调研")))
    assert [(m.text, m.attrs["level"]) for m in found] == [("李家湾乡", "township")]


def test_extract_districts_township_after_its_county(make_doc):
    assert names(make_doc, "江苏昆山市周庄镇") == [
        ("江苏省", "province"), ("昆山市", "county"), ("周庄镇", "township")]


def test_extract_districts_generic_place_words_are_not_names(make_doc):
    text = "推进乡村振兴和新农村建设，全镇各村、城乡社区和示范村都要参与，该村也不例外"
    assert names(make_doc, text) == []


def test_extract_districts_listed_names_before_a_generic_place_word(make_doc):
    found = list(extract_districts(make_doc("发挥张庄、李营等示范村作用")))
    assert [(m.text, m.name) for m in found] == [("张庄", "张庄村"), ("李营", "李营村")]


def test_extract_districts_zone_named_after_a_province(make_doc):
    assert ("湖南湘江新区", "zone") in names(make_doc, "推进湖南湘江新区建设")


def test_extract_districts_zone_needs_a_proper_stem(make_doc):
    assert names(make_doc, "建设国家生态文明示范区") == []


def test_extract_districts_page_references_and_countries_are_not_districts(make_doc):
    assert names(make_doc, "(上接第1版)美国和日本") == []


def test_extract_districts_township_named_after_a_village(make_doc):
    text = "平江县石桥村镇、荷塘区红旗新村街道召开会议，白鹭村乡村振兴示范基地建成。"
    assert names(make_doc, text) == [("平江县", "county"), ("石桥村镇", "township"), ("荷塘区", "county"),
                                      ("红旗新村街道", "township"), ("白鹭村", "village")]


def test_extract_districts_short_name_right_after_a_preposition(make_doc):
    text = "在站丰乡，工作队入户。将在大望山镇集中布局。在这个村，在本乡，到乡镇去。"
    assert names(make_doc, text) == [("站丰乡", "township"), ("大望山镇", "township")]


def test_extract_districts_ranks_and_colleges_are_not_places(make_doc):
    text = "石桥镇是醴陵市的农业大镇，湖南农业大学的专家常来。"
    assert names(make_doc, text) == [("石桥镇", "township"), ("醴陵市", "county")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("省市县区乡镇村社区街道新开发示范在和的、等，。\n江苏昆山周庄李家湾城合作")),
               max_size=40))
def test_extract_districts_offsets_match_text(text):
    doc = Document("random.txt", text)
    for found in extract_districts(doc):
        assert doc.text[found.start:found.end] == found.text
        assert found.kind == "district" and found.attrs["level"]


def test_extract_districts_township_with_its_level_character_doubled(make_doc):
    assert ("石镇镇", "township") in names(make_doc, "桐庐县石镇镇便民服务中心启用")


def test_extract_districts_short_name_right_after_its_division(make_doc):
    # the tagger reads these stems as a preposition or a verb: taken whole after the division
    assert ("后所镇", "township") in names(make_doc, "龙泉市后所镇召开会议")
    assert ("石卖村", "village") in names(make_doc, "青田镇石卖村召开会议")
    # a village whose stem ends in a level character (水乡|村), written right after its township
    assert ("水乡村", "village") in names(make_doc, "青田镇水乡村、南岭村参加")


def test_extract_districts_words_after_a_division_are_not_names(make_doc):
    text = "桐庐县每个村都建立议事会，龙泉市小城镇建设加快，桐庐县美丽乡村建设推进"
    assert [n for n, level in names(make_doc, text) if level != "county"] == []


def test_extract_districts_ancient_towns_are_not_names(make_doc):
    assert names(make_doc, "一批古村古镇重焕生机") == []


def test_extract_districts_ethnic_township_keeps_its_ethnic_group(make_doc):
    assert names(make_doc, "龙泉市白岩苗族乡和黄泥侗族乡") == [
        ("龙泉市", "county"), ("白岩苗族乡", "township"), ("黄泥侗族乡", "township")]


def test_extract_districts_place_short_form_inside_a_road_or_street_name(make_doc):
    assert names(make_doc, "沿着北京东路走到广州大道") == []
    assert names(make_doc, "东城区杭州南路社区") == [("东城区", "county"), ("杭州南路社区", "village")]
    assert names(make_doc, "启动江门街道改造") == [("江门街道", "township")]


def test_extract_districts_zone_after_its_county_is_a_second_mention(make_doc):
    # the county written short at the zone's head is a mention of it too (长沙|经开区 likewise)
    assert names(make_doc, "江宁区江宁高新区") == [("江宁区", "county"), ("江宁区", "county"), ("江宁高新区", "zone")]
    assert names(make_doc, "慈溪市杭州湾新区") == [("慈溪市", "county"), ("杭州湾新区", "zone")]


def test_extract_districts_autonomous_prefecture_by_stem_and_zhou(make_doc):
    assert names(make_doc, "恩施州委书记讲话") == [("恩施土家族苗族自治州", "city")]


def test_extract_districts_zone_abbreviation_written_alone(make_doc):
    text = "芜湖高新区召开大会，高新区管委会主任讲话，各高新区负责人参加。"
    zones = [m.text for m in extract_districts(make_doc(text)) if m.attrs["level"] == "zone"]
    assert zones == ["芜湖高新区", "高新区"]


def test_extract_districts_zone_opening_with_characters_before_its_division(make_doc):
    assert ("中韩长沙生态城", "zone") in names(make_doc, "本报讯 中韩长沙生态城首批住宅交付")
    assert names(make_doc, "打造长沙生态城市") == [("长沙市", "city")]


def test_extract_districts_base_is_a_zone_only_beside_a_zone_or_its_organs(make_doc):
    assert ("桂东能源化工基地", "zone") in names(make_doc, "南宁高新区、桂东能源化工基地要加强监测。")
    assert ("桂东能源化工基地", "zone") in names(make_doc, "桂东能源化工基地和南宁高新区加强监测。")
    assert names(make_doc, "桂东能源化工基地管委会主任讲话") == [("桂东能源化工基地", "zone")]
    assert names(make_doc, "建设航空研发基地项目，中试基地和标准厂房同步推进") == []


def test_extract_districts_city_short_form_naming_a_road(make_doc):
    assert names(make_doc, "沿杭州道、苏州道铺设管线") == []
    assert names(make_doc, "武汉街头") == [("武汉市", "city")]
    assert names(make_doc, "长沙道路改造") == [("长沙市", "city")]


def test_extract_districts_short_form_opening_a_company_name(make_doc):
    assert names(make_doc, "走进杭州化纤集团车间，杭州公司员工介绍") == []


def test_extract_districts_township_ending_in_a_place_character(make_doc):
    assert names(make_doc, "在王家集街道调研") == [("王家集街道", "township")]


def test_extract_districts_village_opening_with_a_number_after_its_township(make_doc):
    assert names(make_doc, "王家集街道五里王村") == [("王家集街道", "township"), ("五里王村", "village")]
    assert names(make_doc, "王家集街道三个村") == [("王家集街道", "township")]


def test_extract_districts_border_village_is_generic(make_doc):
    assert names(make_doc, "边境村发展旅游") == []


def test_extract_districts_mongolian_and_shanghai_village_level_suffixes(make_doc):
    assert names(make_doc, "鄂托克旗乌兰镇巴彦乌素嘎查") == [
        ("鄂托克旗", "county"), ("乌兰镇", "township"), ("巴彦乌素嘎查", "village")]
    assert names(make_doc, "走进静安区康乐居民区") == [("静安区", "county"), ("康乐居民区", "village")]


def test_extract_districts_goal_named_like_a_zone_is_not_a_zone(make_doc):
    assert names(make_doc, "江门在建设国家级先行示范区中当好排头兵") == [("江门市", "city")]


def test_extract_districts_new_town_in_a_new_area_is_a_zone(make_doc):
    assert names(make_doc, "江北新区浦口新城开工。浦口新城管委会主任讲话。新城花园交房。") == [
        ("江北新区", "zone"), ("浦口新城", "zone"), ("浦口新城", "zone")]


def test_extract_districts_ends_of_a_route_name_are_not_mentions(make_doc):
    assert names(make_doc, "昆明至南宁高铁云南段施工") == [("云南省", "province")]


def test_extract_districts_county_short_form_when_the_document_names_it(make_doc):
    assert names(make_doc, "信丰是产业大县。依托信丰高新区发展") == [("信丰高新区", "zone")]
    found = names(make_doc, "赣州市信丰县召开大会。依托信丰高新区，在信丰、大余等地推广。")
    assert found == [("赣州市", "city"), ("信丰县", "county"), ("信丰县", "county"), ("信丰高新区", "zone"),
                     ("信丰县", "county"), ("大余县", "county")]


def test_extract_districts_two_character_county_standing_alone(make_doc):
    assert ("寿县", "county") in names(make_doc, "调研组赴寿县开展调研")
    assert names(make_doc, "创建省级示范县") == []


def test_extract_districts_zones_named_as_industrial_parks_and_resorts(make_doc):
    found = names(make_doc, "项目落户蒙城县工业园区，游客涌入涡阳县旅游度假区。")
    assert ("蒙城县工业园区", "zone") in found and ("涡阳县旅游度假区", "zone") in found


def test_extract_districts_township_named_after_its_market(make_doc):
    assert ("草市镇", "township") in names(make_doc, "县委书记在草市镇调研时指出，要办好集市。")
    assert names(make_doc, "全市镇村干部参加培训，城市镇化率达到60%。") == []


def test_extract_districts_township_with_a_five_character_transcribed_stem(make_doc):
    assert ("乌兰布拉格镇", "township") in names(make_doc, "和丰县乌兰布拉格镇牧民定居点已建成。")


def test_extract_districts_unknown_character_opens_a_township(make_doc):
    assert names(make_doc, "在富源县娜珂镇柏木村调研") == [("富源县", "county"), ("娜珂镇", "township"),
                                                        ("柏木村", "village")]


def test_extract_districts_no_short_form_inside_a_post_title(make_doc):
    assert names(make_doc, "常德市委书记郑文博、市长沙建国出席") == [("常德市", "city")]
