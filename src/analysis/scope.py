"""Whether a completion reports the whole project or a part of it.

``../shared/gold/EVENTS.md`` counts the opening of a section as the project's completion, so
the events give "Thông xe đoạn đầu tiên Vành đai 3" to Vành đai 3 and the tracker would show
a ring road still being built as completed. :func:`in_part` reads the sentence of a
completion for the words of a part: a section ("đoạn", "phân đoạn", "dự án thành phần", "X km
đầu tiên"), a branch ("nhánh"), a phase ("giai đoạn 1"), an item or component ("hạng mục",
"nhà ga", "đường băng", "gói thầu", "cầu cạn"), a milestone short of opening ("hợp long",
"cơ bản hoàn thành"); the whole route ("toàn tuyến", "toàn bộ") outweighs them. Written
before the reading that measures it (``make completion-scope``), then mended from the errors
of half A of its RSS items: "gián đoạn" is no section, a section word right before a route's
name names that section (the project itself), a length right before the name is a stretch.
"""

from __future__ import annotations

import re

from analysis.text import fold

_PART = re.compile(
    r"(?<!\w)(?:(?<!giai )(?<!công )(?<!gián )đoạn(?! (?:đường|văn|video|clip|phim|ghi))"
    r"|phân đoạn|dự án thành phần|nhánh|giai đoạn (?:1|một|i)(?!\w)"
    r"|hạng mục|nhà ga|đường băng|đường cất hạ cánh|gói thầu|cầu cạn|hợp long"
    r"|cơ bản hoàn thành|một phần|\d+(?:[.,]\d+)? ?km (?:đầu tiên|còn lại|cuối cùng))(?!\w)"
)
_WHOLE = re.compile(r"(?<!\w)(?:toàn tuyến|toàn bộ (?:dự án|tuyến|công trình))(?!\w)")
# Right before a route's name, a section word names that section, the project itself ("Đoạn
# cao tốc Vũng Áng - Bùng", "đoạn cuối cùng Hậu Giang - Cà Mau"); a length right before a
# name is a stretch of it ("Gần 9 km Vành đai 3", "khoan ngầm 4 km metro X").
_SECTION_NAMED = re.compile(r"(?:phân )?đoạn(?: (?:đầu tiên|cuối cùng|cuối))?\s*$")
_LENGTH_OF = re.compile(r"(?<!\w)\d+(?:[.,]\d+)? ?km (?:(?:đường|tuyến) )?$")


def in_part(sentence: str, name: str = "") -> bool:
    """The completion the sentence reports is of a part of its project (see the module);
    ``name``: the project as the sentence writes it, whose own words count for nothing ("Nhà
    ga T3 Tân Sơn Nhất khánh thành" is the terminal's whole)."""
    lowered = fold(sentence).lower()
    written = fold(name).lower()
    at = lowered.find(written) if written else -1
    if at >= 0:
        before = lowered[:at]
        if _LENGTH_OF.search(before):
            return not _WHOLE.search(lowered)
        if " - " in written:
            before = _SECTION_NAMED.sub(" ", before)
        lowered = before + " " + lowered[at:].replace(written, " ")
    return bool(_PART.search(lowered)) and not _WHOLE.search(lowered)
