"""Corpus locations: local paths, ``file://`` URLs and any fsspec URL (``s3://``, ``gs://``,
``https://``, ``memory://`` ...).

A URL is read through fsspec as a ``universal_pathlib.UPath`` (the same ``read_bytes``,
``open``, ``stat`` and ``name`` as a local path). Credentials belong where fsspec looks for
them (environment variables such as ``AWS_ACCESS_KEY_ID``, ``~/.aws/credentials``, fsspec's
configuration), never in the URL: a URL that carries a password is refused. What is shown
or stored of a URL (``source_path``, manifests, reports) leaves out any user name, query and
fragment, since a presigned URL's query is a credential too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit


def is_url(path: str | Path) -> bool:
    """Whether ``path`` names a file through fsspec rather than on this machine."""
    text = str(path)
    return "://" in text and not text.startswith("file://")


def local_path(text: str) -> str:
    """A ``file://`` URL as the path it names (``file://localhost/x`` and percent-escapes
    included); anything else unchanged."""
    if not text.startswith("file://"):
        return text
    return unquote(urlsplit(text).path)


def check(text: str) -> str:
    """``text``, or a clear error when the URL carries a password."""
    for part in text.split("::"):
        if "://" in part and urlsplit(part).password is not None:
            raise ValueError(
                f"the URL {redact(text)!r} carries a password: give credentials to "
                "fsspec instead (environment variables, ~/.aws/credentials, fsspec's config)"
            )
    return text


def redact(text: str) -> str:
    """A location as it may be shown or stored: a URL without user name, password, query or
    fragment (each part of a chained ``a::b`` URL); a local path unchanged."""
    if "://" not in text:
        return text
    parts = []
    for part in text.split("::"):
        if "://" in part:
            split = urlsplit(part)
            user, at, host = split.netloc.rpartition("@")
            # "abfs://container@account..." names a container, not a user: keep it.
            netloc = host if at and (":" in user or split.scheme in _USER_SCHEMES) else split.netloc
            part = urlunsplit((split.scheme, netloc, split.path, "", ""))
        parts.append(part)
    return "::".join(parts)


_USER_SCHEMES = {"http", "https", "ftp", "sftp", "ssh", "smb", "webdav", "hdfs", "webhdfs"}


def as_path(path: str | Path) -> Path:
    """A path object for a local path, a ``file://`` URL or an fsspec URL (a ``UPath``)."""
    if not isinstance(path, str):
        return path  # a Path or a UPath already
    text = local_path(path)
    if is_url(text):
        from upath import UPath

        return UPath(check(text))
    return Path(text)


def expand_url(text: str, ignored) -> list[Path]:
    """Files under an fsspec URL (a file, a folder read recursively, or a glob), sorted; each
    a ``UPath`` that keeps the file system's options (host, port, user of ftp or sftp)."""
    import fsspec
    from upath import UPath

    fs, root = fsspec.core.url_to_fs(check(text))
    if any(ch in root for ch in "*?["):
        matches = sorted(fs.glob(root))
        if not matches:
            raise FileNotFoundError(f"no file matches {redact(text)!r}")
    elif fs.exists(root):
        matches = [root]
    else:
        raise FileNotFoundError(f"no such file or folder: {redact(text)!r}")
    files: list[str] = []
    for match in matches:
        if fs.isdir(match):
            files.extend(sorted(fs.find(match)))
        else:
            files.append(match)
    names = [f for f in files if not ignored(f.rsplit("/", 1)[-1])]
    return [UPath(fs.unstrip_protocol(f), **fs.storage_options) for f in names]
