"""Shared fixtures: small documents written in the tests, and paths to the seeds and the gold."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.document import Document, Mention

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "gold"


def mention(doc: Document, surface: str, kind: str, name: str | None = None, nth: int = 0, **attrs) -> Mention:
    """A mention of the ``nth`` occurrence of ``surface`` in ``doc``, with correct offsets."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(surface, start + 1)
    return Mention(start, start + len(surface), kind, surface, name or surface, "test", dict(attrs))


@pytest.fixture
def make_doc():
    """Build a Document from text written in the test."""
    def make(text: str, doc_id: str = "test.txt") -> Document:
        return Document(id=doc_id, text=text, source=doc_id)
    return make


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/eval/gold is not beside the checkout")
    return GOLD


# ---------------------------------------------------------------- a small built graph (query, serve, export, validate, push)

_CITY_TEXT = "临江区召开会议\n3月1日，临江区委书记陈立新、副区长周敏调研滨湖街道滨湖路改造工程，强调落实乡村振兴战略和营商环境改革。记者张明报道。"
_PAIR_TEXT = "两市交流\n5月2日，临江区区长陈立新与北山区区长陈立新座谈，介绍河西区河西大桥项目和北山区北山工业园项目，推进乡村振兴战略。"
_DISTRICTS = {  # key: (name, level, parent)
    "990000": ("江南省", "province", None), "990100": ("江城市", "city", "990000"),
    "990102": ("临江区", "county", "990100"), "990103": ("河西区", "county", "990100"),
    "990102|滨湖街道": ("滨湖街道", "township", "990102"), "990200": ("山阳市", "city", "990000"),
    "990201": ("北山区", "county", "990200"),
}


def _small_documents() -> tuple[Document, Document]:
    from kg.document import Article
    a = Document(id="a.txt", text=_CITY_TEXT, source="a.txt", title="临江区召开会议", date="2024-03-01")
    a.articles = [Article(0, len(_CITY_TEXT), "临江区召开会议", "2024-03-01")]
    b = Document(id="b.txt", text=_PAIR_TEXT, source="b.txt", title="两市交流", date="2024-05-02")
    b.articles = [Article(0, len(_PAIR_TEXT), "两市交流", "2024-05-02")]
    return a, b


def _small_entities(result, a: Document, b: Document) -> dict:
    """Entity key → [(document, mention)] for every mention of the small graph."""
    from kg.resolve import Entity
    for key, (name, level, parent) in _DISTRICTS.items():
        code = key if key.isdigit() else None
        result.entities[key] = Entity(key, "district", name, attrs={"level": level, "code": code, "parent": parent})
    for key, kind, name, attrs in (
            ("陈立新@990102", "official", "陈立新", {}), ("陈立新@990201", "official", "陈立新", {}),
            ("周敏@990102", "official", "周敏", {}), ("张明|记者", "person", "张明", {"role": "记者"}),
            ("project:滨湖路改造工程", "project", "滨湖路改造工程", {}),
            ("project:河西大桥项目", "project", "河西大桥项目", {}),
            ("project:北山工业园项目", "project", "北山工业园项目", {}),
            ("programme:乡村振兴战略", "programme", "乡村振兴战略", {}),
            ("programme:营商环境改革", "programme", "营商环境改革", {})):
        result.entities[key] = Entity(key, kind, name, attrs=attrs)
    return {
        "990102": [(a, mention(a, "临江区", "district", nth=1)), (b, mention(b, "临江区", "district"))],
        "990103": [(b, mention(b, "河西区", "district"))], "990201": [(b, mention(b, "北山区", "district"))],
        "990102|滨湖街道": [(a, mention(a, "滨湖街道", "district"))],
        "陈立新@990102": [(a, mention(a, "陈立新", "official")), (b, mention(b, "陈立新", "official"))],
        "陈立新@990201": [(b, mention(b, "陈立新", "official", nth=1))],
        "周敏@990102": [(a, mention(a, "周敏", "official"))], "张明|记者": [(a, mention(a, "张明", "person"))],
        "project:滨湖路改造工程": [(a, mention(a, "滨湖路改造工程", "project"))],
        "project:河西大桥项目": [(b, mention(b, "河西大桥项目", "project"))],
        "project:北山工业园项目": [(b, mention(b, "北山工业园项目", "project"))],
        "programme:乡村振兴战略": [(a, mention(a, "乡村振兴战略", "programme")),
                              (b, mention(b, "乡村振兴战略", "programme"))],
        "programme:营商环境改革": [(a, mention(a, "营商环境改革", "programme"))],
    }


def small_resolution():
    """Two documents, two cities, namesake officials (陈立新 in 临江区 and in 北山区), projects, programmes."""
    from kg.resolve import LocationFact, PostFact, Resolution
    a, b = _small_documents()
    result = Resolution(documents=[a, b])
    found = _small_entities(result, a, b)
    for key, pairs in found.items():
        for doc, m in pairs:
            m.key = key
            doc.mentions.append(m)
            result.entities[key].mentions.append((doc.id, m))
    (_, chen_a), (_, chen_b) = found["陈立新@990102"]
    result.posts = [
        PostFact("陈立新@990102", "书记", "临江区委", "990102", "a.txt", chen_a),
        PostFact("周敏@990102", "副区长", None, "990102", "a.txt", found["周敏@990102"][0][1]),
        PostFact("陈立新@990102", "区长", None, "990102", "b.txt", chen_b),
        PostFact("陈立新@990201", "区长", None, "990201", "b.txt", found["陈立新@990201"][0][1]),
    ]
    result.locations = [LocationFact(key, district, doc.id, m) for key, district in (
        ("project:滨湖路改造工程", "990102|滨湖街道"), ("project:河西大桥项目", "990103"),
        ("project:北山工业园项目", "990201")) for doc, m in found[key]]
    return result


@pytest.fixture
def small_graph():
    """The small graph as kg.graph builds it (an rdflib Graph)."""
    from kg.graph import build_graph
    return build_graph(small_resolution())


@pytest.fixture
def small_dataset():
    from kg.graph import build_dataset
    return build_dataset(small_resolution())


@pytest.fixture
def small_graph_file(tmp_path, small_graph) -> Path:
    path = tmp_path / "graph.ttl"
    small_graph.serialize(path, format="turtle")
    return path


@pytest.fixture
def small_store(small_graph):
    from kg.store import Store
    return Store.from_graph(small_graph)


SMALL_CORPUS = {
    "a.txt": "合肥市庐阳区召开会议\n\n区委书记王勇在会上讲话。庐阳区将加快推进滨河东路改造工程项目建设。\n",
    "b.txt": "上饶市婺源县调研\n\n县长李明到江湾镇调研，要求扎实开展“乡村振兴”专项行动。\n记者 赵东\n",
    "c.txt": "义乌市新闻\n\n市委书记张华主持会议，研究推进义乌市汾河湿地公园项目。王勇列席会议。\n",
}


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """A folder of three short documents written here (officials, districts, projects, programmes)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in SMALL_CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- a graph with hostile markup (viz)

HOSTILE_TEXT = ("通报\n6月1日，<script>window.__pwned = 'script'</script>县长王恶意"
                "<img src=x onerror=\"window.__pwned = 'img'\">到安平县检查工作。")


def hostile_resolution():
    """One document whose text puts a <script> and an <img onerror> around an official's name."""
    from kg.document import Article
    from kg.resolve import Entity, PostFact, Resolution
    doc = Document(id="evil.txt", text=HOSTILE_TEXT, source="evil.txt", title="<b>通报</b>", date="2024-06-01")
    doc.articles = [Article(0, len(HOSTILE_TEXT), "通报", "2024-06-01")]
    result = Resolution(documents=[doc])
    official, county = mention(doc, "王恶意", "official"), mention(doc, "安平县", "district")
    result.entities["王恶意@980101"] = Entity("王恶意@980101", "official", "王恶意",
                                             surfaces={"<img src=x onerror=\"window.__pwned='alias'\">"})
    result.entities["980101"] = Entity("980101", "district", "安平县",
                                       attrs={"level": "county", "code": "980101", "parent": None})
    for key, m in (("王恶意@980101", official), ("980101", county)):
        m.key = key
        doc.mentions.append(m)
        result.entities[key].mentions.append((doc.id, m))
    result.posts = [PostFact("王恶意@980101", "县长", None, "980101", doc.id, official)]
    return result


@pytest.fixture
def hostile_graph():
    from kg.graph import build_graph
    return build_graph(hostile_resolution())


@pytest.fixture
def hostile_store(hostile_graph):
    from kg.store import Store
    return Store.from_graph(hostile_graph)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The default corpus built once per test session; the folder holding its exports."""
    from kg.pipeline import build
    out = tmp_path_factory.mktemp("seed-build")
    build([SEEDS], out, jobs=1, use_cache=False)
    return out
