"""Per-document resolution of district mentions to places with keys, codes and parents.

``resolve_places(doc)`` reads the document's district mentions (already extracted)
and decides, from the document alone, which division each one is:

- a table name with namesakes (鼓楼区 ×4) gets the code whose province or city the
  document names, else the one under the document's home city or province, else no code;
- the home province, city and county are what the document is about: a masthead
  (中共XX市委员会主办) or clearly the most-mentioned division of its level;
- a township, village or zone gets a parent only when the text makes it certain: a
  division named just before it (临江区东湖街道), an enclosing division earlier in the
  same sentence, else the home county; a zone's parent is the division in its name;
- an ethnic township named without its ethnic group (石桥乡 for 石桥彝族乡, named in
  the same document) is the same place, under its full name; so is a zone written short
  (江城高新区, or 高新区 alone) when the document names it in full (see :mod:`kg.zones`);
  a short name alone that the document does not expand is no place.

Keys: the six-digit code when known, else ``f"{parent_key}/{name}"`` (or the bare name
without a parent), so a township's key is the same in every document that places it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.document import Document, Mention
from kg.lexicon.divisions import ancestors, divisions_named, ethnic_groups, find_names, short_form, short_forms
from kg.zones import BARE_ABBREVIATIONS, parse_zone, zone_full_names

RANK = {"province": 0, "city": 1, "county": 2, "township": 3, "village": 4, "zone": 5}
_MASTHEAD = re.compile(r"中共(\S{2,12}?)委员会主办")
_NEAR = 200  # characters either side that count as "nearby" for namesakes and generic surfaces
# Level words an organisation or a title can start with, longest first (社区党委, 州长, 村委会).
_LEVEL_WORDS = ("自治区", "居民区", "社区", "街道", "苏木", "嘎查", "省", "市", "州", "区", "县", "旗", "镇", "乡", "村")
#: Organs of a prefecture-level 地区 named without it: its party committee and its administration.
_PREFECTURE_ORGANS = ("地委", "行署")
# Words that start with a level character without standing for a level (乡村振兴局, 市场监管局).
_NOT_LEVEL_STARTS = ("乡村", "城乡", "市场", "村民", "区域", "县域", "市民")


@dataclass(frozen=True)
class Place:
    key: str  # the six-digit national code when known, else f"{parent_key}/{name}" (or the name)
    name: str  # full standard name
    level: str  # province | city | county | township | village | zone
    code: str | None  # six-digit national code, when known
    parent: str | None  # key of the enclosing Place


# A division's short form, computed once per name: asked for every place of a document per post.
_short_form = lru_cache(maxsize=4096)(short_form)


def _span(mention: Mention) -> tuple[int, int, str]:
    return mention.start, mention.end, mention.name


class PlaceIndex:
    """The places of one document and the place each district mention stands for."""

    def __init__(self, doc: Document, places: dict[str, Place], keys: dict[tuple[int, int, str], str],
                 homes: dict[str, str]) -> None:
        self.doc = doc
        self.places = places
        self._keys = keys
        self._homes = homes

    def place_of(self, mention: Mention) -> Place | None:
        """The place a district mention of this document stands for."""
        key = self._keys.get(_span(mention))
        return self.places.get(key) if key else None

    def home(self, level: str) -> Place | None:
        """The document's own province, city or county, when it has one."""
        key = self._homes.get(level)
        return self.places.get(key) if key else None

    def chain(self, key: str) -> list[Place]:
        """The place and its ancestors, up to the province."""
        out: list[Place] = []
        while key in self.places and len(out) < len(RANK):
            out.append(self.places[key])
            key = self.places[key].parent or ""
        return out

    def find(self, surface: str, near: int) -> Place | None:
        """The place a surface seen at offset ``near`` stands for: a bare level word (市, 州, 区,
        镇) means the home division or the nearest one of that level (市 the home county-level city
        its article's title names); a name means that place."""
        if surface in ("区", "县", "旗"):
            return self._home_for(surface) or self._county_of_article(surface, near)
        if surface == "市":
            return self._county_city_of_article(near) or self._home_for(surface)
        if surface in ("自治区", "省", "州"):
            return self._home_for(surface)
        if surface in ("镇", "乡", "街道", "村", "社区", "苏木", "嘎查", "居民区"):
            return self._nearest(surface, near)
        return self._named(surface, near)

    def find_relative(self, head: str, level_word: str | None, near: int) -> Place | None:
        """The place an organisation or title written without a place name stands for, by its level
        word (``level_word`` when already read, else the one ``head`` starts with): 市委 → the home
        city, 州长 → the home prefecture, 村党支部 → the village named last before ``near``."""
        if head.startswith(_NOT_LEVEL_STARTS):
            return None
        if head.startswith(_PREFECTURE_ORGANS):
            return self._home_for("地区")
        level_word = level_word or next((w for w in _LEVEL_WORDS if head.startswith(w)), None)
        return self.find(level_word, near) if level_word else None

    def _home_for(self, level_word: str) -> Place | None:
        """The home division a bare level word stands for: 自治区 only for an autonomous region,
        州 only for a prefecture named 州, 市 for a municipality when there is no home city, 区 or
        县 for a home county of that name."""
        level = {"自治区": "province", "省": "province", "市": "city", "州": "city", "地区": "city"}.get(level_word, "county")
        place = self.home(level)
        if place is None and level_word == "市":
            province = self.home("province")
            return province if province and province.name.endswith("市") else None
        if place and level_word in ("自治区", "州", "地区", "区", "县", "旗") and not place.name.endswith(level_word):
            return None
        return place

    def opening(self, org: str) -> Place | None:
        """The named place whose short form opens an organisation's name (江城|轴承集团 → 江城市,
        when the document names 江城市)."""
        named = {self.places[key] for key in self._keys.values() if key in self.places}
        shorts = [(_short_form(p.name), p) for p in named if p.code]
        found = [(len(short), p.key) for short, p in shorts if short != p.name and org.startswith(short)]
        return self.places[max(found)[1]] if found else None

    def _county_city_of_article(self, near: int) -> Place | None:
        """The home county when it is a city that the title of the article at ``near`` names (某某市
        人民政府工作报告): there 市 is that city, not the prefecture above it."""
        county, article = self.home("county"), self.doc.article_at(near)
        if county is None or article is None or not county.name.endswith("市"):
            return None
        return county if county.name in article.title else None

    def _county_of_article(self, suffix: str, near: int) -> Place | None:
        """The one county named with this suffix (区, 县, 旗) before ``near`` in its article, when
        no home county stands for it (a column of short items: 临江区…区环保局)."""
        article = self.doc.article_at(near)
        if article is None:
            return None
        found = {self.place_of(m) for m in self.doc.mentions if m.kind == "district"
                 and article.start <= m.start < near and m.attrs.get("level") == "county" and m.name.endswith(suffix)}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def _nearest(self, suffix: str, near: int) -> Place | None:
        """The closest place named with this suffix before ``near``, within the same article."""
        article = self.doc.article_at(near)
        low = article.start if article else near - 4 * _NEAR
        best = None
        for mention in self.doc.mentions:
            if mention.kind == "district" and low <= mention.start < near and mention.name.endswith(suffix):
                best = self.place_of(mention) or best
        return best

    def _named(self, surface: str, near: int) -> Place | None:
        name = short_forms().get(surface, surface)
        spans = [(abs(start - near), key) for (start, _, n), key in self._keys.items() if n == name]
        if spans:
            return self.places[min(spans)[1]]
        codes = [d.code for d in divisions_named(name)]
        code = _choose_code(codes, self.doc, near, self._homes)
        if code is None:
            return None
        _add_chain(self.places, code)
        return self.places[code]


def resolve_places(doc: Document) -> PlaceIndex:
    """Resolve the district mentions of ``doc`` (already extracted) to places."""
    mentions = sorted((m for m in doc.mentions if m.kind == "district"), key=lambda m: m.start)
    places: dict[str, Place] = {}
    homes = _homes(doc, mentions)
    keys: dict[tuple[int, int, str], str] = {}
    for mention in mentions:
        if mention.attrs.get("codes"):
            key = _resolve_table_mention(mention, doc, homes, places)
            keys[_span(mention)] = key
    for level in ("township", "village", "zone"):
        _resolve_named_areas(doc, [m for m in mentions if m.attrs.get("level") == level and
                                   not m.attrs.get("codes")], mentions, keys, places, homes)
    return PlaceIndex(doc, places, keys, homes)


def _resolve_table_mention(mention: Mention, doc: Document, homes: dict[str, str],
                           places: dict[str, Place]) -> str:
    code = _choose_code(mention.attrs["codes"], doc, mention.start, homes)
    if code is None:
        places.setdefault(mention.name, Place(mention.name, mention.name, mention.attrs["level"], None, None))
        return mention.name
    _add_chain(places, code)
    return code


def _add_chain(places: dict[str, Place], code: str) -> None:
    for division in ancestors(code):
        places.setdefault(division.code, Place(division.code, division.name, division.level,
                                               division.code, division.parent))


def _choose_code(codes: list[str], doc: Document, near: int, homes: dict[str, str]) -> str | None:
    """The one candidate code the document supports: an ancestor named nearby, else anywhere in
    the document, else the home city or province; None when that still leaves a choice."""
    if len(codes) <= 1:
        return codes[0] if codes else None
    for lo, hi in ((near - _NEAR, near + _NEAR), (0, len(doc.text))):
        named = _named_codes(doc, lo, hi)
        fitting = [c for c in codes if {a.code for a in ancestors(c)[1:]} & named]
        if len(fitting) == 1:
            return fitting[0]
    home_keys = {homes.get("city"), homes.get("province")} - {None}
    fitting = [c for c in codes if {a.code for a in ancestors(c)[1:]} & home_keys]
    return fitting[0] if len(fitting) == 1 else None


def _named_codes(doc: Document, lo: int, hi: int) -> set[str]:
    """Codes of the unambiguous division names in ``doc.text[lo:hi]``."""
    out: set[str] = set()
    for mention in doc.mentions:
        codes = mention.attrs.get("codes") or []
        if mention.kind == "district" and len(codes) == 1 and lo <= mention.start < hi:
            out.add(codes[0])
    return out


def _homes(doc: Document, mentions: list[Mention]) -> dict[str, str]:
    """The document's own province, city and county codes, when the text makes them clear: counted
    over the table names, namesakes included once an ancestor named in the document settles them."""
    counts: dict[str, Counter[str]] = {"province": Counter(), "city": Counter(), "county": Counter()}
    for mention in mentions:
        code = _choose_code(mention.attrs.get("codes") or [], doc, mention.start, {})
        for depth, division in enumerate(ancestors(code) if code else []):
            counts[division.level][division.code] += 1 if depth == 0 else 0.5
    homes = _masthead_homes(doc)
    for level, minimum, margin in (("city", 2, 1.0), ("province", 1, 1.0), ("county", 3, 2.0)):
        if level not in homes:
            top = counts[level].most_common(2)
            # a county named twice is the home county when the document names no other
            enough = top and (top[0][1] >= minimum or (level == "county" and len(top) == 1 and top[0][1] >= 2))
            if enough and (len(top) == 1 or top[0][1] > margin * top[1][1]):
                homes[level] = top[0][0]
    return _consistent(homes)


def _masthead_homes(doc: Document) -> dict[str, str]:
    """Homes from a masthead such as 中共江城市委员会主办."""
    match = _MASTHEAD.search(doc.text)
    if not match:
        return {}
    homes: dict[str, str] = {}
    for hit in find_names(match.group(1)):
        found = divisions_named(hit.name)
        if len(found) == 1:
            for division in ancestors(found[0].code):
                homes.setdefault(division.level, division.code)
    return homes


def _consistent(homes: dict[str, str]) -> dict[str, str]:
    """Drop a home county or city that does not lie inside the home city or province, then
    fill in the home city and province that enclose what is left."""
    out = dict(homes)
    for child, parent in (("city", "province"), ("county", "city"), ("county", "province")):
        if child in out and parent in out and out[parent] not in {a.code for a in ancestors(out[child])}:
            del out[child]
    lowest = out.get("county") or out.get("city")
    for division in ancestors(lowest) if lowest else []:
        out.setdefault(division.level, division.code)
    return out


def _resolve_named_areas(doc: Document, areas: list[Mention], mentions: list[Mention],
                         keys: dict[tuple[int, int, str], str], places: dict[str, Place],
                         homes: dict[str, str]) -> None:
    """Give each township, village or zone name one place: the parent from its most certain
    mention (named just before it > same sentence > home county), keyed under that parent."""
    full = _full_names(areas)
    areas = [area for area in areas if area.name in full or area.name not in BARE_ABBREVIATIONS]
    best: dict[str, tuple[int, str | None]] = {}
    for area in areas:
        name = full.get(area.name, area.name)
        certainty, parent = _parent_of(area, name, doc, mentions, keys, homes, places)
        if name not in best or certainty > best[name][0]:
            best[name] = (certainty, parent)
    for area in areas:
        name = full.get(area.name, area.name)
        parent = best[name][1]
        key = f"{parent}/{name}" if parent else name
        places.setdefault(key, Place(key, name, area.attrs["level"], None, parent))
        keys[_span(area)] = key


def _full_names(areas: list[Mention]) -> dict[str, str]:
    """Short name → full name of the zones among ``areas`` (高新区 → 江城高新技术产业开发区), of
    townships and villages written short and of the ethnic townships (石桥乡 → 石桥彝族乡)."""
    out = zone_full_names(area.name for area in areas if area.attrs["level"] == "zone")
    out.update(_longer_names(area.name for area in areas if area.attrs["level"] in ("township", "village")))
    for area in areas:
        for group in ethnic_groups():
            head, found, tail = area.name.rpartition(group)
            if found and head and tail in ("乡", "镇"):
                out[head + tail] = area.name
                break
    return out


def _longer_names(names: Iterable[str]) -> dict[str, str]:
    """A township or village written short (和平居民区) → the one longer name of the document that
    ends with it (江北和平居民区); names of one or two characters (东村) are too short to tell."""
    distinct = set(names)
    out: dict[str, str] = {}
    for name in distinct:
        longer = [other for other in distinct if other != name and other.endswith(name)]
        if len(name) >= 3 and len(longer) == 1:
            out[name] = longer[0]
    return out


def _parent_of(area: Mention, name: str, doc: Document, mentions: list[Mention],
               keys: dict[tuple[int, int, str], str], homes: dict[str, str],
               places: dict[str, Place]) -> tuple[int, str | None]:
    """(certainty, parent key) for one township, village or zone mention (``name``: its full name)."""
    level = area.attrs["level"]
    if level == "zone":
        return _zone_parent(area, mentions, keys) or _parent_in_name(name, places)
    enclosing = [m for m in mentions if m.end <= area.start and _encloses(m, level) and _span(m) in keys]
    if enclosing and area.start - enclosing[-1].end <= 1:
        return 3, keys[_span(enclosing[-1])]
    sentence_start = doc.sentence_at(area.start)[0]
    in_sentence = [m for m in enclosing if m.start >= sentence_start]
    if in_sentence:
        return 2, keys[_span(in_sentence[-1])]
    return (1, homes["county"]) if "county" in homes else (0, None)


def _zone_parent(zone: Mention, mentions: list[Mention],
                 keys: dict[tuple[int, int, str], str]) -> tuple[int, str | None] | None:
    """(certainty, parent key) for a zone: the division mentioned in it (浙江舟山群岛新区), else
    the one named just before it (临江区临江高新区); None when there is neither."""
    divisions = [m for m in mentions if m is not zone and RANK[m.attrs["level"]] <= RANK["county"]
                 and keys.get(_span(m))]
    inside = [m for m in divisions if zone.start <= m.start and m.end <= zone.end]
    before = [m for m in divisions if m.end == zone.start]
    found = inside or before
    return (3, keys[_span(found[0])]) if found else None


def _parent_in_name(name: str, places: dict[str, Place]) -> tuple[int, str | None]:
    """(certainty, parent key) from the division a zone's full name starts with, when the
    segmenter left it inside one word (江城湖滨新技术开发区) or the text wrote the zone short."""
    division = parse_zone(name).division
    found = divisions_named(division) if division else ()
    if len(found) != 1:
        return 0, None
    _add_chain(places, found[0].code)
    return 2, found[0].code


def _encloses(mention: Mention, level: str) -> bool:
    """Whether a division of the mention's level can directly enclose an area of ``level``."""
    rank = RANK[mention.attrs["level"]]
    if level == "township":
        return rank == RANK["county"]
    return rank in (RANK["county"], RANK["township"])
