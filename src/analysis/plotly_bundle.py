"""A smaller plotly.js for the reports whose charts need only its 2-D cartesian traces.

Every report embeds plotly.js so that it works offline, and plotly's Python package ships
only the full bundle (4.8 MB): maps, 3-D and WebGL included. Plotly publishes the
"cartesian" bundle too (bar, box, contour, heatmap, histograms, image, pie, scatter,
scatterternary, violin; 1.5 MB), on npm only. :func:`fetch` (``make install`` runs it)
downloads that bundle, at the version of the full one, from the npm registry, checks it
against the registry's SHA-512 and keeps it in the environment
(``<sys.prefix>/share/analysis/``, with its own SHA-512 beside it, checked at each use).

:func:`smaller` then swaps it in for the full bundle in a report page whose charts use no
other trace type. A bundle without a trace type draws it as a plain scatter, with no error,
so a page keeps the full bundle when any chart has another trace (the topic map's
``scattergl``), when a chart cannot be read or the page calls plotly.js otherwise than
plotly's own HTML does (frames, ``Plotly.react``), and when no intact cartesian bundle of
the right version is at hand. No report needs the network at any time: without the
download the reports are only larger.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
import re
import sys
import tarfile
import urllib.request
from functools import cache
from pathlib import Path

from analysis.store import atomic_write_bytes, atomic_write_text

PACKAGE = "plotly.js-cartesian-dist-min"
_TRACES_TEXT = (
    "bar box contour heatmap histogram histogram2d histogram2dcontour image pie scatter "
    "scatterternary violin"
)
CARTESIAN_TRACES = frozenset(_TRACES_TEXT.split())
_NEW_PLOT = re.compile(r'Plotly\.newPlot\(\s*"[^"]*",\s*')
_CALL = re.compile(r"Plotly\.([\w.]+)\(")
# What plotly's own HTML calls besides newPlot; any other call (addFrames, react, animate)
# draws something this module does not read.
_KNOWN_CALLS = frozenset({"newPlot", "purge"})
# An embedded plotly.js, full or partial: its own text is no chart.
_EMBEDDED = re.compile(r"<script[^>]*>\s*/\*\*\s*\*\s*plotly\.js\b.*?</script>", re.S)


@cache
def full_bundle() -> tuple[str, str]:
    """The full plotly.js the notebooks embed, and its version (read once: a run exports
    every report with it)."""
    import plotly.offline

    return plotly.offline.get_plotlyjs(), plotly.offline.get_plotlyjs_version()


def bundle_path(version: str, prefix: str | Path | None = None) -> Path:
    """Where :func:`fetch` keeps the cartesian bundle of ``version``."""
    folder = Path(prefix or sys.prefix) / "share" / "analysis"
    return folder / f"plotly-cartesian-{version}.min.js"


def _digest_path(bundle: Path) -> Path:
    """Where the bundle's own SHA-512 is kept, beside it."""
    return bundle.with_name(bundle.name + ".sha512")


def _is_bundle(data: bytes, version: str) -> bool:
    """Whether ``data`` opens as plotly's cartesian bundle of ``version`` does."""
    return f"(cartesian - minified) v{version}".encode() in data[:200]


def trace_types(page: str) -> set[str] | None:
    """The trace types of every plotly chart drawn in ``page``; None when one cannot be
    read, or when the page calls plotly.js otherwise than plotly's own HTML does (then
    nothing may be assumed of it)."""
    page = _EMBEDDED.sub("", page)
    if not set(_CALL.findall(page)) <= _KNOWN_CALLS:
        return None
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
    cartesian = installed(version, prefix)
    if cartesian is None:
        return page
    return page.replace(full, cartesian, 1)


def installed(version: str, prefix: str | Path | None = None) -> str | None:
    """The cartesian bundle of ``version`` as :func:`fetch` saved it, or None when it is
    missing, cut short or changed since (its SHA-512 is kept beside it)."""
    path = bundle_path(version, prefix)
    digest = _digest_path(path)
    if not (path.is_file() and digest.is_file()):
        return None
    data = path.read_bytes()
    if hashlib.sha512(data).hexdigest() != digest.read_text(encoding="utf-8").strip():
        return None
    return data.decode("utf-8") if _is_bundle(data, version) else None


class _HttpsOnly(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.startswith("https://"):
            raise ValueError(f"redirected to a non-https address: {newurl!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _sha512(integrity: str) -> bytes:
    """The SHA-512 digest an npm ``integrity`` string (one hash or several) names."""
    for entry in integrity.split():
        algorithm, _, digest = entry.partition("-")
        if algorithm == "sha512":
            return base64.b64decode(digest, validate=True)
    raise ValueError(f"no sha512 in {integrity!r}")


def _get(url: str, timeout: float) -> bytes:
    if not isinstance(url, str) or not url.startswith("https://"):
        raise ValueError(f"not an https address: {url!r}")
    with urllib.request.build_opener(_HttpsOnly).open(url, timeout=timeout) as response:
        return response.read()


def fetch(prefix: str | Path | None = None, timeout: float = 30.0) -> str:
    """Download the cartesian bundle of the installed plotly.js version from the npm
    registry (checked against its SHA-512) into :func:`bundle_path`; a line saying what
    happened. Never raises for the network: reports then keep the full bundle."""
    _, version = full_bundle()
    path = bundle_path(version, prefix)
    if installed(version, prefix) is not None:
        return f"plotly.js cartesian bundle {version}: already in {path}"
    try:
        meta = json.loads(_get(f"https://registry.npmjs.org/{PACKAGE}/{version}", timeout))
        tarball = _get(meta["dist"]["tarball"], timeout)
        if hashlib.sha512(tarball).digest() != _sha512(meta["dist"]["integrity"]):
            return f"plotly.js cartesian bundle {version}: checksum differs, not kept"
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            member = archive.extractfile("package/plotly-cartesian.min.js")
            data = member.read() if member else b""
    except (
        OSError,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        tarfile.TarError,
        http.client.HTTPException,
    ) as error:  # a registry or a network that answers otherwise than expected
        return (
            f"plotly.js cartesian bundle {version} not downloaded ({error}); reports embed "
            "the full bundle (4.8 MB each) instead"
        )
    if not _is_bundle(data, version):
        return f"plotly.js cartesian bundle {version}: unexpected content, not kept"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    atomic_write_text(_digest_path(path), hashlib.sha512(data).hexdigest())
    return f"plotly.js cartesian bundle {version}: saved to {path}"


if __name__ == "__main__":
    print(fetch())
