"""The national division table: levels, parents, namesakes, short forms, name matching."""
from __future__ import annotations

from kg.lexicon.divisions import (ancestors, county_stems, division_table, divisions_named, ethnic_groups,
                                  find_names, is_generic_county, short_form, short_forms)


def test_lexicon_divisions_table_covers_every_level():
    levels = {d.level for d in division_table().values()}
    assert levels == {"province", "city", "county"}
    assert len(division_table()) > 3000


def test_lexicon_divisions_county_parent_is_its_city():
    assert [d.name for d in ancestors("350102")] == ["鼓楼区", "福州市", "福建省"]


def test_lexicon_divisions_municipal_district_parent_is_the_municipality():
    assert [d.name for d in ancestors("110105")] == ["朝阳区", "北京市"]
    assert divisions_named("北京市")[0].level == "province"


def test_lexicon_divisions_province_administered_county_parent_is_the_province():
    assert [d.name for d in ancestors("429004")] == ["仙桃市", "湖北省"]


def test_lexicon_divisions_namesakes_are_all_listed():
    assert {d.parent for d in divisions_named("鼓楼区")} == {"350100", "320100", "320300", "410200"}


def test_lexicon_divisions_short_form_strips_level_and_ethnic_names():
    assert short_form("广西壮族自治区") == "广西"
    assert short_form("新疆维吾尔自治区") == "新疆"
    assert short_form("延边朝鲜族自治州") == "延边"
    assert short_form("苏州市") == "苏州"


def test_lexicon_divisions_short_forms_only_for_provinces_and_cities():
    forms = short_forms()
    assert forms["内蒙古"] == "内蒙古自治区"
    assert forms["苏州"] == "苏州市"
    assert forms["吉林"] == "吉林省"  # a province wins a stem it shares with a city
    assert "昆山" not in forms  # county stems are never short forms
    assert "来宾" not in forms  # a common word


def test_lexicon_divisions_two_character_counties_are_generic():
    assert is_generic_county("和县")
    assert is_generic_county("城区")
    assert not is_generic_county("昆山市")


def test_lexicon_divisions_find_names_gives_offsets():
    text = "他从江苏省昆山市来"
    hits = list(find_names(text))
    assert {(h.surface, h.name) for h in hits} >= {("江苏省", "江苏省"), ("江苏", "江苏省"), ("昆山市", "昆山市")}
    assert all(text[h.start:h.end] == h.surface for h in hits)


def test_lexicon_divisions_autonomous_prefecture_goes_by_stem_and_zhou():
    forms = short_forms()
    assert forms["延边州"] == "延边朝鲜族自治州"
    assert forms["红河州"] == "红河哈尼族彝族自治州"  # even where the bare stem is a common word
    assert "红河" not in forms


def test_lexicon_divisions_ethnic_groups_are_the_56():
    groups = ethnic_groups()
    assert len(groups) == 56 and "朝鲜族" in groups and "汉族" in groups
    assert len(groups[0]) >= len(groups[-1])  # longest first, for suffix matching


def test_lexicon_divisions_municipalities_are_provinces():
    assert {divisions_named(n)[0].level for n in ("北京市", "天津市", "上海市", "重庆市")} == {"province"}


def test_lexicon_divisions_county_stems_are_counties_written_short():
    assert {"醴陵", "攸县", "平江"} <= county_stems()
    assert "湖南" not in county_stems() and "醴陵市" not in county_stems()
