#!/usr/bin/env python3
"""Download the small English Vosk model into models/ (checked, unpacked atomically).

    python scripts/download_model.py                 # the official small en-us model
    python scripts/download_model.py --dest DIR --url URL --sha256 HEX

Steps: download to a temporary file beside the destination (progress bar on a terminal,
plain progress lines otherwise or when NO_COLOR is set), check the size against the
server's Content-Length and the SHA-256 when given, check that the zip holds one Vosk
model folder (am/, conf/ and graph/ inside), unpack it into a temporary folder and
rename that into place, so an interrupted run never leaves a half model under the final
name. Any failure prints one line to stderr and exits with a non-zero status.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

DEFAULT_URL = "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"
"""The official small US English Vosk model (about 40 MB)."""

DEFAULT_DEST = Path(__file__).resolve().parents[1] / "models"
"""``<repo>/models``, where voice-guide looks for a Vosk model."""

REQUIRED_DIRS = ("am", "conf", "graph")
"""What a Vosk model folder holds (the small models; big ones have more)."""

CHUNK_BYTES = 256 * 1024
TIMEOUT_S = 30.0


class DownloadError(Exception):
    """A failure to report as one line."""


def _plain_progress() -> bool:
    return bool(os.environ.get("NO_COLOR")) or not sys.stderr.isatty()


class _Progress:
    """tqdm on a terminal, a line every 10 % otherwise."""

    def __init__(self, total: int | None, label: str) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self._next_report = 10
        self._bar = None
        if not _plain_progress():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=label, file=sys.stderr)

    def update(self, n: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
        elif self.total:
            percent = 100 * self.done // self.total
            while percent >= self._next_report:
                print(f"{self.label}: {self._next_report}% ({self.done // 1024} KiB)", file=sys.stderr)
                self._next_report += 10

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif not self.total:
            print(f"{self.label}: {self.done // 1024} KiB", file=sys.stderr)


def download(url: str, target: Path) -> tuple[int, str]:
    """Fetch ``url`` into ``target``; return (bytes, sha256 hex). DownloadError on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": "voice-guide-download/1"})
    digest = hashlib.sha256()
    size = 0
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response, open(target, "wb") as out:
            length = response.headers.get("Content-Length")
            expected = int(length) if length and length.isdigit() else None
            progress = _Progress(expected, PurePosixPath(url).name or "download")
            try:
                while True:
                    chunk = response.read(CHUNK_BYTES)
                    if not chunk:
                        break
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    progress.update(len(chunk))
            finally:
                progress.close()
    except urllib.error.HTTPError as err:
        raise DownloadError(f"cannot download {url}: HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        reason = err.reason if not isinstance(err.reason, BaseException) else (str(err.reason) or type(err.reason).__name__)
        raise DownloadError(f"cannot download {url} (offline or unreachable?): {reason}") from None
    except http.client.IncompleteRead as err:
        raise DownloadError(f"download of {url} is truncated: got {size + len(err.partial)} bytes, connection closed early") from None
    except http.client.HTTPException as err:
        raise DownloadError(f"cannot download {url}: bad HTTP response ({type(err).__name__})") from None
    except TimeoutError:
        raise DownloadError(f"cannot download {url}: timed out after {TIMEOUT_S:.0f} s") from None
    except (ConnectionError, OSError) as err:
        raise DownloadError(f"cannot download {url}: {err.strerror or err}") from None
    if expected is not None and size != expected:
        raise DownloadError(f"download of {url} is truncated: got {size} of {expected} bytes")
    return size, digest.hexdigest()


def model_folder_in_zip(archive: zipfile.ZipFile, fallback_name: str) -> tuple[str, str]:
    """(prefix inside the zip, folder name to create) for the one model the zip holds.

    Accepts a zip with one top-level folder holding am/, conf/, graph/, or those folders
    at the top (then the folder is named after the zip). Rejects absolute paths and ``..``.
    """
    names = archive.namelist()
    if not names:
        raise DownloadError("the zip is empty")
    for name in names:
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise DownloadError(f"the zip holds an unsafe path: {name!r}")
    tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
    if len(tops) == 1:
        top = next(iter(tops))
        inside = {PurePosixPath(n).parts[1] for n in names if len(PurePosixPath(n).parts) > 1}
        if all(d in inside for d in REQUIRED_DIRS):
            return top + "/", top
    if all(d in tops for d in REQUIRED_DIRS):
        return "", fallback_name
    raise DownloadError(f"the zip does not hold a Vosk model (expected a folder with {', '.join(REQUIRED_DIRS)})")


def install(zip_path: Path, dest: Path, fallback_name: str, force: bool) -> Path:
    """Unpack the model in ``zip_path`` into ``dest`` atomically; return its folder."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as err:
        raise DownloadError(f"the download is not a valid zip file ({err})") from None
    with archive:
        prefix, name = model_folder_in_zip(archive, fallback_name)
        final = dest / name
        if final.exists() and not force:
            return final
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".part", dir=dest))
        try:
            root = staging / name
            root.mkdir()
            for info in archive.infolist():
                if not info.filename.startswith(prefix):
                    continue
                rel = info.filename[len(prefix) :]
                if not rel:
                    continue
                out = root / rel
                if info.is_dir():
                    out.mkdir(parents=True, exist_ok=True)
                    continue
                out.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK_BYTES)
            missing = [d for d in REQUIRED_DIRS if not (root / d).is_dir()]
            if missing:
                raise DownloadError(f"unpacked model lacks {', '.join(missing)}/")
            if final.exists():
                old = dest / f".{name}.old"
                shutil.rmtree(old, ignore_errors=True)
                os.replace(final, old)
                os.replace(root, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(root, final)
        except (zipfile.BadZipFile, EOFError) as err:
            raise DownloadError(f"the zip is damaged ({err})") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return final


def run(url: str, dest: Path, sha256: str | None, force: bool = False) -> Path:
    """Download, verify and install; return the model folder."""
    dest.mkdir(parents=True, exist_ok=True)
    stem = PurePosixPath(url.split("?", 1)[0]).name
    fallback_name = stem[:-4] if stem.endswith(".zip") else (stem or "vosk-model")
    existing = dest / fallback_name
    if existing.is_dir() and all((existing / d).is_dir() for d in REQUIRED_DIRS) and not force:
        print(f"{existing} is already there (use --force to fetch it again)")
        return existing
    fd, tmp_name = tempfile.mkstemp(prefix=".download.", suffix=".zip.part", dir=dest)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        size, digest = download(url, tmp)
        if sha256 and digest.lower() != sha256.strip().lower():
            raise DownloadError(f"checksum mismatch for {url}: expected sha256 {sha256.strip()}, got {digest}")
        folder = install(tmp, dest, fallback_name, force)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"Vosk model ready in {folder} ({size / 1e6:.1f} MB, sha256 {digest})")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Download the small English Vosk model into models/.")
    parser.add_argument("--url", default=DEFAULT_URL, help="model zip to fetch (default: %(default)s)")
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help="folder to unpack into (default: <repo>/models)")
    parser.add_argument("--sha256", default=None, help="expected SHA-256 of the zip (hex)")
    parser.add_argument("--force", action="store_true", help="replace a model that is already there")
    args = parser.parse_args(argv)
    try:
        run(args.url, args.dest, args.sha256, args.force)
    except DownloadError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"error: {err.strerror or err}: {getattr(err, 'filename', '') or ''}".rstrip(": "), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
