"""Resolution: which district places a project, evidence ordered from the most telling.

Districts are real divisions (the national table gives their codes); townships, estates,
zones and projects are invented. Mentions are written here, so the tests do not depend
on the extractors.
"""
from __future__ import annotations

from kg.document import Article, Document, Mention
from kg.lexicon.divisions import divisions_named
from kg.resolve import Resolution, merge, resolve, resolve_document

from .conftest import mention

_AREA_LEVELS = (("街道", "township"), ("镇", "township"), ("乡", "township"), ("村", "village"),
                ("开发区", "zone"))


def district(doc: Document, surface: str, name: str | None = None, nth: int = 0) -> Mention:
    """A district mention as the districts extractor gives it: table divisions with their codes."""
    name = name or surface
    table = divisions_named(name)
    if table:
        return mention(doc, surface, "district", name, nth, level=table[0].level,
                       codes=[d.code for d in table])
    level = next(level for suffix, level in _AREA_LEVELS if name.endswith(suffix))
    return mention(doc, surface, "district", name, nth, level=level, codes=[])


def placed(make_doc, text: str, project: str, districts: list[tuple[str, str | None, int]],
           title: str = "", others: tuple[str, ...] = ()) -> str | None:
    """The name of the district that resolution places ``project`` in (``others`` are more
    projects of the text), or None."""
    doc = make_doc(text)
    doc.articles = [Article(0, len(text), title)]
    projects = [mention(doc, name, "project") for name in (project, *others)]
    doc.mentions = sorted([*(district(doc, *spec) for spec in districts), *projects],
                          key=lambda m: (m.start, m.end))
    result = resolve([doc])
    key = f"project:{project}"
    return next((result.entities[f.district].name for f in result.locations if f.project == key), None)


def test_resolve_project_district_prefers_the_last_district_inside_the_name(make_doc):
    text = "在芦淞区，荷塘区石桥镇易地扶贫搬迁安置点建成。"
    districts = [("芦淞区", None, 0), ("荷塘区", None, 0), ("石桥镇", None, 0)]
    assert placed(make_doc, text, "荷塘区石桥镇易地扶贫搬迁安置点", districts) == "石桥镇"


def test_resolve_project_district_reads_a_short_form_inside_the_name(make_doc):
    text = "株洲市召开推进会\n醴陵市市长作交流发言。青禾现代物流园、株洲青禾大桥进展顺利。"
    districts = [("株洲市", None, 0), ("醴陵市", None, 0)]
    assert placed(make_doc, text, "株洲青禾大桥", districts) == "株洲市"


def test_resolve_project_district_refines_a_short_form_with_a_district_inside_it(make_doc):
    text = "株洲市部署工作。株洲青禾开发区首批项目开工，株洲大道、白鹭大桥等工程全面铺开。"
    districts = [("株洲市", None, 0), ("株洲", "株洲市", 1), ("株洲青禾开发区", None, 0)]
    assert placed(make_doc, text, "株洲大道", districts) == "株洲青禾开发区"


def test_resolve_project_district_prefers_the_sentence_before_to_the_clause_after(make_doc):
    text = "芦淞区的青禾新材料项目落户荷塘区。"
    districts = [("芦淞区", None, 0), ("荷塘区", None, 0)]
    assert placed(make_doc, text, "青禾新材料项目", districts) == "芦淞区"


def test_resolve_project_district_reads_the_clause_after(make_doc):
    text = "株洲市抓项目。\n青禾新材料项目落户荷塘区，攸县的白鹭大桥同步建设。"
    districts = [("株洲市", None, 0), ("荷塘区", None, 0), ("攸县", None, 0)]
    assert placed(make_doc, text, "青禾新材料项目", districts) == "荷塘区"


def test_resolve_project_district_ignores_a_district_named_after_its_clause(make_doc):
    text = "株洲市抓项目。\n青禾新材料项目进展顺利，荷塘区区长作交流发言。"
    districts = [("株洲市", None, 0), ("荷塘区", None, 0)]
    assert placed(make_doc, text, "青禾新材料项目", districts, title="株洲市抓项目") == "株洲市"


def test_resolve_project_district_reads_the_paragraph_before(make_doc):
    text = "株洲市抓项目。\n攸县今年重抓招商。青禾新材料项目开工。"
    districts = [("株洲市", None, 0), ("攸县", None, 0)]
    assert placed(make_doc, text, "青禾新材料项目", districts, title="株洲市抓项目") == "攸县"


def test_resolve_project_district_reads_past_an_estate_named_like_a_village(make_doc):
    text = "江滨街道白鹭新村片区老旧小区改造项目完工。"
    districts = [("江滨街道", None, 0), ("白鹭新村", None, 0)]
    assert placed(make_doc, text, "白鹭新村片区老旧小区改造项目", districts) == "江滨街道"


def test_resolve_project_district_falls_back_to_what_the_article_is_about(make_doc):
    text = "攸县今年重抓招商。\n芦淞区、攸县干部参会。\n青禾新材料项目开工。"
    districts = [("攸县", None, 0), ("芦淞区", None, 0), ("攸县", None, 1)]
    assert placed(make_doc, text, "青禾新材料项目", districts) == "攸县"


def test_resolve_project_district_reads_no_subject_from_a_tie(make_doc):
    text = "芦淞区、荷塘区干部参会。\n青禾新材料项目开工。"
    districts = [("芦淞区", None, 0), ("荷塘区", None, 0)]
    assert placed(make_doc, text, "青禾新材料项目", districts) is None


def _official(doc: Document, name: str, org: str, title: str) -> Mention:
    org_start = doc.text.index(org + title)
    found = mention(doc, name, "official", posts=[{"title": title, "org": org, "org_start": org_start,
                                                    "org_end": org_start + len(org), "relative": None}])
    return found


def _officials_doc(make_doc, doc_id: str, county: str, name: str) -> Document:
    text = f"{county}委书记{name}调研。{name}强调，要抓好落实。记者 {name}报道。"
    doc = make_doc(text, doc_id)
    doc.mentions = [district(doc, county), _official(doc, name, f"{county}委", "书记"),
                    mention(doc, name, "person", nth=2, role="记者")]
    return doc


def test_resolve_namesakes_in_different_places_stay_apart(make_doc):
    result = resolve([_officials_doc(make_doc, "a.txt", "江宁区", "王勇"),
                      _officials_doc(make_doc, "b.txt", "萧山区", "王勇")])
    officials = result.entities_of("official")
    assert sorted(e.key for e in officials) == ["王勇@320115", "王勇@330109"]


def test_resolve_one_official_across_documents_of_one_place(make_doc):
    result = resolve([_officials_doc(make_doc, "a.txt", "江宁区", "王勇"),
                      _officials_doc(make_doc, "b.txt", "江宁区", "王勇")])
    (official,) = result.entities_of("official")
    assert {doc for doc, _ in official.mentions} == {"a.txt", "b.txt"}
    assert {(f.doc, f.district) for f in result.posts} == {("a.txt", "320115"), ("b.txt", "320115")}


def test_resolve_a_person_who_is_an_official_in_the_document_is_not_a_person(make_doc):
    result = resolve([_officials_doc(make_doc, "a.txt", "江宁区", "王勇")])
    assert result.entities_of("person") == []


def test_resolve_programme_variants_become_one_entity(make_doc):
    doc = make_doc("举办“第二屆职工技能大赛”。第二届职工技能大赛圆满结束。")
    doc.mentions = [mention(doc, "第二屆职工技能大赛", "programme"), mention(doc, "第二届职工技能大赛", "programme")]
    (programme,) = resolve([doc]).entities_of("programme")
    assert programme.name == "第二屆职工技能大赛"  # as first written
    assert programme.aliases == {"第二届职工技能大赛"}


def test_resolve_project_district_prefers_the_article_subject_to_its_province_in_the_paragraph(make_doc):
    text = "芦淞区推进老城更新。\n芦淞是老城区，也是湖南省的工业重镇。今年推进青禾河综合治理工程。\n芦淞区干部参会。"
    districts = [("芦淞区", None, 0), ("湖南省", None, 0), ("芦淞区", None, 1)]
    assert placed(make_doc, text, "青禾河综合治理工程", districts) == "芦淞区"


def test_resolve_project_district_reads_a_short_form_in_the_title(make_doc):
    text = "醴陵市部署工作。\n芦淞区、芦淞区干部参会。\n青禾新材料项目开工。"
    districts = [("醴陵市", None, 0), ("芦淞区", None, 0), ("芦淞区", None, 1)]
    assert placed(make_doc, text, "青禾新材料项目", districts, title="加快醴陵现代农业发展") == "醴陵市"


def test_resolve_project_district_reads_the_county_that_holds_most_places_named(make_doc):
    text = "湖南省部署工作。\n荷塘区石桥镇干部参会。\n青禾新材料项目开工。"
    districts = [("湖南省", None, 0), ("荷塘区", None, 0), ("石桥镇", None, 0)]
    assert placed(make_doc, text, "青禾新材料项目", districts) == "荷塘区"


def test_resolve_project_district_reads_the_place_of_a_section(make_doc):
    text = "株洲市委书记调研。青禾至株洲铁路湖南段施工顺利。"
    assert placed(make_doc, text, "青禾至株洲铁路湖南段", [("株洲市", None, 0)]) == "湖南省"


def test_resolve_project_district_reads_a_district_named_elsewhere_inside_the_name(make_doc):
    text = "石桥村地处山区。\n荷塘区干部说，乡里正在建设石桥村游客服务中心。"
    districts = [("石桥村", None, 0), ("荷塘区", None, 0)]
    assert placed(make_doc, text, "石桥村游客服务中心", districts) == "石桥村"


def test_resolve_project_district_ignores_a_shared_stem_and_a_place_gone_around(make_doc):
    text = "长沙市部署。\n长沙县干部参会。\n岳麓区推进长沙绕城高速扩容工程，芦淞区将以环株洲湖生态修复工程为牵引。"
    districts = [("长沙市", None, 0), ("长沙县", None, 0), ("岳麓区", None, 0), ("芦淞区", None, 0)]
    assert placed(make_doc, text, "长沙绕城高速扩容工程", districts) == "岳麓区"
    assert placed(make_doc, text, "株洲湖生态修复工程", districts) == "芦淞区"


def test_resolve_project_district_reads_where_the_clause_says_it_lies(make_doc):
    text = "位于石桥街道的荷塘区第二水厂扩建工程日处理能力将达到10万吨。"
    districts = [("石桥街道", None, 0), ("荷塘区", None, 0)]
    assert placed(make_doc, text, "荷塘区第二水厂扩建工程", districts) == "石桥街道"


def test_resolve_project_district_skips_a_district_of_another_list_item_or_a_pair(make_doc):
    text = "芦淞区部署工作。\n青禾科创基地、荷塘区白鹭储能产业园和云岭大桥同步开工。\n依托荷塘区和攸县，青禾新材料项目开工。"
    districts = [("芦淞区", None, 0), ("荷塘区", None, 0), ("荷塘区", None, 1), ("攸县", None, 0)]
    title = "芦淞区部署工作"
    assert placed(make_doc, text, "云岭大桥", districts, title, ("白鹭储能产业园",)) == "芦淞区"
    assert placed(make_doc, text, "青禾新材料项目", districts, title) == "芦淞区"


def test_resolve_project_district_reads_the_most_specific_district_in_the_title(make_doc):
    text = "株洲市部署。\n株洲青禾开发区十个项目开工。\n白鹭新材料项目签约。"
    districts = [("株洲市", None, 0), ("株洲青禾开发区", None, 0)]
    title = "株洲青禾开发区十个项目开工"
    assert placed(make_doc, text, "白鹭新材料项目", districts, title) == "株洲青禾开发区"


def test_resolve_project_district_reads_the_post_of_a_signed_author(make_doc):
    text = "推动县域发展\n石桥村是示范村，石桥村村民增收。\n今年实施青禾阁复建工程。\n（作者系中共攸县委书记）"
    districts = [("石桥村", None, 0), ("石桥村", None, 1), ("攸县", None, 0)]
    assert placed(make_doc, text, "青禾阁复建工程", districts, "推动县域发展") == "攸县"


def _programme_doc(make_doc, doc_id: str, *names: str) -> Document:
    doc = make_doc("。".join(f"举办{name}" for name in names) + "。")
    doc.id = doc_id
    doc.mentions = [mention(doc, name, "programme") for name in names]
    return doc


def test_resolve_merges_documents_resolved_apart_as_it_resolves_them_together(make_doc):
    docs = [_programme_doc(make_doc, "a.txt", "第三屆读书节"), _programme_doc(make_doc, "b.txt", "第三届读书节", "第三届 读书节"),
            _officials_doc(make_doc, "c.txt", "江宁区", "王勇")]
    together = resolve(docs)
    apart = merge(resolve_document(doc) for doc in docs)
    (programme,) = together.entities_of("programme")
    assert programme.name == "第三屆读书节" and programme.aliases == {"第三届读书节"}  # named by its first document
    assert apart.entities == together.entities and apart.posts == together.posts


def test_resolve_merges_summaries_without_mentions_into_the_same_names_and_counts(make_doc):
    docs = [_programme_doc(make_doc, "a.txt", "第三屆读书节"), _programme_doc(make_doc, "b.txt", "第三届读书节", "第三届读书节")]
    together = resolve(docs)
    summaries = merge(Resolution([], {e.key: e.summary() for e in resolve_document(doc).entities.values()})
                      for doc in docs)
    (merged,), (whole,) = summaries.entities_of("programme"), together.entities_of("programme")
    assert (merged.name, merged.aliases, merged.mention_count) == (whole.name, whole.aliases, 3)
    assert merged.mentions == []
