import io
import json
import os
import time
from pathlib import Path

import pytest

from jdlint.model import InputError, Notice, Posting
from jdlint.reader import build_posting, read_inputs

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _read(paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def _one(path, **kwargs):
    items = _read([path], **kwargs)
    assert len(items) == 1, items
    return items[0]


# --- files and decoding ---

def test_reads_a_markdown_file(tmp_path):
    path = tmp_path / "ds.md"
    path.write_bytes(b"# Data Scientist\r\n\r\nUse `SQL`.\r\n")
    posting = _one(path)
    assert isinstance(posting, Posting)
    assert posting.path == str(path)
    assert posting.text == "# Data Scientist\r\n\r\nUse `SQL`.\r\n"  # line ends untouched
    assert posting.masked == "# Data Scientist\r\n\r\nUse      .\r\n"
    assert posting.title == "Data Scientist"
    assert posting.record is None and posting.source_line is None


def test_utf8_bom_is_removed(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf---\ntitle: T\n---\nBody")
    posting = _one(path)
    assert posting.text == "---\ntitle: T\n---\nBody"
    assert posting.title == "T"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    text = "# 데이터 사이언티스트\n자격요건\n"
    boms = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    path = tmp_path / "wide.md"
    path.write_bytes(boms.get(codec, b"") + text.encode(codec))
    posting = _one(path)
    assert posting.text == text
    assert posting.title == "데이터 사이언티스트"


def test_invalid_utf8_names_byte_offset_and_line(tmp_path):
    path = tmp_path / "broken.md"
    path.write_bytes(b"line one\r\nline two\nab\xffcd\n")
    error = _one(path)
    assert error == InputError(str(path), None, "not UTF-8: invalid byte 0xff at offset 21 (line 3)")


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    path = tmp_path / "broken.md"
    path.write_bytes(b"\xef\xbb\xbfab\xfe")
    assert _one(path).message == "not UTF-8: invalid byte 0xfe at offset 5 (line 1)"


def test_lone_cr_counts_as_a_line_in_decode_errors(tmp_path):
    path = tmp_path / "broken.md"
    path.write_bytes(b"a\rb\r\xc3")
    assert _one(path).message == "not UTF-8: the file ends inside a character (offset 4, line 3)"
    path.write_bytes(b"a\rb\r\xc3x")
    assert _one(path).message == "not UTF-8: invalid byte 0xc3 at offset 4 (line 3)"


def test_invalid_utf16_names_its_line(tmp_path):
    path = tmp_path / "wide.md"
    path.write_bytes(b"\xff\xfe" + "a\nb\r\nc".encode("utf-16-le") + b"\x00\xdc" + "d".encode("utf-16-le"))
    assert _one(path).message == "not UTF-16: invalid byte 0x00 at offset 14 (line 3)"
    path.write_bytes(b"\xff\xfe" + "ab".encode("utf-16-le") + b"c")
    assert _one(path).message == "not UTF-16: the file ends inside a character (offset 6, line 1)"


def test_nul_byte_is_binary(tmp_path):
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert _one(path) == InputError(str(path), None, "binary file (NUL byte at offset 8)")


def test_configured_encoding(tmp_path):
    path = tmp_path / "ko.txt"
    path.write_bytes("자격요건: 파이썬".encode("cp949"))
    assert _one(path, encoding="cp949").text == "자격요건: 파이썬"
    assert _one(path).message.startswith("not UTF-8: invalid byte 0x")
    assert _one(path, encoding="shift_jis").message.startswith("not shift_jis: invalid byte")


def test_bom_wins_over_configured_encoding(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"\xef\xbb\xbf" + "経験".encode("utf-8"))
    assert _one(path, encoding="cp949").text == "経験"


def test_size_limit(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * (1024 * 1024 * 3 // 2))
    assert _one(path, max_bytes=1024 * 1024) == InputError(
        str(path), None, "larger than the size limit (1.5 MB > 1 MB)")
    assert isinstance(_one(path, max_bytes=2 * 1024 * 1024), Posting)


def test_size_limit_just_over_shows_bytes(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * (1024 * 1024 + 1))
    assert _one(path, max_bytes=1024 * 1024).message == (
        "larger than the size limit (1048577 bytes > 1048576 bytes)")


def test_empty_and_whitespace_files_are_postings(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(b"  \n\t\n")
    items = _read([tmp_path])
    assert [type(item) for item in items] == [Posting, Posting]
    assert [item.text for item in items] == ["  \n\t\n", ""]
    assert all(item.title is None for item in items)


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.md"
    assert _one(missing) == InputError(str(missing), None, "no such file or directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.md"
    path.write_text("x")
    path.chmod(0)
    try:
        assert _one(path) == InputError(str(path), None, "permission denied")
    finally:
        path.chmod(0o644)


def test_explicit_file_with_any_extension_is_a_posting(tmp_path):
    path = tmp_path / "posting.html"
    path.write_text("Hello")
    assert _one(path).text == "Hello"


# --- folders ---

def _tree(root, files):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def _paths(items, root):
    return [os.path.relpath(item.path, root) + (f"#{item.record}" if getattr(item, "record", None) else "")
            for item in items]


def test_folder_walk_sorted_filtered_and_hidden_skipped(tmp_path):
    _tree(tmp_path, {
        "b.md": "b", "a.txt": "a", "c.markdown": "c", "d.MD": "d", "notes.rst": "x",
        "sub/z.md": "z", "sub/a.md": "a", "sub-x/a.md": "a",
        ".hidden/secret.md": "s", "sub/.draft.md": "s", "image.png": "p",
        "export.jsonl": '{"id": "r1", "text": "t1"}\n{"id": "r2", "text": "t2"}\n',
    })
    items = _read([tmp_path])
    assert all(isinstance(item, Posting) for item in items)
    assert _paths(items, tmp_path) == [
        "a.txt", "b.md", "c.markdown", "d.MD", "export.jsonl#r1", "export.jsonl#r2",
        "sub/a.md", "sub/z.md", "sub-x/a.md",
    ]


def test_folder_path_keeps_the_spelling_given(tmp_path, monkeypatch):
    _tree(tmp_path, {"postings/ds.md": "x"})
    monkeypatch.chdir(tmp_path)
    assert [item.path for item in read_inputs(["postings"])] == [os.path.join("postings", "ds.md")]


def test_input_order_is_kept(tmp_path):
    _tree(tmp_path, {"a.md": "a", "z.md": "z"})
    items = _read([tmp_path / "z.md", tmp_path / "missing.md", tmp_path / "a.md"])
    assert [type(item) for item in items] == [Posting, InputError, Posting]
    assert [item.path for item in items] == [str(tmp_path / n) for n in ("z.md", "missing.md", "a.md")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loop_ends(tmp_path):
    _tree(tmp_path, {"a/x.md": "x"})
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path, tmp_path / "a" / "up")
    started = time.perf_counter()
    items = _read([tmp_path])
    assert time.perf_counter() - started < 2  # guard only
    assert _paths(items, tmp_path) == ["a/x.md"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlinked_file_and_broken_link(tmp_path):
    _tree(tmp_path, {"real/x.md": "x"})
    os.symlink(tmp_path / "real" / "x.md", tmp_path / "link.md")
    os.symlink(tmp_path / "gone.md", tmp_path / "broken.md")
    items = _read([tmp_path])
    assert [(type(i).__name__, os.path.relpath(i.path, tmp_path)) for i in items] == [
        ("InputError", "broken.md"), ("Posting", "link.md"), ("Posting", "real/x.md")]
    assert items[0].message == "no such file or directory (broken symbolic link)"


def test_exclude_globs(tmp_path):
    _tree(tmp_path, {
        "keep.md": "k", "x.tmp.md": "t", "drafts/a.md": "d", "drafts/deep/b.md": "d",
        "vendor/v.md": "v", "sub/vendor/v.md": "v", "sub/ok.md": "o",
    })
    items = _read([tmp_path], exclude=("drafts/*", "*.tmp.md", "vendor"), base_dir=tmp_path)
    assert _paths(items, tmp_path) == ["keep.md", "sub/ok.md"]


def test_exclude_applies_to_files_named_explicitly(tmp_path):
    _tree(tmp_path, {"drafts/a.md": "d", "b.md": "b"})
    items = _read([tmp_path / "drafts" / "a.md", tmp_path / "b.md"], exclude=("drafts/*",), base_dir=tmp_path)
    assert _paths(items, tmp_path) == ["b.md"]


# --- .jsonl exports ---

def _jsonl(tmp_path, lines, name="export.jsonl"):
    path = tmp_path / name
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    return path


def test_jsonl_records(tmp_path):
    path = _jsonl(tmp_path, [
        json.dumps({"id": "gd-1", "title": "Data Analyst", "text": "# Ignored H1\nSQL", "company": "Acme"}),
        "",
        json.dumps({"id": 7, "text": "No title here", "partial": True, "jdlint-ignore": ["JD101"]}),
    ])
    first, second = _read([path])
    assert (first.record, first.source_line, first.title, first.text) == ("gd-1", 1, "Data Analyst", "# Ignored H1\nSQL")
    assert first.metadata == {"company": "Acme"}
    assert first.partial is False
    assert (second.record, second.source_line, second.title, second.partial) == ("7", 3, None, True)
    assert second.metadata == {"partial": True, "jdlint-ignore": ["JD101"]}


def test_jsonl_broken_line_does_not_stop_the_others(tmp_path):
    path = _jsonl(tmp_path, [
        json.dumps({"id": "a", "text": "one"}),
        '{"id": "b", "text": "two"',
        json.dumps({"id": "c", "text": "three"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "e", "title": "no text"}),
        json.dumps({"id": "f", "text": None}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": " ", "text": "blank id"}),
    ])
    items = _read([path])
    assert [(type(i).__name__, getattr(i, "record", None) or i.line) for i in items] == [
        ("Posting", "a"), ("InputError", 2), ("Posting", "c"), ("InputError", 4),
        ("InputError", 5), ("InputError", 6), ("Posting", "7"), ("Posting", "8"),
    ]
    assert items[1].message == "not valid JSON: Expecting ',' delimiter (column 26)"
    assert items[3].message == "record is not a JSON object (found an array)"
    assert items[4].message == 'record has no string "text" (it is missing)'
    assert items[5].message == 'record has no string "text" (found null)'
    assert all(i.path == str(path) for i in items)


def test_jsonl_hostile_lines(tmp_path):
    path = _jsonl(tmp_path, [
        "[" * 100_000,
        '{"id": 1' + "1" * 5000 + ', "text": "x"}',
        json.dumps({"id": "ok", "text": "fine"}),
    ])
    items = _read([path])
    assert [type(i) for i in items] == [InputError, InputError, Posting]
    assert items[0].message.startswith("not valid JSON")
    assert items[1].message.startswith("not valid JSON")


def test_jsonl_crlf_bom_and_lone_cr(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "1"}\r\n{"id": "b", "text": "2"}\r{"id": "c", "text": "3"}')
    items = _read([path])
    assert [(i.record, i.source_line, i.text) for i in items] == [("a", 1, "1"), ("b", 2, "2"), ("c", 3, "3")]


def test_jsonl_invalid_utf8_line_with_file_offset(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"id": "a", "text": "1"}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "3"}\n')
    items = _read([path])
    assert items[1] == InputError(str(path), 2, "not UTF-8: invalid byte 0xff at offset 46")
    assert [i.record for i in (items[0], items[2])] == ["a", "c"]


def test_jsonl_record_over_the_size_limit_is_skipped(tmp_path):
    big = json.dumps({"id": "big", "text": "x" * 300_000})
    path = _jsonl(tmp_path, [json.dumps({"id": "a", "text": "1"}), big, json.dumps({"id": "c", "text": "3"})])
    items = _read([path], max_bytes=200 * 1024)
    assert [type(i) for i in items] == [Posting, InputError, Posting]
    assert items[1].line == 2
    assert items[1].message == "record larger than the size limit (0.3 MB > 0.2 MB)"
    assert items[2].source_line == 3


def test_jsonl_binary_and_utf16(tmp_path):
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b'{"id"\x00\x01\x02\n\x00\x00\n')
    assert _read([binary]) == [InputError(str(binary), None, "binary file (NUL byte at offset 5)")]
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(b"\xff\xfe" + '{"id": "a", "text": "x"}\n'.encode("utf-16-le"))
    assert _read([wide]) == [InputError(str(wide), None, "a .jsonl file must be UTF-8 (found a UTF-16 byte order mark)")]


def test_jsonl_text_with_unicode_line_separators_stays_one_record(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes('{"id": "a", "text": "a\u2028b\x85c"}\n'.encode("utf-8"))
    [posting] = _read([path])
    assert posting.text == "a\u2028b\x85c"


# --- standard input ---

def test_stdin_posting():
    items = list(read_inputs(["-"], stdin=io.BytesIO(b"# From stdin\nBody")))
    assert [(i.path, i.title) for i in items] == [("-", "From stdin")]


def test_stdin_with_filename():
    items = list(read_inputs(["-"], stdin=io.BytesIO(b"Body"), stdin_filename="postings/ds.md"))
    assert items[0].path == "postings/ds.md"


def test_stdin_jsonl_export():
    data = b'{"id": "a", "text": "one"}\nnot json\n{"id": "b", "text": "two"}\n'
    items = list(read_inputs(["-"], stdin=io.BytesIO(data), stdin_filename="x.jsonl"))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("Posting", "x.jsonl"), ("InputError", "x.jsonl"), ("Posting", "x.jsonl")]
    assert items[1].line == 2
    assert [items[0].record, items[2].record] == ["a", "b"]


def test_stdin_over_the_limit_and_binary():
    [error] = read_inputs(["-"], stdin=io.BytesIO(b"x" * 300_000), max_bytes=200 * 1024)
    assert error == InputError("-", None, "larger than the size limit (over 0.2 MB)")
    [error] = read_inputs(["-"], stdin=io.BytesIO(b"ab\x00"))
    assert error.message == "binary file (NUL byte at offset 2)"


# --- build_posting ---

def test_title_order_front_matter_then_record_then_h1():
    text = "---\ntitle: From front matter\n---\n# From heading\n"
    assert build_posting(text, "p.md", record={"id": "1", "title": "From record"}).title == "From front matter"
    text = "# From heading\n"
    assert build_posting(text, "p.md", record={"id": "1", "title": "From record"}).title == "From record"
    assert build_posting(text, "p.md", record={"id": "1", "title": None}).title == "From heading"
    assert build_posting(text, "p.md", record={"id": "1", "title": "  "}).title == "From heading"
    assert build_posting("no heading", "p.md").title is None


def test_bad_front_matter_becomes_a_jd001_notice_and_posting_is_kept():
    text = "---\ntitle: [oops\n---\n# Data Scientist\nBody\n"
    posting = build_posting(text, "p.md")
    assert posting.front_matter == {}
    assert posting.title == "Data Scientist"
    [notice] = posting.notices
    assert isinstance(notice, Notice)
    assert notice.rule == "JD001"
    assert (notice.start, notice.end) == (0, text.index("\n# Data"))
    assert notice.message.startswith("front matter is not valid YAML: ")
    assert posting.masked.startswith("   \n            \n   \n# Data Scientist")


def test_front_matter_keys_and_masking():
    text = "---\r\ntitle: T\r\nteam: ads\r\n---\r\nBody <!-- jdlint-disable JD301 -->\r\n"
    posting = build_posting(text, "p.md")
    assert posting.front_matter == {"title": "T", "team": "ads"}
    assert posting.notices == ()
    assert len(posting.masked) == len(text)
    assert posting.masked.strip() == "Body"
    [comment] = posting.comments
    assert comment.body == "jdlint-disable JD301"
    assert text[comment.start:comment.end] == "<!-- jdlint-disable JD301 -->"


def test_build_posting_record_as_id_and_overrides():
    posting = build_posting("x", "e.jsonl", record="r9", source_line=9, title="T",
                            metadata={"k": 1}, partial=True)
    assert (posting.record, posting.source_line, posting.title, posting.metadata, posting.partial) == (
        "r9", 9, "T", {"k": 1}, True)


# --- the real corpus (skipped without ../shared) ---

@pytest.mark.skipif(not (SHARED / "corpus-real").is_dir(), reason="../shared is absent")
def test_every_real_record_reads():
    folder = SHARED / "corpus-real"
    expected = 0
    for path in sorted(folder.glob("*.jsonl")):
        expected += sum(1 for line in path.read_text(encoding="utf-8").split("\n") if line.strip())
    items = [item for item in read_inputs(sorted(str(p) for p in folder.glob("*.jsonl")))]
    errors = [item for item in items if isinstance(item, InputError)]
    assert errors == []
    assert len(items) == expected
    assert all(len(item.masked) == len(item.text) for item in items)
    with_title = [item for item in items if item.title]
    assert len(with_title) > len(items) // 2
