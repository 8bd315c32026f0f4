"""Reading documents: find files, decode them, normalise the text, split pages into articles.

A document is one text file (``.txt`` or ``.md``): an OCR'd newspaper page, a speech,
an issue of a work magazine. Reading it gives a :class:`~kg.document.Document` whose
``text`` is the normalised text every later stage takes offsets in, with its articles
and dates. Anything that cannot be read raises :class:`~kg.errors.InputError` with a
one-line message naming the file.
"""
from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from charset_normalizer import from_bytes

from kg.document import Article, Document
from kg.errors import InputError
from kg.privacy import mask_private

log = logging.getLogger("kg")
#: Longer than any paragraph of news: a file with such a line has lost its line breaks.
LONG_LINE = 100_000
_LONE_CR = re.compile(r"\r(?!\n)")
_LONE_LF = re.compile(r"(?<!\r)\n")

__all__ = ["decode_bytes", "document_year", "find_documents", "masthead_date", "normalise_text", "read_document",
           "read_documents", "split_articles"]

SUFFIXES = (".txt", ".md")
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")  # more than 1 in 10 of these: binary
_CONTENT = re.compile(r"\S")

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SENTENCE_PUNCT = re.compile("[，,。；;！？!?]")
_ENDS_MID_SENTENCE = re.compile(f"[{_CJK}0-9０-９A-Za-z，,、]$")
_OPENS_WORD = re.compile(f"[{_CJK}0-9０-９A-Za-z“‘《「『]")
_MARKUP = re.compile(r"[#|>◎◇◆■□●○▲△]|[-*+•·]\s")
_ITEM = re.compile(r"[一二三四五六七八九十]+[、是要]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d)")
_HEADING = re.compile(r"(#{1,6})\s")
_CONTINUED_FROM = re.compile(r"[(（](?:上接|接上|接第)[^()（）]{0,12}[)）]")
_CONTINUED_TO = re.compile(r"[(（](?:下转|转第|见第)[^()（）]{0,12}[)）]$")
_LEAD = re.compile(r"本报讯|本报[^\s，,。：:]{1,8}电|新华社[^\s，,。]{1,12}电")
_OPENING_BYLINE = re.compile(r"◎|(?:本报)?评论员\s*$|——?\S")
_BYLINE = re.compile(
    rf"(?:\n|[。！？!?”’」）)]\s*)(?:本报|特约)?(?:记者|通讯员|实习生)"
    rf"(?:[\s:：]+[{_CJK}·][{_CJK}·\s、:：]{{0,30}}|[{_CJK}·]{{2,4}})$")
_END_CREDIT = re.compile(
    rf"(?:\n|[。！？!?”’」）)]\s*)[(（]\s*(?![一二三四五六七八九十]+\s*[)）]|上接|接上|接第)[{_CJK}][^()（）\n]{{0,40}}[)）]$"
    rf"|(?:\n|\s|[。！？!?”’」）)])[{_CJK}][{_CJK} ]{{1,5}}?[\s/／](?:摄|摄影|采写|撰文)$")

_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"
    r"|(?<![0-9])(?P<iy>(?:19|20)\d{2})\s*[·.．]\s*(?P<im>\d{1,2})\s*期"
    r"|(?<![0-9])(?P<mm>\d{1,2})\s*月\s*(?P<md>\d{1,2})\s*[日号]")
_MASTHEAD = re.compile(r"\s*(?:出版|星期|周[一二三四五六日天])")
# Dates are looked for only inside runs of the characters they are written with, and the
# year's lookbehind comes after its first digits: both keep the scan fast on long lines.
_DATE_RUN = re.compile(r"[0-9](?<![0-9·.．][0-9])[0-9·.．]*[ \t]*[年月期][0-9年月日号期·.． \t]*")
_YEAR = re.compile(r"((?:19|20)(?<![0-9]{3})\d{2})\s*年(?!代)")
_RANGE_END = re.compile(r"[-－—–~～至到]\s*$")
_RELATIVE_YEAR = {"去年": -1, "前年": -2, "明年": 1}
_MASTHEAD_SPAN = 3000  # a masthead or issue line sits near the top
_LEAD_LINES = 6  # an article's date is looked for in its first lines, headlines included


class Line(NamedTuple):
    start: int
    end: int
    text: str  # stripped


def find_documents(inputs: Sequence[str | Path]) -> list[Path]:
    """The documents named by files and folders (searched recursively), sorted, each once.

    Files named explicitly are taken whatever their suffix; folders give their
    ``.txt`` and ``.md`` files, skipping hidden ones.
    """
    found: dict[Path, Path] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths = _documents_in(path)
            if not paths:
                raise InputError(f"{path}: no .txt or .md documents in this folder")
        elif path.exists():
            paths = [path]
        else:
            raise InputError(f"{path}: no such file or folder")
        for found_path in paths:
            found.setdefault(found_path.resolve(), found_path)
    return sorted(found.values())


def _documents_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*")
            if path.suffix.lower() in SUFFIXES and not path.is_dir()
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)]


def read_documents(paths: Sequence[Path]) -> list[Document]:
    return [read_document(path) for path in paths]


def read_document(path: Path) -> Document:
    """Read, decode and normalise one file; split it into dated articles.

    What reading repaired (mixed line endings, a line too long to be a paragraph) is logged
    on the ``kg`` logger, one line per file, so the user knows the text was not as expected.
    """
    path = Path(path)
    raw = decode_bytes(_read_bytes(path), path)
    for note in reading_notes(raw):
        log.warning("%s: %s", path, note)
    text = normalise_text(raw)
    lines = list(_lines(text))
    date = masthead_date(text[:_MASTHEAD_SPAN])
    year = int(date[:4]) if date else document_year(text)
    articles = [_dated(article, text, year, date) for article in split_articles(text, lines)]
    return Document(id=path.name, text=text, source=str(path), title=_first_headline(lines),
                    date=date, articles=articles)


def reading_notes(raw: str) -> list[str]:
    """What a decoded text holds that reading has to repair or put up with."""
    notes = []
    endings = [name for name, found in (("CRLF", "\r\n" in raw), ("CR", _LONE_CR.search(raw)),
                                        ("LF", _LONE_LF.search(raw))) if found]
    if len(endings) > 1:
        notes.append(f"mixed line endings ({', '.join(endings)}) read as LF")
    longest = max(map(len, raw.splitlines()), default=0)
    if longest > LONG_LINE:
        notes.append(f"a line of {longest:,} characters, read as one paragraph")
    return notes


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a document") from None
    except PermissionError:
        raise InputError(f"{path}: cannot be read (permission denied); check its permissions") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def decode_bytes(data: bytes, path: Path) -> str:
    """The text of a file's bytes: BOM-marked Unicode, UTF-8, GB18030, or what charset-normalizer finds."""
    text = _decoded(data, path)
    if not _CONTENT.search(text):
        raise InputError(f"{path}: empty document (no text in it)")
    if len(_CONTROL.findall(text[:65536])) * 10 > min(len(text), 65536):
        raise InputError(f"{path}: looks like a binary file (mostly control characters), not text")
    return text


def _decoded(data: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{path}: starts with a {encoding} byte-order mark but is not {encoding}; "
                                 "re-save it as UTF-8") from None
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file (NUL bytes), not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{path}: not text in a known encoding (tried UTF-8, UTF-16, GB18030); "
                         "re-save it as UTF-8")
    return str(best)


def normalise_text(raw: str) -> str:
    """Unix line ends, no BOM or trailing blanks, private data masked, OCR-broken words joined.

    Full-width characters are kept as they are (no NFKC): the annotations keep them.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return _join_broken_lines(mask_private(text))


def _join_broken_lines(text: str) -> str:
    """The text without trailing blanks, a body line that stops mid-sentence joined to the next line."""
    pieces: list[str] = []
    previous: str | None = None
    newlines = 0
    for number, line in enumerate(text.split("\n")):
        newlines += number > 0
        line = line.rstrip(" \t\u3000")
        if not line.strip():
            continue
        if previous is not None and _continues(previous, line):
            pieces.append(line.lstrip())
        else:
            pieces += ("\n" * newlines, line)
        previous, newlines = line, 0
    pieces.append("\n" * newlines)
    return "".join(pieces)


def _continues(line: str, following: str) -> bool:
    """Whether OCR cut a sentence (often a word) at the end of ``line``, going on in ``following``."""
    line, following = line.strip(), following.strip()
    return (len(line) >= 15 and _ENDS_MID_SENTENCE.search(line[-1:]) is not None
            and _SENTENCE_PUNCT.search(line) is not None
            and not _MARKUP.match(line) and not _ends_article(line)
            and _OPENS_WORD.match(following) is not None and not _opens_paragraph(following))


def _opens_paragraph(line: str) -> bool:
    """Whether a line starts with markup, a list number, a news lead or a byline."""
    return (_MARKUP.match(line) is not None or _ITEM.match(line) is not None
            or _LEAD.match(line) is not None or _is_byline(line) or _ends_article(line))


def _lines(text: str) -> Iterator[Line]:
    """The non-blank lines of the text, stripped, with their offsets."""
    start = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            offset = start + raw.index(stripped[0])
            yield Line(offset, offset + len(stripped), stripped)
        start += len(raw) + 1


def _heading_level(line: str) -> int:
    match = _HEADING.match(line)
    return len(match.group(1)) if match else 0


def _is_byline(line: str) -> bool:
    return _BYLINE.search(("\n" + line)[-48:]) is not None


def _ends_article(line: str) -> bool:
    """A closing credit (reporter, photographer, author) or a 'continued on page N' marker."""
    tail = ("\n" + line)[-64:]
    return _END_CREDIT.search(tail) is not None or _CONTINUED_TO.search(tail) is not None


def _is_headline(line: str) -> bool:
    """A markdown heading, or a short line without sentence punctuation that is nothing else."""
    if _heading_level(line):
        return True
    return (len(line) <= 40 and not _SENTENCE_PUNCT.search(line) and line[-1] not in "：:"
            and not _opens_paragraph(line) and not _CONTINUED_FROM.match(line)
            and masthead_date(line) is None)


def split_articles(text: str, lines: Sequence[Line] | None = None) -> list[Article]:
    """Consecutive articles covering the text: news items, speeches, a magazine's pieces (undated)."""
    lines = list(_lines(text)) if lines is None else lines
    headline = [_is_headline(line.text) for line in lines]
    starts = sorted(_article_starts(lines, headline))
    bounds = [0] + [lines[i].start for i in starts[1:]] + [len(text)]
    return [Article(bounds[k], bounds[k + 1], _title(lines, headline, index, bounds[k + 1]))
            for k, index in enumerate(starts)]


def _article_starts(lines: Sequence[Line], headline: Sequence[bool]) -> set[int]:
    """Indexes of the lines that open an article; the first line always does."""
    top = min((level for level in (_heading_level(line.text) for line in lines) if level), default=0)
    starts = {0}
    for i, line in enumerate(lines):
        text, run_start = line.text, _headline_run_start(lines, headline, i)
        if (top and _heading_level(text) == top) or _CONTINUED_FROM.match(text):
            starts.add(i)
        elif i and _closes(lines, headline, i - 1) and not (_closes(lines, headline, i) and len(text) <= 30):
            starts.add(i)  # what follows a closing credit, unless it is another credit
        elif _LEAD.match(text) or (run_start < i and (_OPENING_BYLINE.match(text) or _is_byline(text))):
            starts.add(run_start)
        elif not top and 0 < i < len(lines) - 2 and not headline[i - 1] and headline[i] and headline[i + 1]:
            starts.add(i)  # two headline lines between body lines: a title and a column label
    return starts


def _closes(lines: Sequence[Line], headline: Sequence[bool], index: int) -> bool:
    """Whether a line ends an article: a closing credit, a byline under body text, a page jump."""
    text = lines[index].text
    return _ends_article(text) or (_is_byline(text) and not (index and headline[index - 1]))


def _headline_run_start(lines: Sequence[Line], headline: Sequence[bool], index: int) -> int:
    """The first of the (up to four) headline lines just before ``index``; a markdown heading heads a run."""
    start = index
    while start > 0 and index - start < 4 and headline[start - 1] and not _heading_level(lines[start].text):
        start -= 1
    return start


def _title(lines: Sequence[Line], headline: Sequence[bool], index: int, end: int) -> str:
    """A markdown heading, or the headline lines an article opens with joined by spaces
    (subtitles and page-jump markers left out)."""
    if _CONTINUED_FROM.match(lines[index].text):
        index += 1
    if index < len(lines) and _heading_level(lines[index].text):
        return _clean_headline(lines[index].text)
    parts = []
    for i in range(index, min(index + 4, len(lines))):
        if lines[i].start >= end or not headline[i]:
            break
        if not _OPENING_BYLINE.match(lines[i].text):
            parts.append(_clean_headline(lines[i].text))
    return " ".join(part for part in parts if part)


def _clean_headline(line: str) -> str:
    return line.lstrip("#").strip().strip("*").strip().strip("—－-").strip()


def _first_headline(lines: Sequence[Line]) -> str:
    for line in lines[:8]:
        if _is_headline(line.text):
            return _clean_headline(line.text)
    return ""


def masthead_date(head: str) -> str | None:
    """The issue date a masthead states (``2022年5月10日出版``, ``2022·5期``), the most precise one."""
    best = None
    for match in _date_matches(head):
        if match["iy"] or (match["y"] and _MASTHEAD.match(head, match.end())):
            iso = _iso(match, head, None)
            if iso and (best is None or len(iso) > len(best)):
                best = iso
    return best


def document_year(text: str) -> int | None:
    """The year a page is from: the latest year it mentions, but not past the year after its
    latest full date (so ``2035年`` targets do not count), nor the end of a range (``至2025年``)."""
    full = [int(match["y"]) for match in _date_matches(text) if match["y"] and match["d"]]
    years = [int(match[1]) for match in _YEAR.finditer(text)
             if not _RANGE_END.search(text, max(0, match.start() - 2), match.start())]
    if full:
        cap = max(full) + 1
        years = [year for year in years if year <= cap]
    return max(years, default=max(full, default=None))


def _dated(article: Article, text: str, year: int | None, fallback: str | None) -> Article:
    """The article with the first date its opening lines state, else the document's date."""
    opening = _opening(text, article.start, article.end)
    article.date = next(_dates(opening, year), fallback)
    return article


def _opening(text: str, start: int, end: int, count: int = _LEAD_LINES) -> str:
    """The first ``count`` non-blank lines of ``text[start:end]``."""
    position = start
    while count and position < end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        count -= _CONTENT.search(text, position, stop) is not None
        position = stop + 1
    return text[start:min(position, end)]


def _dates(text: str, year: int | None) -> Iterator[str]:
    """The ISO dates a text states, in order; a month and day need ``year`` to complete them."""
    for match in _date_matches(text):
        iso = _iso(match, text, year)
        if iso:
            yield iso


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    for run in _DATE_RUN.finditer(text):
        yield from _DATE.finditer(text, run.start(), run.end())


def _iso(match: re.Match[str], text: str, year: int | None) -> str | None:
    if match["y"]:
        return _format(int(match["y"]), int(match["m"]), match["d"])
    if match["iy"]:
        return _format(int(match["iy"]), int(match["im"]), None)
    if year is None:
        return None
    shift = _RELATIVE_YEAR.get(text[max(0, match.start() - 2):match.start()], 0)  # 去年5月1日
    return _format(year + shift, int(match["mm"]), match["md"])


def _format(year: int, month: int, day: str | None) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM``; None for a month or day that cannot be."""
    if not 1 <= month <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day is not None else "")
