import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import (document_year, find_documents, masthead_date, normalise_text, read_document,
                       read_documents, split_articles)

BODY = "柳河县今年以来持续推进农村公路建设，完成投资一点二亿元，新建道路四十公里，群众出行更加方便。"
PAGE = "\n\n".join([
    "东岭新闻 2023年6月2日 星期五",
    "春耕备耕有序推进",
    "本报讯 6月1日，柳河县召开春耕备耕工作会议，部署全县农业生产工作。",
    BODY + "(陈立)",
    "石门镇开展义诊活动",
    "服务群众健康",
    "本报讯 近日，石门镇卫生院组织医生进村入户，为老人免费体检。",
    "记者 周明 通讯员 吴芳",
    "一条新路带富一方",
    "——记柳河县交通建设",
    "去年5月8日，这条路正式开工，如今已全线贯通。",
    BODY,
])


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_ingest_reads_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path, "page.txt", PAGE.encode(encoding))
    doc = read_document(path)
    assert doc.text == normalise_text(PAGE)
    assert (doc.id, doc.source) == ("page.txt", str(path))


@pytest.mark.parametrize(("data", "problem"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes)"),
    (bytes(range(1, 32)) * 20, "binary file (mostly control characters)"),
    (b"", "empty document"),
    (" \n\t\r\n\u3000".encode(), "empty document"),
    (b"\xff\xfe\x00\xd8", "is not utf-16"),
])
def test_ingest_refuses_bad_content_with_one_line(tmp_path: Path, data: bytes, problem: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_ingest_refuses_a_file_without_read_permission(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", PAGE.encode())
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


def test_ingest_refuses_a_dangling_link_and_a_folder_named_like_a_document(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match=f"^{link}: no such file$"):
        read_document(link)
    with pytest.raises(InputError, match=f"^{folder}: is a folder, not a document$"):
        read_document(folder)


def test_ingest_finds_documents_recursively_sorted_once(tmp_path: Path) -> None:
    nested = tmp_path / "b" / "c"
    nested.mkdir(parents=True)
    paths = [_write(nested, "2.md", b"x"), _write(tmp_path, "1.TXT", b"x"), _write(tmp_path / "b", "3.txt", b"x")]
    _write(tmp_path, "notes.json", b"{}")
    (tmp_path / ".hidden").mkdir()
    _write(tmp_path / ".hidden", "4.txt", b"x")
    found = find_documents([tmp_path, paths[0], str(tmp_path / "b" / ".." / "1.TXT")])
    assert found == sorted(paths)


def test_ingest_finding_a_missing_path_or_empty_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nowhere.txt: no such file or folder"):
        find_documents([tmp_path / "nowhere.txt"])
    _write(tmp_path, "data.csv", b"a,b")
    with pytest.raises(InputError, match=f"^{tmp_path}: no .txt or .md documents in this folder$"):
        find_documents([tmp_path])


def test_ingest_reads_a_50_mb_single_line(tmp_path: Path) -> None:
    line = (BODY * 2 + "电话13912345678。") * 260_000
    path = _write(tmp_path, "long.txt", line.encode())
    assert path.stat().st_size > 50_000_000
    doc = read_document(path)
    assert len(doc.text) == len(line) and "13912345678" not in doc.text
    assert [(a.start, a.end) for a in doc.articles] == [(0, len(line))]


def test_ingest_normalises_mixed_line_endings_and_bom() -> None:
    assert normalise_text("\ufeff标题\r\n\r\n第一段。\r第二段。  \n第三段。\n") == "标题\n\n第一段。\n第二段。\n第三段。\n"


def test_ingest_joins_a_word_broken_across_blank_lines() -> None:
    raw = "今年，县里推动青石大道、环城北路改造建成通车，并将加快青石\n\n港物流园建设。"
    assert normalise_text(raw) == "今年，县里推动青石大道、环城北路改造建成通车，并将加快青石港物流园建设。"


@pytest.mark.parametrize("following", [
    "本报讯 3月2日，县里召开会议。", "记者 周明", "## 小标题", "(下转第2版)", "一、总体要求", "(二)主要任务",
    "- 列表项", "(陈立)",
])
def test_ingest_does_not_join_before_a_marker(following: str) -> None:
    raw = f"今年，县里推动青石大道、环城北路改造建成通车，并将加快建设\n\n{following}"
    assert normalise_text(raw) == raw


@pytest.mark.parametrize("line", [
    "石门镇依托服务中心搭建十五分钟服务圈 打造便民温情港 画好同心圆",  # a long headline
    "交通建设两手抓",  # a short one
    "## 一、提高站位，推动交通建设取得新成效",
    "各部门协同推进工作。 张立 摄",  # a photo credit
])
def test_ingest_does_not_join_headlines_or_credits(line: str) -> None:
    raw = f"{line}\n\n县里推动青石大道、环城北路改造建成通车。"
    assert normalise_text(raw) == raw


def test_ingest_masks_private_data_keeping_length() -> None:
    raw = "联系人：陈立，电话13912345678，邮箱chenli@example.com。"
    text = normalise_text(raw)
    assert len(text) == len(raw) and "1391234" not in text and "@" not in text


def test_ingest_splits_a_newspaper_page_into_articles(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "page.txt", PAGE.encode()))
    titles = [article.title for article in doc.articles]
    assert titles == ["", "春耕备耕有序推进", "石门镇开展义诊活动 服务群众健康",
                      "一条新路带富一方"]
    firsts = [doc.text[a.start:a.end].strip().split("\n")[0] for a in doc.articles]
    assert firsts[1:] == ["春耕备耕有序推进", "石门镇开展义诊活动", "一条新路带富一方"]
    assert doc.title == "春耕备耕有序推进"  # the masthead line is no headline


def test_ingest_articles_cover_the_text_in_order(tmp_path: Path) -> None:
    for doc in read_documents([_write(tmp_path, "page.txt", PAGE.encode())]):
        bounds = [(a.start, a.end) for a in doc.articles]
        assert bounds[0][0] == 0 and bounds[-1][1] == len(doc.text)
        assert all(end == start for (_, end), (start, _) in zip(bounds, bounds[1:]))


def test_ingest_splits_a_magazine_by_top_headings_and_bylines() -> None:
    text = "\n\n".join([
        "# 东岭工作", "2023·4期 2023年4月10日出版", "## 目 录", "- 1 关于交通建设的思考",
        "# 关于交通建设的思考", "◎ 陈 立", BODY, "## 一、基本情况", BODY, "(作者系柳河县交通局局长)",
        "公益广告", "## 乡村振兴的几点做法", "◎ 周明", BODY,
    ])
    titles = [article.title for article in split_articles(text)]
    assert titles == ["东岭工作", "关于交通建设的思考", "公益广告", "乡村振兴的几点做法"]


def test_ingest_continuation_marker_opens_an_article() -> None:
    text = "\n\n".join(["交通建设两手抓", BODY, "(下转第2版)", BODY, "(上接第1版)", "农业生产稳步推进", BODY])
    articles = split_articles(text)
    assert [text[a.start:a.end].split("\n")[0] for a in articles] == ["交通建设两手抓", BODY, "(上接第1版)"]
    assert articles[2].title == "农业生产稳步推进"


def test_ingest_dates_articles_with_the_page_year(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "page.txt", PAGE.encode()))
    assert doc.date == "2023-06-02"
    assert [a.date for a in doc.articles] == ["2023-06-02", "2023-06-01", "2023-06-02", "2022-05-08"]


def test_ingest_masthead_date_prefers_the_most_precise() -> None:
    assert masthead_date("东岭工作\n\n2023·4期(总第100期) 2023年4月10日出版") == "2023-04-10"
    assert masthead_date("东岭工作 2023·4期") == "2023-04"
    assert masthead_date("2023年4月10日，县里召开会议。") is None


def test_ingest_document_year_skips_targets_and_range_ends() -> None:
    assert document_year("2024年10月26日至2024年12月30日开展活动。全省2025年度考试报名。") == 2025
    assert document_year("规划(2022-2035年)。2022年4月26日发生。2022年完成。展望2035年远景目标。") == 2022
    assert document_year("到2030年基本实现。2021年以来成效明显。") == 2021
    assert document_year("近日，县里召开会议。") is None


def test_ingest_notes_mixed_line_endings_and_a_huge_line(tmp_path: Path, caplog) -> None:
    from kg.ingest import LONG_LINE
    mixed, huge = tmp_path / "mixed.txt", tmp_path / "huge.txt"
    mixed.write_bytes("第一行\r\n第二行\n第三行\r".encode("utf-8"))
    huge.write_text("字" * (LONG_LINE + 1), encoding="utf-8")
    with caplog.at_level("WARNING", logger="kg"):
        assert read_document(mixed).text.splitlines() == ["第一行", "第二行", "第三行"]
        read_document(huge)
    assert [r.getMessage() for r in caplog.records] == [
        f"{mixed}: mixed line endings (CRLF, CR, LF) read as LF",
        f"{huge}: a line of {LONG_LINE + 1:,} characters, read as one paragraph"]


def test_ingest_notes_nothing_for_ordinary_text(tmp_path: Path, caplog) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("标题\n\n正文一段。\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="kg"):
        read_document(plain)
    assert caplog.records == []
