"""Scraped article pages in the seed layout (``../shared/seeds/000_81bcde8abbdc91d4.txt``).

The layout, top to bottom, blocks separated by blank lines::

    Category line            (optional; the literal "Chuyên mục" names no section)
    <two blank lines>
    Title
    Date line                (optional; many forms, see analysis.load.dates)
    Lead                     (sometimes cut with "...")
    Body paragraphs          (photo captions inside: a line ending in two spaces, often doubled)
    Author line              (optional)
    Teaser title / teaser summary pairs, the first directly under the author line

Whether the first paragraph is the lead or the start of the body of a page without one is
settled by the rules below and, when they pass it, by the lead model (analysis.load.lead).

The parser works on blocks (runs of non-blank lines) because that is what survives the
variations between outlets: line endings, byte-order marks, Unicode normalisation. It never
raises on text; a page that gives no title is reported as such by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from analysis.load.dates import parse_date_line
from analysis.load.lead import is_body_opening

# A lead stands on its own; a paragraph that opens by pointing back ("Cụ thể,", "Vụ việc",
# "Theo đó") continues something said before, so it starts the body of a page that has no
# lead. Checked on 34,870 real baomoi sapos (leads): 0.6% open like this, against 3.7% of
# article bodies.
CONTINUATION_OPENERS = re.compile(
    r"^(?:Cụ thể|Theo đó|Trước đó|Sau đó|Tuy nhiên|Bởi |Vì vậy|Do đó|Ngoài ra|Bên cạnh đó"
    r"|Vụ việc|Vụ tai nạn|Sự việc|Thông tin ban đầu|Cuộc họp này|Đáng chú ý|Trong khi đó"
    r"|Được biết|Tiếp đó|Cũng theo|Như vậy|Theo thông tin ban đầu|Nói về|Trao đổi với"
    r"|Chia sẻ với)"
)
# Leads are short: of 34,870 real baomoi sapos, 0.11% run past 600 characters. A longer first
# paragraph is the body of a page without a lead.
MAX_LEAD_CHARS = 600
# A photo credit ("(Ảnh: ...)", "(Nguồn: Yonhap)") belongs to a caption run into the body: 0.05%
# of those 34,870 sapos hold one, against 6.5% of the first 400 characters of bodies.
PHOTO_CREDIT = re.compile(r"\((?:Ảnh|Nguồn|Photo|Ảnh minh họa)[:)]", re.IGNORECASE)
# A lead cut short by the outlet ends in an ellipsis: the layout's own mark of a lead.
CUT_SHORT = ("...", "…")
NO_CATEGORY = {"chuyên mục", "chuyen muc", "danh mục", "category"}
_BYLINE_END = re.compile(r"[.!?…;:,\"“”'‘’»]$")
_MAX_BYLINE_CHARS = 60
_MAX_BYLINE_WORDS = 8


@dataclass
class Block:
    lines: list[str]
    blank_before: int

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)

    @property
    def is_caption(self) -> bool:
        # Captions are printed with two trailing spaces (one may be a no-break space), the mark
        # of an image's alt text.
        line = self.lines[0]
        return len(self.lines) == 1 and bool(line.strip()) and len(line) - len(line.rstrip()) >= 2


@dataclass
class ParsedPage:
    category: str | None = None
    title: str | None = None
    date_line: str | None = None
    published_at: datetime | None = None
    date_problem: str | None = None
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    author: str | None = None
    related: list[tuple[str, str | None]] = field(default_factory=list)


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    blanks = 0
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip("\r\t\v\f"))
            continue
        if current:
            blocks.append(Block(current, blanks))
            current, blanks = [], 0
        blanks += 1
    if current:
        blocks.append(Block(current, blanks))
    return blocks


def looks_like_byline(line: str) -> bool:
    """A short run of capitalised name words with no sentence punctuation at the end."""
    text = line.strip()
    if not text or len(text) > _MAX_BYLINE_CHARS or _BYLINE_END.search(text):
        return False
    words = [w for w in re.split(r"[\s\-–—/,()]+", text) if w]
    if not words or len(words) > _MAX_BYLINE_WORDS:
        return False
    letters = [w for w in words if w[0].isalpha()]
    if not letters or not letters[0][0].isupper():
        return False
    capitalised = sum(1 for w in letters if w[0].isupper())
    return capitalised / len(letters) >= 0.6


def _is_no_category(text: str) -> bool:
    return unicodedata.normalize("NFC", text).strip().casefold() in NO_CATEGORY


def _split_header(blocks: list[Block], page: ParsedPage) -> int:
    """Fill category, title and date; return the index of the first content block."""
    date_at = None
    for i in (1, 2):
        if i < len(blocks) and len(blocks[i].lines) == 1:
            parsed = parse_date_line(blocks[i].text)
            if parsed is not None:
                date_at = i
                page.date_line = blocks[i].text.strip()
                page.published_at = parsed.value
                page.date_problem = parsed.problem
                break
    if date_at is not None:
        title_at = date_at - 1
    elif len(blocks) > 1 and (blocks[1].blank_before >= 2 or _is_no_category(blocks[0].text)):
        # No date line: the category line is the one set off by two blank lines.
        title_at = 1
    else:
        title_at = 0
    if title_at == 1:
        category = blocks[0].text.strip()
        page.category = None if _is_no_category(category) else category
    if title_at < len(blocks):
        page.title = blocks[title_at].text.strip() or None
    return (date_at if date_at is not None else title_at) + 1


def _split_tail(blocks: list[Block], page: ParsedPage) -> list[Block]:
    """Take related teasers and the author line off the end; return the blocks before them."""
    end = len(blocks)
    teasers: list[tuple[str, str | None]] = []
    while end > 0:
        block = blocks[end - 1]
        n = len(block.lines)
        if n == 2 and not block.is_caption:
            teasers.append((block.lines[0].strip(), block.lines[1].strip() or None))
            end -= 1
            continue
        if n == 3:
            teasers.append((block.lines[1].strip(), block.lines[2].strip() or None))
            page.author = block.lines[0].strip()
            end -= 1
        break
    page.related = teasers[::-1]
    # With teasers present the byline sits on the first teaser's block or is absent; only a
    # page without teasers can end on a bare byline line.
    if not teasers and end > 1:
        last = blocks[end - 1]
        if len(last.lines) == 1 and not last.is_caption and looks_like_byline(last.text):
            page.author = last.text.strip()
            end -= 1
    return blocks[:end]


def _can_be_lead(block: Block) -> bool:
    text = block.text.strip()
    return (
        not block.is_caption
        and len(text) <= MAX_LEAD_CHARS
        and not PHOTO_CREDIT.search(text)
        and not CONTINUATION_OPENERS.match(text)
    )


def _opens_body(title: str, content: list[Block]) -> bool:
    """Does the wording say the first paragraph opens the body? (see analysis.load.lead)."""
    first = content[0].text.strip()
    if first.endswith(CUT_SHORT):
        return False
    paragraphs = [
        line.strip()
        for block in content[1:]
        if not block.is_caption
        for line in block.lines
        if line.strip()
    ]
    if not paragraphs:
        return False
    return is_body_opening(title, first, paragraphs[0], " ".join(paragraphs))


def parse_page(text: str) -> ParsedPage:
    """Parse one page (already decoded, NFC, ``\\n`` line endings) into its parts."""
    page = ParsedPage()
    blocks = split_blocks(text)
    if not blocks:
        return page
    start = _split_header(blocks, page)
    content = _split_tail(blocks[start:], page) if start < len(blocks) else []
    if content and _can_be_lead(content[0]) and not _opens_body(page.title or "", content):
        page.lead = content[0].text.strip() or None
        content = content[1:]
    previous_caption = None
    for block in content:
        if block.is_caption:
            caption = block.text.strip()
            if caption != previous_caption:
                page.captions.append(caption)
            previous_caption = caption
            continue
        previous_caption = None
        page.body.extend(line.strip() for line in block.lines if line.strip())
    return page
