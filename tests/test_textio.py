import codecs
import unicodedata

import pytest

from analysis.load.textio import NotText, clean_field, clean_text, decode_bytes

TEXT = "Cầu Hà Bắc 2 vượt sông Cầu nối Bắc Giang và Bắc Ninh, trị giá gần 400 tỷ đồng."


def to_windows_1258(text: str) -> bytes:
    """Encode as legacy Vietnamese software did: base letters precomposed, tones combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        base, *marks = unicodedata.normalize("NFD", char)
        for keep in range(len(marks), -1, -1):
            try:
                head = unicodedata.normalize("NFC", base + "".join(marks[:keep]))
                out.append(head.encode("cp1258") + "".join(marks[keep:]).encode("cp1258"))
                break
            except UnicodeEncodeError:
                continue
    return b"".join(out)


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        to_windows_1258(TEXT),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "windows-1258"],
)
def test_encodings_decode_to_the_same_nfc_text(data):
    text, _ = decode_bytes(data)
    assert clean_text(text) == TEXT


def test_windows_1258_is_named():
    assert decode_bytes(to_windows_1258(TEXT))[1] == "windows-1258"


def test_mojibake_read_as_latin1_is_repaired():
    garbled = TEXT.encode("utf-8").decode("latin-1")
    assert clean_field(garbled) == TEXT


def test_mojibake_from_cp1252_round_trip():
    garbled = "Sân bay Long Thành".encode().decode("cp1252")
    assert garbled != "Sân bay Long Thành"
    assert clean_field(garbled) == "Sân bay Long Thành"


def test_correct_text_is_left_alone():
    for text in (TEXT, "NGÃ BA HUẾ", "Ô tô, xe máy", "T&T Group", "100 °C"):
        assert clean_field(text) == text


def test_nfd_becomes_nfc_and_crlf_becomes_lf():
    nfd = unicodedata.normalize("NFD", TEXT + "\r\nDòng hai\rDòng ba")
    cleaned = clean_text(nfd)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == TEXT + "\nDòng hai\nDòng ba"


def test_html_entities_are_unescaped_in_fields():
    assert clean_field("Khai trương T&amp;T City &quot;Millennia&quot;") == (
        'Khai trương T&T City "Millennia"'
    )


def test_blank_field_is_none_and_whitespace_trimmed():
    assert clean_field("   \n") is None
    assert clean_field(None) is None
    assert clean_field("  Hà Nội  ") == "Hà Nội"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text (binary)"),
        (bytes(range(256)) * 4, "not text (binary)"),
    ],
)
def test_empty_and_binary_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(NotText) as info:
        decode_bytes(data)
    assert info.value.reason == reason
