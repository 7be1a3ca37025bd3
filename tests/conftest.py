from __future__ import annotations

from pathlib import Path

import pytest

from analysis.config import CORPUS_DIR, SEED_PAGE

SEED_TEXT = SEED_PAGE.read_text(encoding="utf-8") if SEED_PAGE.is_file() else None


def pytest_collection_modifyitems(config, items):
    if CORPUS_DIR.is_dir():
        return
    skip = pytest.mark.skip(reason=f"corpora not found at {CORPUS_DIR}")
    for item in items:
        if "integration" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def write(tmp_path: Path):
    """Write bytes or text to a file under tmp_path and return its path."""

    def _write(name: str, content: bytes | str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


PAGE = (
    "Giao thông\n\n\n"
    "Khởi công cầu Hà Bắc 2\n\n"
    "22/04/2023 19:22 (GMT +7)\n\n"
    "Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu.\n\n"
    "Cầu dài 1,2 km, tổng vốn 400 tỷ đồng.\n\n"
    "Lễ khởi công cầu Hà Bắc 2  \n\n"
    "Lễ khởi công cầu Hà Bắc 2  \n\n"
    "Dự kiến cầu hoàn thành trong năm 2024.\n\n"
    "Thanh Tuyền\n"
    "Cao tốc Bắc - Nam về đích\n"
    "Đoạn Vũng Áng - Bùng thông xe.\n\n"
    "Ga Kép đón tàu liên vận\n"
    "Hàng hóa đi Trung Quốc qua ga Kép tăng mạnh.\n"
)
