"""Zone names: kinds, and short names standing for the full name written in the same document."""
from __future__ import annotations

from kg.zones import parse_zone, zone_full_names


def test_zones_parse_splits_division_stem_and_kind():
    zone = parse_zone("合肥蜀山新技术开发区")
    assert (zone.division, zone.head, zone.stem, zone.kind) == ("合肥市", "合肥", "蜀山", "高新")
    assert parse_zone("桂东能源化工基地").kind is None


def test_zones_short_names_stand_for_the_full_name():
    full = zone_full_names(["芜湖高新技术产业开发区", "芜湖高新区", "高新区", "芜湖经开区", "经开区"])
    assert full["芜湖高新区"] == full["高新区"] == "芜湖高新技术产业开发区"
    assert full["经开区"] == full["芜湖经开区"] == "芜湖经济技术开发区"


def test_zones_short_name_with_a_stem_finds_the_name_with_its_division():
    assert zone_full_names(["合肥蜀山新技术开发区", "蜀山高新区"])["蜀山高新区"] == "合肥蜀山新技术开发区"


def test_zones_other_divisions_and_ambiguous_bare_names_stay_apart():
    full = zone_full_names(["芜湖高新区", "合肥高新技术产业开发区", "高新区"])
    assert full["芜湖高新区"] == "芜湖高新技术产业开发区" and "高新区" not in full


def test_zones_one_to_one_abbreviation_is_written_out():
    full = zone_full_names(["贵州黔中综改示范区", "贵州综改示范区", "综改区"])
    assert set(full.values()) == {"贵州黔中综合改革示范区"}


def test_zones_name_written_only_short_gets_the_standard_full_name():
    full = zone_full_names(["江州高新区", "高新区", "江州经开区"])
    assert full["江州高新区"] == full["高新区"] == "江州高新技术产业开发区"
    assert full["江州经开区"] == "江州经济技术开发区"


def test_zones_bare_name_without_a_zone_has_no_full_name():
    assert zone_full_names(["生态城"]) == {}
