"""Per-document extraction records: what ``kg extract`` prints and ``entities.jsonl`` holds.

The shape is the evaluation kit's (../shared/eval/EXAMPLE.json): officials with their
posts, persons with roles, districts with level, parent and code, projects with their
district, programmes.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from kg.document import Document
from kg.resolve import Entity, LocationFact, PostFact, Resolution


def _keys_in(doc: Document, kind: str) -> list[str]:
    """Keys of the entities of one kind mentioned in a document, in order of first mention."""
    return list(dict.fromkeys(m.key for m in doc.mentions if m.kind == kind and m.key))


@dataclass
class _Facts:
    """The post and location facts of a resolution, by (document, official or project), in order."""

    posts: dict[tuple[str, str], list[PostFact]] = field(default_factory=dict)
    locations: dict[tuple[str, str], list[LocationFact]] = field(default_factory=dict)

    @classmethod
    def of(cls, result: Resolution) -> _Facts:
        facts = cls()
        for post in result.posts:
            facts.posts.setdefault((post.doc, post.official), []).append(post)
        for location in result.locations:
            facts.locations.setdefault((location.doc, location.project), []).append(location)
        return facts


def keyed_record(result: Resolution, doc: Document, facts: _Facts | None = None) -> dict:
    """A document's record with entity keys where names go. Names can come from another
    document (an entity is named by its first), so a build makes this where it extracts and
    :func:`named_record` fills in the names once all documents are resolved."""
    facts = facts or _Facts.of(result)
    entities = result.entities
    return {
        "doc": doc.id,
        "officials": [{"name": key, "posts": [{"title": f.title, "org": f.org, "district": f.district}
                                              for f in facts.posts.get((doc.id, key), ())]}
                      for key in _keys_in(doc, "official")],
        "persons": [{"name": key, "role": entities[key].attrs.get("role")} for key in _keys_in(doc, "person")],
        "districts": [{"name": key, "level": entities[key].attrs.get("level"),
                       "parent": entities[key].attrs.get("parent"), "code": entities[key].attrs.get("code")}
                      for key in _keys_in(doc, "district")],
        "projects": [{"name": key, "district": next((f.district for f in facts.locations.get((doc.id, key), ())),
                                                    None)}
                     for key in _keys_in(doc, "project")],
        "programmes": [{"name": key} for key in _keys_in(doc, "programme")],
    }


def named_record(record: dict, entities: Mapping[str, Entity]) -> dict:
    """A :func:`keyed_record` with each key replaced by its entity's name (None for no entity)."""
    def name(key: str | None) -> str | None:
        return entities[key].name if key in entities else None

    def officials() -> Iterator[dict]:
        for official in record["officials"]:
            posts: list[dict] = []
            for post in official["posts"]:
                post = {**post, "district": name(post["district"])}
                if post not in posts:  # one post stated twice, or in two places of one name
                    posts.append(post)
            yield {"name": name(official["name"]), "posts": posts}

    return {
        "doc": record["doc"],
        "officials": list(officials()),
        "persons": [{**person, "name": name(person["name"])} for person in record["persons"]],
        "districts": [{**district, "name": name(district["name"]), "parent": name(district["parent"])}
                      for district in record["districts"]],
        "projects": [{"name": name(p["name"]), "district": name(p["district"])} for p in record["projects"]],
        "programmes": [{"name": name(p["name"])} for p in record["programmes"]],
    }


def document_record(result: Resolution, doc: Document, facts: _Facts | None = None) -> dict:
    """The extraction record of one document (``facts``: the result's facts indexed once, when
    many documents are recorded)."""
    return named_record(keyed_record(result, doc, facts), result.entities)


def records(result: Resolution) -> list[dict]:
    """One record per document, in input order."""
    facts = _Facts.of(result)
    return [document_record(result, doc, facts) for doc in result.documents]


def mention_table(result: Resolution) -> str:
    """Every mention, one per line: document, offsets, kind, surface text, entity key."""
    lines = ["doc\tstart\tend\tkind\ttext\tkey"]
    for doc in result.documents:
        lines += [f"{doc.id}\t{m.start}\t{m.end}\t{m.kind}\t{m.text}\t{m.key or ''}" for m in doc.mentions]
    return "\n".join(lines) + "\n"
