"""The built site served by a real nginx with deploy/nginx.conf, on a free loopback port.

The tests and the Lighthouse report serve the site as a host does, with the very server block the
README tells a host to install: only its root (the built site) and its `listen` line differ. nginx
runs in the foreground as a child of this process, with its pid file, temporary files and logs in a
folder of the caller's, so it needs no root rights (and works as root too, as in CI).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONFIG = ROOT / "deploy" / "nginx.conf"
DEPLOYED_ROOT = "/srv/verbindend-werken/site"   # where deploy/nginx.conf expects the built site
LISTEN = re.compile(r"^\s*listen\s[^;]*;[^\n]*\n", re.MULTILINE)
MIME_TYPES = "/etc/nginx/mime.types"            # Debian's nginx-common, as the host's nginx.conf includes it


class NginxError(Exception):
    """nginx is missing, rejects the configuration, or did not start."""


def nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise NginxError("nginx is missing: run the tests with `make test`, which installs Debian's nginx")
    return found


def site_block(site: Path, port: int) -> str:
    """deploy/nginx.conf with the built site as its root, listening on 127.0.0.1:`port` only."""
    text = DEPLOY_CONFIG.read_text(encoding="utf-8")
    if DEPLOYED_ROOT not in text or len(LISTEN.findall(text)) != 2:
        raise NginxError(f"{DEPLOY_CONFIG}: expected its root {DEPLOYED_ROOT} and two listen lines")
    text = text.replace(DEPLOYED_ROOT, str(site.resolve()))
    text = LISTEN.sub("", text, count=1)
    return LISTEN.sub(f"    listen 127.0.0.1:{port};\n", text, count=1)


def main_config(site: Path, port: int, workdir: Path) -> Path:
    """A whole nginx.conf around the site's server block, with every writable path inside `workdir`."""
    (workdir / "temp").mkdir(parents=True, exist_ok=True)
    (workdir / "site.conf").write_text(site_block(site, port), encoding="utf-8")
    temp = {name: workdir / "temp" / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    config = workdir / "nginx.conf"
    config.write_text("\n".join([
        "daemon off;",
        "worker_processes 1;",
        # As root (CI), nginx would hand the work to 'nobody', who cannot read the test's private folders.
        "user root;" if os.geteuid() == 0 else "",
        f"pid {workdir / 'nginx.pid'};",
        f"error_log {workdir / 'error.log'} warn;",
        "events { worker_connections 256; }",
        "http {",
        f"    include {MIME_TYPES};",
        "    default_type application/octet-stream;",
        "    access_log off;",
        *(f"    {name}_temp_path {path};" for name, path in temp.items()),
        f"    include {workdir / 'site.conf'};",
        "}",
    ]) + "\n", encoding="utf-8")
    return config


def check(config: Path, workdir: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on the configuration: its verdict and messages (in .stdout)."""
    return subprocess.run([nginx(), "-t", "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(config)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
        return True
    return False


@contextlib.contextmanager
def served(site: Path, workdir: Path, port: int | None = None, attempts: int = 3) -> Iterator[str]:
    """The site served by nginx until the block ends: yields its base URL ('http://127.0.0.1:<port>').
    Without a given port, a port taken between choosing and binding it is tried again with another."""
    for _ in range(1 if port else attempts):
        port = port or free_port()
        config = main_config(site, port, workdir)
        verdict = check(config, workdir)
        if verdict.returncode != 0:
            raise NginxError(f"nginx -t rejects {config}:\n{verdict.stdout}")
        process = subprocess.Popen([nginx(), "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(config)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while process.poll() is None and not _answers(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        if process.poll() is None and _answers(port):
            break
        process.kill()
        process.wait()
        port = None
    else:
        log = workdir / "error.log"
        raise NginxError("nginx did not start:\n" + (log.read_text(encoding="utf-8") if log.exists() else ""))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
