"""Per-document resolution of district mentions: namesakes, homes, parents, chains."""
from __future__ import annotations

from kg.document import Article, Document, Mention
from kg.extract import run_extractors
from kg.extract.districts import extract_districts
from kg.extract.officials import extract_officials
from kg.places import PlaceIndex, resolve_places
from kg.resolve import resolve


def resolved(text: str) -> tuple[Document, PlaceIndex]:
    doc = Document("test.txt", text)
    doc.mentions = list(extract_districts(doc))
    return doc, resolve_places(doc)


def place_named(doc: Document, index: PlaceIndex, name: str):
    return next(index.place_of(m) for m in doc.mentions if m.name == name)


def test_places_namesake_follows_the_city_named_in_the_document():
    doc, index = resolved("福州市召开大会。鼓楼区代表发言。")
    assert place_named(doc, index, "鼓楼区").code == "350102"
    doc, index = resolved("南京市召开大会。鼓楼区代表发言。")
    assert place_named(doc, index, "鼓楼区").code == "320106"


def test_places_namesake_without_context_has_no_code():
    doc, index = resolved("鼓楼区代表发言。")
    place = place_named(doc, index, "鼓楼区")
    assert place.code is None and place.key == "鼓楼区"


def test_places_chain_reaches_the_province():
    doc, index = resolved("江苏昆山市召开大会。")
    chain = index.chain(place_named(doc, index, "昆山市").key)
    assert [p.name for p in chain] == ["昆山市", "苏州市", "江苏省"]


def test_places_home_city_answers_bare_shi():
    doc, index = resolved("苏州市召开大会。苏州市委书记讲话。昆山市代表发言，我市将继续推进。")
    assert index.home("city").name == "苏州市"
    assert index.find("市", doc.text.index("我市")).name == "苏州市"
    assert index.find("省", 0).name == "江苏省"


def test_places_masthead_sets_the_home_city():
    doc, index = resolved("中共芜湖市委员会主办\n南京市代表来访。南京市代表发言。")
    assert index.home("city").name == "芜湖市"


def test_places_bare_county_word_needs_a_clear_home_county():
    doc, index = resolved("昆山市召开大会。昆山市委书记讲话。昆山市代表发言。")
    assert index.find("市", 0).name == "苏州市"
    assert index.home("county").name == "昆山市"
    assert index.find("区", 0) is None


def test_places_township_parent_is_the_county_just_before_it():
    doc, index = resolved("江苏昆山市周庄镇召开大会。")
    place = place_named(doc, index, "周庄镇")
    assert place.parent == "320583" and place.key == "320583/周庄镇"
    assert [p.name for p in index.chain(place.key)] == ["周庄镇", "昆山市", "苏州市", "江苏省"]


def test_places_village_parent_is_the_township_earlier_in_the_sentence():
    doc, index = resolved("昆山市周庄镇召开大会，会上柳树沟村介绍经验。\n另一段里的李营村也发言。")
    assert place_named(doc, index, "柳树沟村").parent == "320583/周庄镇"


def test_places_village_without_enclosing_division_has_no_parent():
    doc, index = resolved("柳树沟村介绍经验。")
    place = place_named(doc, index, "柳树沟村")
    assert place.parent is None and place.key == "柳树沟村"


def test_places_zone_parent_is_the_division_in_its_name():
    doc, index = resolved("推进湖南湘江新区建设。")
    assert place_named(doc, index, "湖南湘江新区").parent == "430000"


def test_places_find_resolves_a_name_and_the_nearest_township():
    doc, index = resolved("江苏昆山市周庄镇召开大会，镇党委书记讲话。")
    assert index.find("昆山市", 0).code == "320583"
    assert index.find("镇", doc.text.index("镇党委")).name == "周庄镇"


def test_places_home_prefecture_answers_bare_zhou():
    doc, index = resolved("恩施州召开大会。恩施州代表发言。州委书记讲话。")
    assert index.find("州", doc.text.index("州委")).name == "恩施土家族苗族自治州"
    doc, index = resolved("苏州市召开大会。苏州市代表发言。")
    assert index.find("州", 0) is None


def test_places_municipality_answers_bare_shi():
    doc, index = resolved("重庆市召开大会。市委常委讲话。")
    assert index.home("city") is None
    assert index.find("市", doc.text.index("市委")).name == "重庆市"


def test_places_ethnic_township_without_its_ethnic_group_is_the_same_place():
    doc, index = resolved("龙泉市白岩苗族乡召开大会。白岩乡党委书记讲话。")
    short = next(m for m in doc.mentions if m.name == "白岩乡")
    assert index.place_of(short) == place_named(doc, index, "白岩苗族乡")
    assert index.place_of(short).name == "白岩苗族乡"


def test_places_namesakes_count_towards_the_home_county():
    doc, index = resolved("南京市鼓楼区召开大会。鼓楼区代表发言。鼓楼区居民参加。青石街道介绍经验。")
    assert index.home("county").code == "320106"
    assert place_named(doc, index, "青石街道").parent == "320106"


def test_places_only_county_named_twice_is_the_home_county():
    doc, index = resolved("龙泉市召开大会。龙泉市代表发言。会后，青田镇介绍经验。")
    assert place_named(doc, index, "青田镇").parent == place_named(doc, index, "龙泉市").key


def test_places_zone_parent_is_the_county_named_just_before_it():
    doc, index = resolved("江宁区江宁高新区签约。")
    assert place_named(doc, index, "江宁高新区").parent == "320115"


def test_places_find_relative_reads_the_level_word_of_an_organisation():
    doc, index = resolved("青田镇石卖村召开大会，村党支部书记讲话。")
    near = doc.text.index("村党支部")
    assert index.find_relative("村党支部", None, near).name == "石卖村"
    assert index.find_relative("乡村振兴局", "乡", near) is None


def test_places_post_district_overlapping_its_organisation():
    text = "桐庐县委书记张三讲话"
    doc = Document("test.txt", text)
    post = {"title": "县委书记", "org": "县委", "org_start": 2, "org_end": 4, "relative": "县"}
    doc.mentions = list(extract_districts(doc)) + [
        Mention(6, 8, "official", "张三", "张三", "officials", {"posts": [post]})]
    [fact] = resolve([doc]).posts
    assert fact.district == place_named(doc, resolve_places(doc), "桐庐县").key


def test_places_zone_written_short_is_the_zone_named_in_full():
    doc, index = resolved("芜湖高新技术产业开发区召开大会。芜湖高新区代表发言，高新区管委会主任讲话。")
    zones = [index.place_of(m) for m in doc.mentions if m.attrs["level"] == "zone"]
    assert len(zones) == 3 and len({z.key for z in zones}) == 1
    assert zones[0].name == "芜湖高新技术产业开发区" and zones[0].parent == "340200"


def test_places_zone_abbreviation_alone_without_its_zone_is_no_place():
    doc, index = resolved("高新区管委会主任讲话。")
    assert [index.place_of(m) for m in doc.mentions] == [None]


def test_places_zone_parent_from_a_division_the_segmenter_kept_inside_it():
    doc, index = resolved("在合肥蜀山新技术开发区召开大会。")
    place = place_named(doc, index, "合肥蜀山新技术开发区")
    assert place.parent == "340100" and index.chain(place.key)[-1].name == "安徽省"


def test_places_bare_zizhiqu_is_the_home_autonomous_region():
    doc, index = resolved("南宁市召开大会。南宁市代表发言。广西壮族自治区代表发言。")
    assert index.find_relative("自治区党委", None, 0).name == "广西壮族自治区"
    doc, index = resolved("苏州市召开大会。苏州市代表发言。")
    assert index.find_relative("自治区党委", None, 0) is None


def test_places_zone_post_written_with_the_abbreviation_gets_the_full_zone():
    doc = Document("test.txt", "芜湖高新技术产业开发区召开大会。高新区党工委书记孙海涛讲话。")
    doc.mentions = list(extract_districts(doc)) + list(extract_officials(doc))
    result = resolve([doc])
    [fact] = result.posts
    assert result.entities[fact.district].name == "芜湖高新技术产业开发区"


def _post_districts(doc: Document) -> dict[str, str | None]:
    """Official's name → the name of the district resolution gives their (first) post."""
    doc.mentions = list(extract_districts(doc)) + list(extract_officials(doc))
    result = resolve([doc])
    return {fact.mention.name: result.entities[fact.district].name if fact.district else None
            for fact in reversed(result.posts)}


def test_places_zone_post_written_only_short_gets_the_expanded_zone():
    doc = Document("test.txt", "海城经开区项目开工。海城经开区党工委书记贺天明讲话。")
    assert _post_districts(doc) == {"贺天明": "海城经济技术开发区"}


def test_places_bare_county_word_reads_the_one_county_of_the_article():
    from kg.document import Article
    text = "●罗湖区启动三年行动\n日前，罗湖区启动行动。区环保局局长贺天明介绍进展。\n●福田区启用大厅\n大厅启用。"
    doc = Document("test.txt", text)
    doc.articles = [Article(0, text.index("●福田区")), Article(text.index("●福田区"), len(text))]
    assert _post_districts(doc) == {"贺天明": "罗湖区"}


def test_places_organisation_opened_by_a_named_county_short_form():
    doc = Document("test.txt", "海城市与海城钢铁集团签约。海城钢铁集团董事长贺天明表示，项目年内开工。")
    assert _post_districts(doc) == {"贺天明": "海城市"}


def test_places_village_written_short_is_the_longer_name_of_the_document():
    doc = Document("test.txt", "走进华阳路街道北新福康居民区，福康居民区党总支书记贺天明介绍经验。")
    assert _post_districts(doc) == {"贺天明": "北新福康居民区"}


def test_places_gacha_party_secretary_is_posted_to_the_gacha():
    doc = Document("test.txt", "鄂托克旗乌兰镇巴彦乌素嘎查党支部书记敖其尔说，今年种了甘草。")
    assert _post_districts(doc) == {"敖其尔": "巴彦乌素嘎查"}


def test_places_bare_shi_is_the_county_level_city_its_article_title_names():
    text = "醴陵市人民政府工作报告\n在株洲市委和市委领导下，醴陵市经济增长。醴陵市代表发言。醴陵市将继续推进。"
    for title, city in (("醴陵市人民政府工作报告", "醴陵市"), ("全市经济稳步增长", "株洲市")):
        doc = Document("test.txt", text, articles=[Article(0, len(text), title)])
        doc.mentions = list(extract_districts(doc))
        assert resolve_places(doc).find("市", text.index("市委领导")).name == city


# ---------------------------------------------------------------- where a project lies (kg.locate)


def placed_projects(text: str, title: str = "") -> dict[str, str]:
    """Project name → the name of the district resolution places it in, extractors included."""
    doc = Document("test.txt", text, articles=[Article(0, len(text), title)])
    result = resolve([run_extractors(doc)])
    return {result.entities[f.project].name: result.entities[f.district].name for f in result.locations}


def test_places_project_built_in_a_township_named_right_after_it():
    text = "株洲市召开推进会。醴陵市新材料产业园三期项目在石桥镇开工。"
    assert placed_projects(text) == {"醴陵市新材料产业园": "石桥镇"}


def test_places_project_placed_by_the_level_word_of_its_sentence():
    text = "醴陵市石桥镇党委书记陶文亮说，镇里依托株洲市对口援建的产业城，引进了年产300万件服装加工项目。"
    assert placed_projects(text) == {"年产300万件服装加工项目": "石桥镇"}


def test_places_project_placed_by_a_section_named_by_a_county_stem():
    text = "株洲市召开推进会。醴陵市代表发言。青禾引水二期工程醴陵段建成通水。"
    assert placed_projects(text) == {"青禾引水二期工程醴陵段": "醴陵市"}


def test_places_project_in_a_headline_is_placed_where_its_body_says():
    text = "白鹭湾大桥工程开工\n本报讯 白鹭湾大桥工程在醴陵市石桥镇正式开工。"
    assert placed_projects(text, title="白鹭湾大桥工程开工") == {"白鹭湾大桥工程": "石桥镇"}


def test_places_project_placed_by_the_districts_written_right_before_it():
    text = "株洲市召开推进会。醴陵市石桥镇年产10万吨陶瓷项目开工，荷塘区重点项目同步推进。"
    assert placed_projects(text) == {"年产10万吨陶瓷项目": "石桥镇"}


def test_places_masthead_in_a_title_is_not_what_the_article_is_about():
    text = "醴陵市位于株洲市东部。醴陵市陶瓷产业发展迅速，醴陵市新引进企业8家。\n今年，年产2万吨电瓷项目已经投产。"
    assert placed_projects(text, title="株洲日报 2020年7月3日 第3版 做活产业文章") == {"年产2万吨电瓷项目": "醴陵市"}



def test_places_prefecture_organs_stand_for_the_home_prefecture():
    doc, index = resolved("塔城地区召开大会。塔城地区代表发言。地委书记讲话。")
    assert index.find_relative("地委", None, doc.text.index("地委")).name == "塔城地区"
    assert index.find_relative("行署", None, 0).name == "塔城地区"
    doc, index = resolved("苏州市召开大会。苏州市代表发言。")
    assert index.find_relative("地委", None, 0) is None
