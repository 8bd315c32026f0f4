"""Projects: sentences written for the tests (invented names), the offsets invariant, the dev gold."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Document
from kg.extract.projects import extract_projects


def project_names(make_doc, text: str) -> list[str]:
    return [m.name for m in extract_projects(make_doc(text))]


def test_extract_projects_splits_a_list_after_lead_in_verbs(make_doc):
    names = project_names(make_doc, "今年将加快推进青禾高速扩容改造、云岭大桥、白鹭湾水厂等项目建设。")
    assert names == ["青禾高速扩容改造", "云岭大桥", "白鹭湾水厂"]


def test_extract_projects_starts_the_name_after_the_verb(make_doc):
    assert project_names(make_doc, "该市今年开工建设松江湾国际会展中心。") == ["松江湾国际会展中心"]
    assert project_names(make_doc, "集团密集中标青禾新区供热主管线工程。") == ["青禾新区供热主管线工程"]


def test_extract_projects_keeps_a_shared_head_across_a_conjunction(make_doc):
    names = project_names(make_doc, "中标云岭园区基础设施建设及厂房配套项目。")
    assert names == ["云岭园区基础设施建设及厂房配套项目"]


def test_extract_projects_rejects_generic_phrases(make_doc):
    text = ("全市新开工重点项目10个，民生工程、基础设施项目全部开工，该项目进展顺利，"
            "一批项目建设加快，首批101个项目已集中开工。")
    assert project_names(make_doc, text) == []


def test_extract_projects_rejects_policy_works_and_numbered_sets(make_doc):
    assert project_names(make_doc, "实施青年人才倍增工程，推进“四项工程”。") == []


def test_extract_projects_drops_a_trailing_phase(make_doc):
    assert project_names(make_doc, "翠湖科技陶瓷项目一期工程达产达效。") == ["翠湖科技陶瓷项目"]


def test_extract_projects_rejects_a_head_that_names_a_team(make_doc):
    assert project_names(make_doc, "冷泉钢厂组成智造升级项目突击队，项目部成立服务队。") == []


def test_extract_projects_reads_a_book_title_inside_a_name(make_doc):
    doc = make_doc("结合《远山》纪念馆提升工程，建设示范村。")
    [found] = extract_projects(doc)
    assert (found.name, found.text) == ("远山纪念馆提升工程", "《远山》纪念馆提升工程")


def test_extract_projects_reads_a_name_that_starts_with_a_district(make_doc):
    names = project_names(make_doc, "总投资3亿元的松江区政务服务中心迁建工程已封顶。")
    assert names == ["松江区政务服务中心迁建工程"]


def test_extract_projects_reads_resettlement_sites_and_road_extensions(make_doc):
    text = "全县建成石桥镇易地扶贫搬迁安置点等集中安置点5个，云岭高速北延线通车。"
    assert project_names(make_doc, text) == ["石桥镇易地扶贫搬迁安置点", "云岭高速北延线"]


def test_extract_projects_reads_works_on_a_physical_object(make_doc):
    text = "实施翠屏山景区提升工程，察看了白鹭湖湿地生态修复工程。"
    assert project_names(make_doc, text) == ["翠屏山景区提升工程", "白鹭湖湿地生态修复工程"]


def test_extract_projects_keeps_process_verbs_inside_a_name(make_doc):
    names = project_names(make_doc, "开发区与企业签订硅基芯片封装测试项目，总投资20亿元。")
    assert names == ["硅基芯片封装测试项目"]


def test_extract_projects_keeps_both_ends_of_a_route(make_doc):
    assert project_names(make_doc, "青禾至云岭高速公路进展顺利。") == ["青禾至云岭高速公路"]


def test_extract_projects_leaves_out_the_place_before_a_building_verb(make_doc):
    assert project_names(make_doc, "在石桥镇建设面点师傅培训基地。") == ["面点师傅培训基地"]
    assert project_names(make_doc, "规划建设青禾陶瓷产业园。") == ["青禾陶瓷产业园"]


def test_extract_projects_rejects_kinds_of_place_and_time_qualified_lists(make_doc):
    text = "建成一批标准化示范基地，楼下有了口袋公园。\n青禾市一季度重大项目集中开工。"
    assert project_names(make_doc, text) == []


def test_extract_projects_reads_works_on_a_river_street_line_or_field(make_doc):
    text = ("推进青禾河综合治理工程和白鹭口地下商业街改造工程，云岭环线西段工程全面提速，"
            "在石桥镇实施盐碱地设施蔬菜示范工程，实施翠竹村茶旅一体化示范工程。")
    assert project_names(make_doc, text) == [
        "青禾河综合治理工程", "白鹭口地下商业街改造工程", "云岭环线西段工程", "盐碱地设施蔬菜示范工程",
        "翠竹村茶旅一体化示范工程"]


def test_extract_projects_keeps_a_works_verb_and_the_district_inside_a_name(make_doc):
    text = ("松禾硅业电子级多晶硅扩产项目建成后投产，翠湖精密轴承研发基地项目计划年内落地。"
            "青禾市第一再生水厂扩建工程将于今年开工，松江区启动白鹭道风貌建筑整修工程。")
    assert project_names(make_doc, text) == [
        "松禾硅业电子级多晶硅扩产项目", "翠湖精密轴承研发基地项目", "青禾市第一再生水厂扩建工程",
        "白鹭道风貌建筑整修工程"]


def test_extract_projects_reads_a_store_of_germplasm(make_doc):
    assert project_names(make_doc, "建成云岭蔬菜种质资源库，保存种质资源2万份。") == ["云岭蔬菜种质资源库"]


def test_extract_projects_rejects_kinds_size_classes_and_slogans(make_doc):
    text = ("将建设研发中心、中试基地和标准厂房。力争新开工亿元以上项目60个，"
            "把旧街巷整治列为为民办实事项目。\n二是做优制种基地。")
    assert project_names(make_doc, text) == []


def test_extract_projects_reads_an_estate_handed_over(make_doc):
    text = "开发区首批住宅项目——云岭佳园日前交付使用，共建美丽家园。"
    assert project_names(make_doc, text) == ["云岭佳园"]


def test_extract_projects_keeps_a_section_after_the_head(make_doc):
    text = "全力推进引松济岭工程株洲段、青禾至云岭铁路湖南段建设，白鹭河石桥段生态修复工程完工。"
    assert project_names(make_doc, text) == ["引松济岭工程株洲段", "青禾至云岭铁路湖南段", "白鹭河石桥段生态修复工程"]


def test_extract_projects_reads_a_phase_after_a_facility(make_doc):
    text = "启动翠湖科创基地二期、松江智园三期和白鹭湾综合管廊工程。"
    assert project_names(make_doc, text) == ["翠湖科创基地二期", "松江智园三期", "白鹭湾综合管廊工程"]


def test_extract_projects_keeps_a_capacity_after_a_proper_name(make_doc):
    text = "工人正在安装醴陵30万千瓦光伏发电项目组件，抓好9万千瓦屋顶分布式光伏项目建设。"
    assert project_names(make_doc, text) == ["醴陵30万千瓦光伏发电项目", "屋顶分布式光伏项目"]


def test_extract_projects_reads_rebuilding_and_restoring_works(make_doc):
    text = "乡里正在建设石桥村游客服务中心。实施青禾阁复建工程，开展白鹭滩治理工程。目前控制性工程进展顺利。"
    assert project_names(make_doc, text) == ["石桥村游客服务中心", "青禾阁复建工程", "白鹭滩治理工程"]


def test_extract_projects_rejects_locations_industries_and_zones(make_doc):
    text = ("力争青禾大道沿线5个更新单元开工，重点引进电子信息、生物医药产业项目。"
            "青禾新区松江新城云岭创意产业园开工。松江新城管委会副主任讲话。")
    assert project_names(make_doc, text) == ["松江新城云岭创意产业园"]


def test_extract_projects_starts_a_name_tagged_as_a_verb_after_a_lead_in(make_doc):
    text = "确保翠禾中国总部项目年内开工。\n●云岭精密轴承产业园项目签约"
    assert project_names(make_doc, text) == ["翠禾中国总部项目", "云岭精密轴承产业园项目"]


def test_extract_projects_opens_a_name_with_a_yearly_output(make_doc):
    text = "引进了年产300万件服装加工项目，攸县石桥镇年产10万吨水泥粉磨站项目开工。"
    assert project_names(make_doc, text) == ["年产300万件服装加工项目", "年产10万吨水泥粉磨站项目"]


def test_extract_projects_leaves_out_a_phase_said_of_a_project(make_doc):
    text = "白鹭湾新材料项目一期完成设备安装。围绕青禾机场三期改扩建工作建立机制。"
    assert project_names(make_doc, text) == ["白鹭湾新材料项目"]


def test_extract_projects_rejects_kinds_and_places_where_something_is(make_doc):
    text = ("将在石桥镇集中布局一批农产品加工项目。白鹭干线沿线项目要加快征拆，"
            "沿云岭大道、翠湖大道布局科创载体，对接松江工业园区的资源。")
    assert project_names(make_doc, text) == []


def test_extract_projects_ends_a_name_at_the_works_that_act(make_doc):
    text = "石桥街道老旧小区供热管网改造工程改造管网46公里。"
    assert project_names(make_doc, text) == ["石桥街道老旧小区供热管网改造工程"]


def test_extract_projects_reads_sections_and_route_ends_named_by_county_stems(make_doc):
    text = "青禾引水二期工程平江段建成通水，云岭至白鹭高速公路攸县段完成投资，推进醴陵至浏阳高速公路醴陵段建设。"
    assert project_names(make_doc, text) == ["青禾引水二期工程平江段", "云岭至白鹭高速公路攸县段", "醴陵至浏阳高速公路醴陵段"]


def test_extract_projects_reads_works_on_a_resort_or_drinking_water(make_doc):
    text = "石桥镇白鹭故里旅游区提升工程列入省重点，青禾镇农村饮水安全巩固提升工程惠及群众。"
    assert project_names(make_doc, text) == ["白鹭故里旅游区提升工程", "青禾镇农村饮水安全巩固提升工程"]


def test_extract_projects_reads_parks_and_passenger_lines(make_doc):
    text = "石桥镇现代农业示范园区新建温室大棚300栋；青禾至云岭客运专线开始联调联试。"
    assert project_names(make_doc, text) == ["石桥镇现代农业示范园区", "青禾至云岭客运专线"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="青禾云岭项目工程产业园新城基地中心加快推进建设、，。“”《》等和及0123个期", max_size=60))
def test_extract_projects_offsets_match_the_text(text):
    doc = Document("h.txt", text)
    for found in extract_projects(doc):
        assert doc.text[found.start:found.end] == found.text
        assert found.kind == "project"


def test_extract_projects_recalls_most_of_the_dev_gold(gold_dir, seeds_dir):
    found = hits = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = Document(gold["doc"], (seeds_dir / gold["doc"]).read_text(encoding="utf-8"))
        names = {m.name for m in extract_projects(doc)}
        for item in gold["projects"]:
            found += 1
            hits += any(lenient_match(item["name"], name) for name in names)
    assert hits / found >= 0.75


def lenient_match(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return short in long_ and 2 * len(short) >= len(long_)


def test_extract_projects_phase_stays_when_the_facility_alone_is_a_kind(make_doc):
    assert project_names(make_doc, "县里要加快推进茶叶产业园二期项目建设。") == ["茶叶产业园二期项目"]


def test_extract_projects_a_place_after_a_conjunction_opens_another_name(make_doc):
    names = project_names(make_doc, "与会人员观摩了双河镇移民安置点和白河县茅坪镇特色小镇建设项目。")
    assert "茅坪镇特色小镇建设项目" in names and not any("和" in name for name in names)


def test_extract_projects_restoration_works_are_physical(make_doc):
    assert project_names(make_doc, "今年将实施大青山草原生态保护修复工程。") == ["大青山草原生态保护修复工程"]
