"""Precision, recall and F1 of extraction records against gold annotations.

Follows the evaluation guideline: names compared after removing whitespace, quotes
and title marks; officials, persons and districts match exactly, projects and
programmes leniently (one name contains the other, the shorter at least half as
long). A prediction that matches a gold name or an ``also_ok`` name is correct;
recall counts only the main gold list. Relations: official → district (from posts)
and project → district.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

KINDS = ("officials", "persons", "districts", "projects", "programmes")
LENIENT = {"projects", "programmes"}
_STRIP = re.compile(r"[\s“”\"'‘’「」『』《》〈〉]")


def normalise(name: str | None) -> str:
    return _STRIP.sub("", name or "")


def names_match(kind: str, a: str, b: str) -> bool:
    if kind not in LENIENT:
        return a == b
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and 2 * len(short) >= len(long_)


@dataclass
class Score:
    correct_predicted: int = 0
    predicted: int = 0
    found_gold: int = 0
    gold: int = 0

    def add(self, kind: str, pred: list, gold: list, also_ok: list, match=None) -> None:
        match = match or (lambda a, b: names_match(kind, a, b))
        self.predicted += len(pred)
        self.gold += len(gold)
        self.correct_predicted += sum(any(match(p, g) for g in gold + also_ok) for p in pred)
        self.found_gold += sum(any(match(p, g) for p in pred) for g in gold)

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _names(items: Iterable) -> list[str]:
    return list(dict.fromkeys(n for n in (normalise(i["name"]) for i in items) if n))


def _official_pairs(items: Iterable[dict]) -> list[tuple[str, str]]:
    return sorted({(normalise(i["name"]), normalise(p["district"]))
                   for i in items for p in i.get("posts") or [] if p.get("district")})


def _project_pairs(items: Iterable[dict]) -> list[tuple[str, str]]:
    return sorted({(normalise(i["name"]), normalise(i["district"])) for i in items if i.get("district")})


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold records by document name; files naming the same document are merged."""
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise InputError(f"{gold_dir}: no gold .json files found")
    gold: dict[str, dict] = {}
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        merged = gold.setdefault(record["doc"], {k: [] for k in KINDS} | {"also_ok": {k: [] for k in KINDS}})
        for kind in KINDS:
            merged[kind] += record.get(kind, [])
            merged["also_ok"][kind] += record.get("also_ok", {}).get(kind, [])
    return gold


def _pair_matcher(kind: str):
    return lambda p, g: p[1] == g[1] and names_match(kind, p[0], g[0])


def score_records(predictions: Iterable[dict], gold: dict[str, dict]) -> dict[str, Score]:
    """Scores per kind, for people (officials and persons together) and per relation."""
    preds = {Path(r["doc"]).name: r for r in predictions}
    scores = {k: Score() for k in (*KINDS, "people", "official→district", "project→district")}
    for doc, g in sorted(gold.items()):
        p = preds.get(doc, {})
        for kind in KINDS:
            scores[kind].add(kind, _names(p.get(kind, [])), _names(g[kind]), _names(g["also_ok"][kind]))
        scores["people"].add("people", _names(p.get("officials", []) + p.get("persons", [])),
                             _names(g["officials"] + g["persons"]),
                             _names(g["also_ok"]["officials"] + g["also_ok"]["persons"]))
        scores["official→district"].add("officials", _official_pairs(p.get("officials", [])),
                                        _official_pairs(g["officials"]), [], _pair_matcher("officials"))
        scores["project→district"].add("projects", _project_pairs(p.get("projects", [])),
                                       _project_pairs(g["projects"]), [], _pair_matcher("projects"))
    return scores


def macro_f1(scores: dict[str, Score]) -> float:
    return sum(scores[k].f1 for k in KINDS) / len(KINDS)


def format_scores(scores: dict[str, Score]) -> str:
    lines = [f"{'kind':<20}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}"]
    lines += [f"{k:<20}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.predicted:>7}{s.gold:>7}"
              for k, s in scores.items()]
    lines.append(f"macro F1 over the five kinds: {macro_f1(scores):.3f}")
    return "\n".join(lines) + "\n"
