"""The document cache: entries whole or missed, keys, versions."""
from __future__ import annotations

import shutil

from kg.cache import DocumentCache, Processed, code_version, document_key, processed_bytes, source_hash
from kg.export import Serialized
from kg.resolve import Entity


def test_cache_key_follows_content_and_path(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一", encoding="utf-8")
    b.write_text("一", encoding="utf-8")
    key = document_key(a)
    assert key != document_key(b)
    a.write_text("二", encoding="utf-8")
    assert document_key(a) != key
    assert document_key(tmp_path / "missing.txt") is None


def _processed(name: str = "文本") -> Processed:
    rdf = Serialized("https://e.org/g", {"ttl": f'<https://e.org/a> <https://e.org/b> "{name}"@zh .\n'.encode(),
                                         "nt": f'<https://e.org/a> <https://e.org/b> "{name}"@zh .\n'.encode(),
                                         "nt-shareable": b'<https://e.org/a> <https://e.org/c> <https://e.org/d> .\n',
                                         "jsonld": b'{"@id": "https://e.org/a"}'})
    entity = Entity("k1", "district", name, {name, "文 本"}, {"level": "county", "code": "1", "parent": None},
                    counted=2)
    return Processed("d.txt", 2, [entity], {"doc": "d.txt", "districts": [{"name": "k1"}]},
                     {"mentions": [["m", "k1", "s", 0, "句子"]]}, rdf)


def _same(found: Processed, expected: Processed) -> None:
    assert (found.id, found.mentions, found.entities, found.record, found.view) == \
        (expected.id, expected.mentions, expected.entities, expected.record, expected.view)
    assert found.rdf.graph == expected.rdf.graph and dict(found.rdf.syntaxes) == dict(expected.rdf.syntaxes)


def test_cache_get_put_prune(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    assert cache.get("k") is None
    _same(cache.put("k", _processed()), _processed())
    cache.put("old", _processed("旧"))
    _same(cache.get("k"), _processed())
    cache.prune({"k"})
    assert cache.get("old") is None
    _same(cache.get("k"), _processed())


def test_cache_keeps_file_keys_until_told_of_a_change(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("一", encoding="utf-8")
    cache = DocumentCache(tmp_path / "cache", version="v1")
    key = cache.key(doc)
    doc.write_text("二", encoding="utf-8")
    assert cache.key(doc) == key  # a watching build is told what changed
    cache.forget([str(doc.resolve())])
    assert cache.key(doc) == document_key(doc) != key


def test_cache_reads_an_entry_again_only_when_its_file_changed(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    held = cache.put("k", _processed())
    assert cache.get("k") is held
    (cache.dir / "k.part").write_bytes(processed_bytes(_processed("另一个文本")))
    _same(cache.get("k"), _processed("另一个文本"))
    (cache.dir / "k.part").unlink()
    assert cache.get("k") is None


def test_cache_entry_reads_statements_only_when_asked(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    entry = cache.put("k", _processed())
    assert not isinstance(entry.rdf.syntaxes, dict)
    assert entry.rdf.syntaxes["jsonld"] == b'{"@id": "https://e.org/a"}'


def test_cache_unreadable_entry_is_a_miss(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    cache.dir.mkdir(parents=True)
    (cache.dir / "k.part").write_text("{not json", encoding="utf-8")
    assert cache.get("k") is None
    (cache.dir / "k.part").write_bytes(processed_bytes(_processed())[:-5])  # cut short
    assert cache.get("k") is None


def test_cache_new_version_drops_old_entries(tmp_path):
    DocumentCache(tmp_path, version="v1").put("k", _processed())
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
