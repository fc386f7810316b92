"""`aligndeck serve` as a server: the addresses it answers, the Host it accepts, how it
binds, and that it writes nothing. No browser needed."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aligndeck.serve.app import host_allowed
from helpers import REPO

OUTLINES = REPO / "tests" / "outlines"


def _project(tmp_path: Path) -> Path:
    """A copy of the outline with images, in a folder of its own, beside a secret."""
    folder = tmp_path / "talk"
    shutil.copytree(OUTLINES / "assets", folder / "assets")
    shutil.copy(OUTLINES / "own-content.yaml", folder / "deck.yaml")
    (tmp_path / "secret.txt").write_text("the secret", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "assets" / "link.png").symlink_to(tmp_path / "secret.txt")
    return folder / "deck.yaml"


def _get(url: str, path: str, *, method: str = "GET", host: str | None = None
         ) -> tuple[int, bytes]:
    address = re.match(r"http://([^/]+)/", url)
    assert address is not None
    name, port = address.group(1).rsplit(":", 1)
    connection = http.client.HTTPConnection(name, int(port), timeout=10)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    if host != "":
        connection.putheader("Host", host or address.group(1))
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_serves_the_page_its_files_and_the_images_the_outline_names(tmp_path: Path,
                                                                     served: Any) -> None:
    server = served(_project(tmp_path))
    status, page = _get(server.url, "/")
    assert status == 200
    assert page.count(b'<section class="slide"') == len(server.live.deck.slides) > 10
    for path in ("/present", "/presenter", "/static/deck.js", "/static/deck.css",
                 "/fonts/aligndeck-sans-regular.woff2", "/fonts/aligndeck-sans-bold.woff2"):
        assert _get(server.url, path)[0] == 200, path
    images = sorted(set(re.findall(rb'href="(/images/[^"]+)"', page)))
    assert len(images) == 2  # the logo and the chat screenshot
    served_bytes = {_get(server.url, path.decode())[1] for path in images}
    folder = tmp_path / "talk" / "assets"
    assert served_bytes == {(folder / "logo.png").read_bytes(),
                            (folder / "chat.png").read_bytes()}


@pytest.mark.parametrize("path", [
    "/deck.yaml", "/../secret.txt", "/%2e%2e/secret.txt", "/static/..%2f..%2fdeck.yaml",
    "/static/%2e%2e/%2e%2e/deck.yaml", "/static/page.html.j2", "/static/deck.js/",
    "/fonts/OFL.txt", "/fonts/..%2f..%2f..%2fapi.py", "/images/logo.png",
    "/images/../assets/logo.png", "/images/..%2fassets%2flogo.png", "/assets/logo.png",
    "/link.txt", "/assets/link.png", "/images/link.png", "//etc/passwd", "/%2fetc%2fpasswd",
    "/present/", "/index.html", "/events/x",
])
def test_anything_else_is_not_found_whatever_the_path(tmp_path: Path, served: Any,
                                                      path: str) -> None:
    server = served(_project(tmp_path))
    status, body = _get(server.url, path)
    assert status == 404, (path, body[:200])
    assert b"the secret" not in body and b"title:" not in body


@pytest.mark.parametrize("host", [
    "evil.example:{port}", "evil.example", "127.0.0.1:1", "127.0.0.1", "localhost.evil:{port}",
    "[::1]:1", "127.0.0.1:{port}.evil", "",
])
def test_a_host_header_that_is_not_the_served_address_is_refused(tmp_path: Path,
                                                                 served: Any,
                                                                 host: str) -> None:
    server = served(_project(tmp_path))
    port = server.url.rsplit(":", 1)[1].strip("/")
    for path in ("/", "/static/deck.js", "/events", "/nothing"):
        status, _ = _get(server.url, path, host=host.format(port=port))
        # No Host at all is refused by the HTTP parser itself (400), the rest by us.
        assert status == (400 if host == "" else 403), (host, path)


def test_the_served_address_by_any_loopback_name_is_answered(tmp_path: Path,
                                                             served: Any) -> None:
    server = served(_project(tmp_path))
    port = server.url.rsplit(":", 1)[1].strip("/")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert _get(server.url, "/", host=host)[0] == 200, host


@pytest.mark.parametrize(("header", "host", "port", "allowed"), [
    ("127.0.0.1:8000", "127.0.0.1", 8000, True),
    ("localhost:8000", "127.0.0.1", 8000, True),
    ("[::1]:8000", "127.0.0.1", 8000, True),
    ("127.0.0.1:8001", "127.0.0.1", 8000, False),
    ("rebound.example:8000", "127.0.0.1", 8000, False),
    ("192.168.1.20:8000", "0.0.0.0", 8000, True),
    ("rebound.example:8000", "0.0.0.0", 8000, False),
    ("192.168.1.20:8000", "192.168.1.20", 8000, True),
    ("192.168.1.21:8000", "192.168.1.20", 8000, False),
    ("127.0.0.1", "127.0.0.1", 80, True),
    ("127.0.0.1", "127.0.0.1", 8000, False),
    ("[::1]", "::1", 8000, False),
    ("", "127.0.0.1", 8000, False),
])
def test_host_rules(header: str, host: str, port: int, allowed: bool) -> None:
    assert host_allowed(header, host, port) is allowed


def test_no_endpoint_writes(tmp_path: Path, served: Any) -> None:
    outline = _project(tmp_path)
    before = {p: p.read_bytes() for p in outline.parent.rglob("*") if p.is_file()}
    server = served(outline)
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        for path in ("/", "/events", "/static/deck.js", "/images/x", "/deck.yaml"):
            status, _ = _get(server.url, path, method=method)
            assert status in (404, 405), (method, path)
    after = {p: p.read_bytes() for p in outline.parent.rglob("*") if p.is_file()}
    assert after == before


def _serve_process(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-m", "aligndeck", "serve", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)


def _wait_for_url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://\S+/", line)
    assert found, line
    return found.group(0)


def test_loopback_by_default_and_ctrl_c_exits_0(tmp_path: Path) -> None:
    outline = _project(tmp_path)
    process = _serve_process("deck.yaml", "--port", "0", cwd=outline.parent)
    try:
        url = _wait_for_url(process)
        assert url.startswith("http://127.0.0.1:")
        assert _get(url, "/")[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "stopped serving deck.yaml" in err
    assert "warning" not in err


def test_another_host_warns_that_the_talk_is_visible(tmp_path: Path) -> None:
    outline = _project(tmp_path)
    process = _serve_process("deck.yaml", "--port", "0", "--host", "0.0.0.0",
                             cwd=outline.parent)
    try:
        url = _wait_for_url(process)
        port = url.rsplit(":", 1)[1].strip("/")
        assert _get(f"http://127.0.0.1:{port}/", "/")[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert re.search(r"^warning: serving on 0\.0\.0\.0: anyone who can reach this machine "
                     r"on port \d+ can see the talk$", err, re.M), err


def test_a_taken_port_is_a_clear_message(tmp_path: Path) -> None:
    outline = _project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve_process("deck.yaml", "--port", str(port), cwd=outline.parent)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.strip() == (f"error: port {port} on 127.0.0.1 is taken by another program; "
                           "stop it, or choose another port with --port")


def test_the_page_may_load_only_from_the_server(tmp_path: Path, served: Any) -> None:
    server = served(_project(tmp_path))
    address = re.match(r"http://([^/]+)/", server.url)
    assert address is not None
    name, port = address.group(1).rsplit(":", 1)
    connection = http.client.HTTPConnection(name, int(port), timeout=10)
    connection.request("GET", "/")
    response = connection.getresponse()
    response.read()
    policy = response.getheader("Content-Security-Policy") or ""
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    connection.close()
