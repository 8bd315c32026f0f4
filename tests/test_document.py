"""The Document record: sentence bounds and mention lookups by offset, against plain scans."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.document import Document, Mention, Spans

texts = st.text(alphabet="甲乙丙。！？\n，", min_size=1, max_size=40)


def scanned_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence bounds as a scan of the whole text finds them."""
    left = max(text.rfind(ch, 0, start) for ch in "。！？\n") + 1
    stops = [i for i in (text.find(ch, end) for ch in "。！？\n") if i != -1]
    return left, min(stops) + 1 if stops else len(text)


@given(texts, st.data())
def test_document_sentence_at_matches_a_scan(text, data):
    doc = Document("d.txt", text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert doc.sentence_at(start, end) == scanned_sentence(text, start, end)
    assert doc.sentence_at(start) == scanned_sentence(text, start, start)


def test_document_sentence_at_follows_a_new_text(make_doc):
    doc = make_doc("甲。乙")
    assert doc.sentence_at(2) == (2, 3)
    doc.text = "甲乙丙。丁"
    assert doc.sentence_at(2) == (0, 4)


@st.composite
def mention_lists(draw) -> list[Mention]:
    spans = draw(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), max_size=12))
    mentions = [Mention(start, start + length, "district", "x", "x", "test") for start, length in spans]
    return mentions if draw(st.booleans()) else sorted(mentions, key=lambda m: m.start)


@given(mention_lists(), st.integers(-5, 40), st.integers(0, 10))
def test_document_spans_match_a_scan(mentions, lo, width):
    spans, hi = Spans(mentions), lo + width
    assert spans.overlapping(lo, hi) == [m for m in mentions if m.start < hi and m.end > lo]
    assert spans.starting_in(lo, hi) == [m for m in mentions if lo <= m.start < hi]
