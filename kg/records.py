"""Per-document extraction records: what ``kg extract`` prints and ``entities.jsonl`` holds.

The shape is the evaluation kit's (../shared/eval/EXAMPLE.json): officials with their
posts, persons with roles, districts with level, parent and code, projects with their
district, programmes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.document import Document
from kg.resolve import Entity, LocationFact, PostFact, Resolution


def _district_name(result: Resolution, key: str | None) -> str | None:
    entity = result.entities.get(key) if key else None
    return entity.name if entity else None


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


def _officials(result: Resolution, doc: Document, facts: _Facts) -> list[dict]:
    out = []
    for key in _keys_in(doc, "official"):
        posts: list[dict] = []
        for fact in facts.posts.get((doc.id, key), ()):
            post = {"title": fact.title, "org": fact.org,
                    "district": _district_name(result, fact.district)}
            if post not in posts:
                posts.append(post)
        out.append({"name": result.entities[key].name, "posts": posts})
    return out


def _district(result: Resolution, entity: Entity) -> dict:
    return {"name": entity.name, "level": entity.attrs.get("level"),
            "parent": _district_name(result, entity.attrs.get("parent")),
            "code": entity.attrs.get("code")}


def _projects(result: Resolution, doc: Document, facts: _Facts) -> list[dict]:
    out = []
    for key in _keys_in(doc, "project"):
        districts = [f.district for f in facts.locations.get((doc.id, key), ())]
        out.append({"name": result.entities[key].name,
                    "district": _district_name(result, districts[0] if districts else None)})
    return out


def document_record(result: Resolution, doc: Document, facts: _Facts | None = None) -> dict:
    """The extraction record of one document (``facts``: the result's facts indexed once, when
    many documents are recorded)."""
    facts = facts or _Facts.of(result)
    entities = result.entities
    return {
        "doc": doc.id,
        "officials": _officials(result, doc, facts),
        "persons": [{"name": entities[k].name, "role": entities[k].attrs.get("role")}
                    for k in _keys_in(doc, "person")],
        "districts": [_district(result, entities[k]) for k in _keys_in(doc, "district")],
        "projects": _projects(result, doc, facts),
        "programmes": [{"name": entities[k].name} for k in _keys_in(doc, "programme")],
    }


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
