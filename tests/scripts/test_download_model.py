"""scripts/download_model.py against a local HTTP server on 127.0.0.1 (no internet)."""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "download_model.py"


def _model_zip(top: str = "vosk-model-tiny", dirs=("am", "conf", "graph")) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        files = {"am": ("final.mdl", b"\x00" * 2048), "conf": ("model.conf", b"--min-active=200\n"),
                 "graph": ("HCLr.fst", b"\x01" * 1024), "docs": ("index.txt", b"docs\n")}
        for d in dirs:
            z.writestr(f"{top}/{d}/", "")
            name, data = files[d]
            z.writestr(f"{top}/{d}/{name}", data)
        z.writestr(f"{top}/README", "tiny test model\n")
    return buf.getvalue()


GOOD = _model_zip()
NO_MODEL = _model_zip(dirs=("docs",))


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        if self.path in ("/model.zip", "/vosk-model-tiny.zip"):
            body = GOOD
        elif self.path == "/notzip.zip":
            body = b"<html>not a zip</html>" * 50
        elif self.path == "/nomodel.zip":
            body = NO_MODEL
        elif self.path == "/truncated.zip":
            self.send_response(200)
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            self.wfile.write(GOOD[: len(GOOD) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "application/zip")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60, env=env)


def _assert_one_line_failure(done: subprocess.CompletedProcess, match: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and match in lines[0], done.stderr


def test_downloads_verifies_and_unpacks(server, tmp_path: Path) -> None:
    digest = hashlib.sha256(GOOD).hexdigest()
    done = run("--url", f"{server}/vosk-model-tiny.zip", "--dest", str(tmp_path), "--sha256", digest)
    assert done.returncode == 0, done.stderr
    model = tmp_path / "vosk-model-tiny"
    for d in ("am", "conf", "graph"):
        assert (model / d).is_dir()
    assert (model / "conf" / "model.conf").read_text() == "--min-active=200\n"
    assert "100%" in done.stderr  # plain progress lines with NO_COLOR
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "vosk-model-tiny"]
    assert leftovers == []
    from voice_guide.stt import is_vosk_model_dir

    assert is_vosk_model_dir(model)
    # Second run: already there, nothing fetched.
    again = run("--url", f"{server}/vosk-model-tiny.zip", "--dest", str(tmp_path))
    assert again.returncode == 0 and "already there" in again.stdout


def test_bad_checksum(server, tmp_path: Path) -> None:
    done = run("--url", f"{server}/model.zip", "--dest", str(tmp_path), "--sha256", "0" * 64)
    _assert_one_line_failure(done, "checksum mismatch")
    assert list(tmp_path.iterdir()) == []


def test_not_a_zip(server, tmp_path: Path) -> None:
    _assert_one_line_failure(run("--url", f"{server}/notzip.zip", "--dest", str(tmp_path)), "not a valid zip")
    assert list(tmp_path.iterdir()) == []


def test_zip_without_a_model(server, tmp_path: Path) -> None:
    _assert_one_line_failure(run("--url", f"{server}/nomodel.zip", "--dest", str(tmp_path)), "does not hold a Vosk model")
    assert list(tmp_path.iterdir()) == []


def test_truncated_download(server, tmp_path: Path) -> None:
    _assert_one_line_failure(run("--url", f"{server}/truncated.zip", "--dest", str(tmp_path)), "truncated")
    assert list(tmp_path.iterdir()) == []


def test_http_error(server, tmp_path: Path) -> None:
    _assert_one_line_failure(run("--url", f"{server}/missing.zip", "--dest", str(tmp_path)), "HTTP 404")


def test_unreachable_url(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens on the port now: connection refused, as when offline.
    done = run("--url", f"http://127.0.0.1:{port}/vosk-model.zip", "--dest", str(tmp_path))
    _assert_one_line_failure(done, "cannot download")
    assert list(tmp_path.iterdir()) == []
