"""The reports' smaller plotly.js: swapped in only where every chart can use it."""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
import tarfile
import urllib.request

import plotly.graph_objects as go
import pytest

from analysis import plotly_bundle
from analysis.plotly_bundle import bundle_path, fetch, full_bundle, smaller, trace_types

FULL, VERSION = full_bundle()
CARTESIAN = f"/**\n* plotly.js (cartesian - minified) v{VERSION}\n*/\nwindow.Plotly = {{}};"


def page(*traces) -> str:
    """A report page as nbconvert writes it: plotly.js embedded once, then the charts."""
    charts = "".join(
        go.Figure(trace).to_html(include_plotlyjs=False, full_html=False) for trace in traces
    )
    return f"<html><script>{FULL}</script>{charts}</html>"


def install(prefix, text: str = CARTESIAN):
    """A bundle as :func:`fetch` leaves it: the file and its SHA-512 beside it."""
    path = bundle_path(VERSION, prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    digest = hashlib.sha512(text.encode("utf-8")).hexdigest()
    path.with_name(path.name + ".sha512").write_text(digest, encoding="utf-8")


@pytest.fixture
def prefix(tmp_path):
    install(tmp_path)
    return tmp_path


def test_trace_types_reads_every_chart():
    assert trace_types(page(go.Bar(x=[1]), go.Heatmap(z=[[1]]))) == {"bar", "heatmap"}
    assert trace_types("<html>no chart</html>") == set()
    assert trace_types('Plotly.newPlot("x", [{"type": "bar"') is None  # cut short: unknown


def test_a_page_that_draws_otherwise_than_plotlys_html_is_not_read():
    frames = go.Figure(go.Scatter(x=[1]), frames=[go.Frame(data=[go.Scattergl(x=[1])])])
    assert trace_types(page(frames)) is None  # Plotly.addFrames: not read, so unknown
    react = page(go.Bar(x=[1])) + '<script>Plotly.react("x", [{"type": "scatter3d"}])</script>'
    assert trace_types(react) is None


def test_a_page_of_cartesian_charts_gets_the_smaller_bundle(prefix):
    out = smaller(page(go.Bar(x=[1, 2]), go.Scatter(x=[1], y=[2]), go.Heatmap(z=[[1]])), prefix)
    assert CARTESIAN in out and FULL not in out
    assert trace_types(out) == {"bar", "scatter", "heatmap"}  # the charts untouched


def test_any_other_trace_keeps_the_full_bundle(prefix):
    text = page(go.Bar(x=[1]), go.Scattergl(x=[1], y=[2]))
    assert smaller(text, prefix) == text


def test_without_the_bundle_or_with_another_version_the_page_is_unchanged(tmp_path, prefix):
    text = page(go.Bar(x=[1]))
    assert smaller(text, tmp_path / "elsewhere") == text
    install(prefix, CARTESIAN.replace(VERSION, "0.0.1"))
    assert smaller(text, prefix) == text
    install(prefix)
    bundle_path(VERSION, prefix).write_text(CARTESIAN[:40], encoding="utf-8")  # cut short
    assert smaller(text, prefix) == text
    assert smaller("<html>no plotly.js</html>", prefix) == "<html>no plotly.js</html>"


def registry(monkeypatch, content: str, integrity: str | None = None):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = content.encode("utf-8")
        info = tarfile.TarInfo("package/plotly-cartesian.min.js")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    tarball = buffer.getvalue()
    digest = base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    integrity = integrity or f"sha512-{digest}"
    meta = {"dist": {"tarball": "https://example/t.tgz", "integrity": integrity}}
    answers = {"meta": json.dumps(meta).encode(), "https://example/t.tgz": tarball}
    monkeypatch.setattr(
        plotly_bundle, "_get", lambda url, timeout: answers[url if url in answers else "meta"]
    )


def test_fetch_keeps_the_bundle_only_when_its_checksum_matches(tmp_path, monkeypatch):
    registry(monkeypatch, CARTESIAN, integrity="sha512-" + base64.b64encode(b"x" * 64).decode())
    assert "checksum differs" in fetch(tmp_path)
    assert not bundle_path(VERSION, tmp_path).exists()
    registry(monkeypatch, CARTESIAN)
    assert "saved" in fetch(tmp_path)
    assert bundle_path(VERSION, tmp_path).read_text(encoding="utf-8") == CARTESIAN
    assert "already" in fetch(tmp_path)


def test_fetch_without_the_network_says_so_and_does_not_raise(tmp_path, monkeypatch):
    def offline(url, timeout):
        raise OSError("no route to host")

    monkeypatch.setattr(plotly_bundle, "_get", offline)
    assert "not downloaded (no route to host)" in fetch(tmp_path)
    registry(monkeypatch, "something else entirely")
    assert "unexpected content" in fetch(tmp_path)
    assert not bundle_path(VERSION, tmp_path).exists()


def test_fetch_survives_a_registry_that_answers_otherwise(tmp_path, monkeypatch):
    for answer in (b"[]", b'{"dist": null}', b'{"dist": {"tarball": null, "integrity": "x"}}'):
        monkeypatch.setattr(plotly_bundle, "_get", lambda url, timeout, a=answer: a)
        assert "not downloaded" in fetch(tmp_path)

    def cut_short(url, timeout):
        raise http.client.IncompleteRead(b"partial")

    monkeypatch.setattr(plotly_bundle, "_get", cut_short)
    assert "not downloaded" in fetch(tmp_path)
    assert not bundle_path(VERSION, tmp_path).exists()


def test_fetch_reads_an_integrity_of_several_hashes(tmp_path, monkeypatch):
    registry(monkeypatch, CARTESIAN)
    meta = json.loads(plotly_bundle._get("meta", 1))
    meta["dist"]["integrity"] = "sha1-AAAA " + meta["dist"]["integrity"]
    tarball = plotly_bundle._get(meta["dist"]["tarball"], 1)
    answers = {"meta": json.dumps(meta).encode(), meta["dist"]["tarball"]: tarball}
    monkeypatch.setattr(
        plotly_bundle, "_get", lambda url, timeout: answers.get(url, answers["meta"])
    )
    assert "saved" in fetch(tmp_path)


def test_only_https_addresses_are_fetched():
    with pytest.raises(ValueError, match="https"):
        plotly_bundle._get("http://registry.npmjs.org/x", 1)
    request = urllib.request.Request("https://registry.npmjs.org/x")
    with pytest.raises(ValueError, match="non-https"):
        plotly_bundle._HttpsOnly().redirect_request(request, None, 302, "Found", {}, "http://x")
