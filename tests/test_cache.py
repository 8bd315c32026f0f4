"""The document cache: exact round-trips, keys, versions."""
from __future__ import annotations

import shutil

from hypothesis import given
from hypothesis import strategies as st

from kg.cache import (DocumentCache, Processed, code_version, document_from_json, document_key,
                      document_to_json, source_hash)
from kg.document import Article, Document, Mention
from kg.export import GraphText
from kg.extract import run_extractors
from kg.ingest import find_documents, read_document

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
values = st.recursive(scalars, lambda inner: (
    st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.frozensets(scalars.filter(lambda v: v is not None), max_size=3)
    | st.sets(st.integers(), max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    | st.dictionaries(st.integers(), inner, max_size=2)), max_leaves=10)


@st.composite
def documents(draw) -> Document:
    text = draw(st.text(min_size=1, max_size=30))
    mentions = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        mentions.append(Mention(start, end, "district", text[start:end], draw(st.text(max_size=5)), "x",
                                draw(st.dictionaries(st.text(max_size=6), values, max_size=3)),
                                draw(st.none() | st.text(max_size=5))))
    articles = [Article(0, len(text), draw(st.text(max_size=5)), draw(st.none() | st.just("2024-01-02")))]
    return Document(draw(st.text(min_size=1, max_size=8)), text, "src", draw(st.text(max_size=5)),
                    None, articles, mentions)


@given(documents())
def test_cache_round_trip_is_exact(doc):
    back = document_from_json(document_to_json(doc))
    assert back == doc
    assert [type(v) for m in back.mentions for v in m.attrs.values()] == \
        [type(v) for m in doc.mentions for v in m.attrs.values()]


def test_cache_round_trips_real_extractions(small_corpus):
    for path in find_documents([small_corpus]):
        doc = run_extractors(read_document(path))
        assert doc.mentions
        assert document_from_json(document_to_json(doc)) == doc


def test_cache_key_follows_content_and_path(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一", encoding="utf-8")
    b.write_text("一", encoding="utf-8")
    key = document_key(a)
    assert key != document_key(b)
    a.write_text("二", encoding="utf-8")
    assert document_key(a) != key
    assert document_key(tmp_path / "missing.txt") is None


def _processed(doc: Document) -> Processed:
    return Processed(doc, GraphText("https://e.org/g", '<https://e.org/a> <https://e.org/b> "文本"@zh .\n'))


def test_cache_get_put_prune(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    doc = Document("d.txt", "文本", mentions=[Mention(0, 2, "district", "文本", "文本", "x", {"codes": ("1",)})])
    assert cache.get("k") is None
    cache.put("k", _processed(doc))
    cache.put("old", _processed(doc))
    assert cache.get("k") == _processed(doc)
    cache.prune({"k"})
    assert cache.get("old") is None and cache.get("k") == _processed(doc)


def test_cache_unreadable_entry_is_a_miss(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    cache.dir.mkdir(parents=True)
    (cache.dir / "k.json").write_text("{not json", encoding="utf-8")
    assert cache.get("k") is None


def test_cache_new_version_drops_old_entries(tmp_path):
    DocumentCache(tmp_path, version="v1").put("k", _processed(Document("d.txt", "文本")))
    cache = DocumentCache(tmp_path, version="v2")
    assert cache.get("k") is None
    assert [p.name for p in tmp_path.iterdir()] == []


def test_cache_version_changes_when_a_source_file_changes(tmp_path):
    import kg

    package = tmp_path / "kg"
    shutil.copytree(kg.__path__[0], package, ignore=shutil.ignore_patterns("__pycache__"))
    before = source_hash(package)
    assert before == source_hash(package)
    (package / "extract" / "__init__.py").write_text("# changed\n", encoding="utf-8")
    assert source_hash(package) != before
    assert len(code_version()) == 16
