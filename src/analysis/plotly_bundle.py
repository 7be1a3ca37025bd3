"""A smaller plotly.js for the reports whose charts need only its 2-D cartesian traces.

Every report embeds plotly.js so that it works offline, and plotly's Python package ships
only the full bundle (4.8 MB): maps, 3-D and WebGL included. Plotly publishes the
"cartesian" bundle too (bar, box, contour, heatmap, histograms, image, pie, scatter,
scatterternary, violin; 1.5 MB), on npm only. :func:`fetch` (``make install`` runs it)
downloads that bundle, at the version of the full one, from the npm registry, checks it
against the registry's SHA-512 and keeps it in the environment
(``<sys.prefix>/share/analysis/``). :func:`smaller` then swaps it in for the full bundle in a
report page whose charts use no other trace type; a page with any other trace (the topic
map's ``scattergl``), a chart it cannot read, or no cartesian bundle of the right version at
hand keeps the full bundle, so a report is never drawn with a bundle that lacks a trace.
No report needs the network at any time: without the download they are only larger.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

from analysis.store import atomic_write_text

PACKAGE = "plotly.js-cartesian-dist-min"
_TRACES_TEXT = (
    "bar box contour heatmap histogram histogram2d histogram2dcontour image pie scatter "
    "scatterternary violin"
)
CARTESIAN_TRACES = frozenset(_TRACES_TEXT.split())
_NEW_PLOT = re.compile(r'Plotly\.newPlot\(\s*"[^"]*",\s*')


def full_bundle() -> tuple[str, str]:
    """The full plotly.js the notebooks embed, and its version."""
    import plotly.offline

    return plotly.offline.get_plotlyjs(), plotly.offline.get_plotlyjs_version()


def bundle_path(version: str, prefix: str | Path | None = None) -> Path:
    """Where :func:`fetch` keeps the cartesian bundle of ``version``."""
    folder = Path(prefix or sys.prefix) / "share" / "analysis"
    return folder / f"plotly-cartesian-{version}.min.js"


def trace_types(page: str) -> set[str] | None:
    """The trace types of every plotly chart drawn in ``page``; None when one cannot be
    read (then nothing may be assumed of it)."""
    found: set[str] = set()
    decoder = json.JSONDecoder()
    for match in _NEW_PLOT.finditer(page):
        try:
            data, _ = decoder.raw_decode(page, match.end())
        except ValueError:
            return None
        if not isinstance(data, list):
            return None
        found.update(trace.get("type", "scatter") for trace in data if isinstance(trace, dict))
    return found


def smaller(page: str, prefix: str | Path | None = None) -> str:
    """``page`` with its full plotly.js replaced by the cartesian bundle when every chart of
    the page is a cartesian trace and the bundle of the same version is at hand."""
    full, version = full_bundle()
    if full not in page:
        return page
    types = trace_types(page)
    if types is None or not types <= CARTESIAN_TRACES:
        return page
    path = bundle_path(version, prefix)
    if not path.is_file():
        return page
    cartesian = path.read_text(encoding="utf-8")
    if f"(cartesian - minified) v{version}" not in cartesian[:200]:
        return page  # not the bundle it claims to be
    return page.replace(full, cartesian, 1)


def _get(url: str, timeout: float) -> bytes:
    if not url.startswith("https://"):
        raise ValueError(f"not an https address: {url!r}")
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def fetch(prefix: str | Path | None = None, timeout: float = 30.0) -> str:
    """Download the cartesian bundle of the installed plotly.js version from the npm
    registry (checked against its SHA-512) into :func:`bundle_path`; a line saying what
    happened. Never raises for the network: reports then keep the full bundle."""
    _, version = full_bundle()
    path = bundle_path(version, prefix)
    if path.is_file():
        return f"plotly.js cartesian bundle {version}: already in {path}"
    try:
        meta = json.loads(_get(f"https://registry.npmjs.org/{PACKAGE}/{version}", timeout))
        tarball = _get(meta["dist"]["tarball"], timeout)
        algorithm, _, digest = meta["dist"]["integrity"].partition("-")
        if algorithm != "sha512" or hashlib.sha512(tarball).digest() != base64.b64decode(digest):
            return f"plotly.js cartesian bundle {version}: checksum differs, not kept"
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            member = archive.extractfile("package/plotly-cartesian.min.js")
            text = member.read().decode("utf-8") if member else ""
    except (OSError, KeyError, ValueError, tarfile.TarError) as error:
        return (
            f"plotly.js cartesian bundle {version} not downloaded ({error}); reports embed "
            "the full bundle (4.8 MB each) instead"
        )
    if f"(cartesian - minified) v{version}" not in text[:200]:
        return f"plotly.js cartesian bundle {version}: unexpected content, not kept"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)
    return f"plotly.js cartesian bundle {version}: saved to {path}"


if __name__ == "__main__":
    print(fetch())
