"""Several app processes behind nginx, each visitor kept on its process: ``python -m lianes_dash.server.cluster``.

One Streamlit process runs its sessions' scripts on one core (Python's global lock): past a few
active visitors, pages wait their turn. This launcher starts ``--processes`` copies of
``streamlit run app.py`` (one per core by default, each on its own localhost port, in the
service's environment :data:`memory.SERVICE_ENV`, each with its own housekeeping) and nginx in
front of them on ``--port``, with the configuration of ``deploy/nginx-lianes.conf.template``:
sticky sessions by a routing cookie (the websocket and the uploads reach the process that holds
the session), websocket upgrade, the upload limit of ``server.maxUploadSize``, long timeouts, the
app's own headers passed through. It waits until every process and nginx answer
``/_stcore/health``, then runs until Ctrl-C (or SIGTERM), and stops nginx and every process.

The processes share the read-only data files and the contributions database (SQLite in WAL mode,
writers serialised by ``BEGIN IMMEDIATE`` and a busy timeout, or PostgreSQL by
``LIANES_DATABASE_URL``; ``lianes_dash/contributions/db.py``); a review made on one process is seen
by the others on their next run (``ui/living.py``).

``--print-nginx`` writes the nginx configuration for processes run by something else (systemd), see
the README, « Déploiement sur plusieurs processus ».
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from lianes_dash.server import http_limits
from lianes_dash.server.memory import SERVICE_ENV

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = ROOT / "deploy" / "nginx-lianes.conf.template"
#: Environment variable naming the nginx binary (default: ``nginx`` on the PATH, else Debian's).
NGINX_ENV = "LIANES_NGINX"
#: Name of the routing cookie nginx sets (see the template).
COOKIE = "lianes_node"
#: Response header naming the process that answered (its number, 1…N).
NODE_HEADER = "X-Lianes-Node"
HEALTH = "/_stcore/health"
#: One process per core; Streamlit takes 1–3 s to release its port after SIGTERM.
STOP_SECONDS = 15.0


def find_nginx() -> Path | None:
    """The nginx binary: ``LIANES_NGINX``, else ``nginx`` on the PATH, else ``/usr/sbin/nginx``; ``None`` if absent."""
    named = os.environ.get(NGINX_ENV, "").strip()
    if named:
        return Path(named) if Path(named).exists() else None
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return Path(found) if Path(found).exists() else None


def upload_limit_mb() -> int:
    """``server.maxUploadSize`` (Mo of 1 048 576 bytes) as the app processes will read it."""
    # NOTE: Streamlit's command line reads its options from STREAMLIT_* variables; get_option does not.
    named = os.environ.get("STREAMLIT_SERVER_MAX_UPLOAD_SIZE", "").strip()
    if named:
        return int(named)
    import streamlit as st

    # NOTE: Streamlit reads .streamlit/config.toml from the working folder, the processes' one.
    with contextlib.chdir(ROOT):
        return int(st.get_option("server.maxUploadSize"))


def render_site(
    app_ports: Sequence[int],
    listen: str,
    *,
    upload_mb: int,
    base_path: str = "",
    secure_cookie: bool = False,
    access_log: str = "/var/log/nginx/lianes.access.log",
    app_host: str = "127.0.0.1",
) -> str:
    """The nginx configuration (``http`` context) for processes on ``app_ports``, listening on ``listen``."""
    path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    values = {
        "servers": "\n".join(f"    server {app_host}:{p} max_fails=3 fail_timeout=10s;" for p in app_ports),
        "node_map": "\n".join(f'    "~(^| ){re.escape(app_host)}:{p}$" "{n}";' for n, p in enumerate(app_ports, 1)),
        "listen": listen,
        "location": path,
        "cookie_path": path,
        "cookie_secure": "; Secure" if secure_cookie else "",
        # NOTE: Streamlit allows the multipart envelope 1 MiB on top of the file (http_limits.py).
        "max_body": f"{upload_mb + 1}m",
        "max_head": f"{http_limits.MAX_REQUEST_HEAD // 1024}k",
        "access_log": access_log,
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    left = re.search(r"\{\{\w+\}\}", text)
    if left:
        raise ValueError(f"{TEMPLATE.name}: no value for {left.group(0)}")
    return text


def main_config(run_dir: Path, site: Path) -> str:
    """A whole nginx.conf for the launcher: everything it writes in ``run_dir``, the site included."""
    return f"""# Written by python -m lianes_dash.server.cluster; removed when it stops.
daemon off;
master_process on;
worker_processes 1;
pid {run_dir / "nginx.pid"};
error_log {run_dir / "nginx-error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {run_dir / "body"};
    proxy_temp_path {run_dir / "proxy"};
    fastcgi_temp_path {run_dir / "fastcgi"};
    uwsgi_temp_path {run_dir / "uwsgi"};
    scgi_temp_path {run_dir / "scgi"};
    include {site};
}}
"""


def free_port() -> int:
    """A localhost port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(base: str) -> bool:
    """Whether ``base`` answers ``ok`` on Streamlit's health path."""
    try:
        with urllib.request.urlopen(base + HEALTH, timeout=2) as r:
            return bool(r.read() == b"ok")
    except OSError:
        return False


def wait_healthy(base: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    """Wait until ``base`` answers; raise (in French, naming the log) if ``proc`` exits or time runs out."""
    deadline = time.monotonic() + timeout
    while not healthy(base):
        if proc.poll() is not None:
            raise RuntimeError(f"{base} : le processus s'est arrêté (code {proc.returncode}), voir {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{base} ne répond pas sur {HEALTH} après {timeout:.0f} s, voir {log}")
        time.sleep(0.2)


def app_command(port: int, base_path: str = "", extra: Sequence[str] = ()) -> list[str]:
    """``streamlit run app.py`` on ``127.0.0.1:port``, as the README's production line starts it."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
    if base_path.strip("/"):
        cmd += ["--server.baseUrlPath", base_path.strip("/")]
    return cmd + list(extra)


@dataclass
class Node:
    """One app process: its number (1…N, as ``X-Lianes-Node`` says), port, process and log."""

    number: int
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    """The running processes and nginx in front of them."""

    base: str
    nodes: list[Node]
    nginx: subprocess.Popen | None = None
    run_dir: Path = field(default_factory=Path)

    def pids(self) -> list[int]:
        return [n.proc.pid for n in self.nodes]

    def stop_node(self, number: int) -> None:
        """Stop process ``number`` (1…N), as a crash or a restart would, and wait until it is gone."""
        _stop(self.nodes[number - 1].proc)


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
    try:
        proc.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _start_apps(
    app_ports: Sequence[int], run_dir: Path, env: dict[str, str], base_path: str, extra: Sequence[str]
) -> list[Node]:
    nodes = []
    for number, port in enumerate(app_ports, 1):
        log = run_dir / f"app-{number}.log"
        with log.open("w") as out:
            # NOTE: a session of its own: Ctrl-C reaches the launcher alone, which stops nginx first.
            proc = subprocess.Popen(
                app_command(port, base_path, extra),
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        nodes.append(Node(number, port, proc, log))
    return nodes


def _start_nginx(nginx: Path, run_dir: Path, site_text: str) -> subprocess.Popen:
    site = run_dir / "lianes-site.conf"
    site.write_text(site_text, encoding="utf-8")
    conf = run_dir / "nginx.conf"
    conf.write_text(main_config(run_dir, site), encoding="utf-8")
    # NOTE: -e: nginx opens its default error log before reading the configuration.
    cmd = [str(nginx), "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "nginx-error.log")]
    checked = subprocess.run([*cmd, "-t", "-q"], capture_output=True, text=True, timeout=30)
    if checked.returncode != 0:
        raise RuntimeError(f"configuration nginx refusée : {checked.stderr.strip()}")
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@contextlib.contextmanager
def running(
    processes: int,
    port: int,
    *,
    app_ports: Sequence[int] | None = None,
    env: dict[str, str] | None = None,
    base_path: str = "",
    extra_args: Sequence[str] = (),
    timeout: float = 120,
    nginx: Path | None = None,
) -> Iterator[Cluster]:
    """Start ``processes`` app processes and nginx on ``127.0.0.1:port``; yield once all answer; stop all after."""
    binary = nginx or find_nginx()
    if binary is None:
        raise RuntimeError("nginx absent : apt-get install nginx (ou LIANES_NGINX=/chemin/vers/nginx)")
    ports = list(app_ports) if app_ports is not None else [free_port() for _ in range(processes)]
    run_dir = Path(tempfile.mkdtemp(prefix="lianes-cluster-"))
    # NOTE: run as root, nginx's workers are « nobody » and must reach their temporary folders in here.
    run_dir.chmod(0o755)
    full_env = {**os.environ, **SERVICE_ENV, **(env or {})}
    nodes = _start_apps(ports, run_dir, full_env, base_path, extra_args)
    cluster = Cluster(f"http://127.0.0.1:{port}", nodes, run_dir=run_dir)
    kept = False
    try:
        for node in nodes:
            wait_healthy(node.base + cluster_path(base_path), node.proc, node.log, timeout)
        site = render_site(
            ports,
            f"127.0.0.1:{port}",
            upload_mb=upload_limit_mb(),
            base_path=base_path,
            access_log=str(run_dir / "nginx-access.log"),
        )
        cluster.nginx = _start_nginx(binary, run_dir, site)
        wait_healthy(cluster.base + cluster_path(base_path), cluster.nginx, run_dir / "nginx-error.log", 30)
        _check_owned(cluster, base_path)
        yield cluster
    except Exception:
        # NOTE: the logs are what says why; they stay (the folder is named in the error).
        kept = True
        raise
    finally:
        # nginx first: no new request reaches a process that is stopping.
        if cluster.nginx is not None:
            _stop(cluster.nginx)
        for node in nodes:
            if node.proc.poll() is None:
                node.proc.send_signal(signal.SIGTERM)
        for node in nodes:
            _stop(node.proc)
        if not kept:
            shutil.rmtree(run_dir, ignore_errors=True)


def _check_owned(cluster: Cluster, base_path: str) -> None:
    """Raise if the answers came from another server: one already on a port, where ours could not listen."""
    request = urllib.request.Request(cluster.base + cluster_path(base_path) + HEALTH)
    with urllib.request.urlopen(request, timeout=10) as r:
        if not r.headers.get(NODE_HEADER):
            raise RuntimeError(f"un autre serveur répond sur {cluster.base} : nginx n'a pas pu y écouter")
    time.sleep(0.5)  # NOTE: Streamlit exits soon after failing to listen on its port
    for node in cluster.nodes:
        if node.proc.poll() is not None:
            raise RuntimeError(f"processus {node.number} arrêté (port {node.port} déjà pris ?), voir {node.log}")


def cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def cluster_path(base_path: str) -> str:
    """The URL prefix of ``--base-path`` (``""`` or ``/lianes``)."""
    return "/" + base_path.strip("/") if base_path.strip("/") else ""


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _watch(cluster: Cluster) -> int:
    """Until Ctrl-C: say when a process stops (nginx sends its visitors to the others); 1 if nginx stops."""
    gone: set[int] = set()
    while True:
        time.sleep(1)
        if cluster.nginx is not None and cluster.nginx.poll() is not None:
            print(f"nginx s'est arrêté (code {cluster.nginx.returncode}), voir {cluster.run_dir}", flush=True)
            return 1
        for node in cluster.nodes:
            if node.number not in gone and node.proc.poll() is not None:
                gone.add(node.number)
                print(
                    f"Processus {node.number} arrêté (code {node.proc.returncode}) : ses visiteurs passent aux "
                    "autres à leur prochaine page.",
                    flush=True,
                )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lianes_dash.server.cluster", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--processes", type=int, default=cores(), help="processus (défaut : un par cœur)")
    parser.add_argument("--port", type=int, default=8501, help="port de nginx, celui des visiteurs (défaut 8501)")
    parser.add_argument(
        "--app-port", type=int, default=0, help="port du premier processus, les suivants à la suite (défaut : libres)"
    )
    parser.add_argument("--base-path", default="", help="sous-chemin, comme --server.baseUrlPath (ex. lianes)")
    parser.add_argument(
        "--print-nginx", action="store_true", help="écrire la configuration nginx (contexte http) et sortir"
    )
    parser.add_argument("--secure-cookie", action="store_true", help="cookie de routage « Secure » (site en HTTPS)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.processes < 1:
        raise SystemExit("--processes : au moins 1")
    app_ports = [args.app_port + i for i in range(args.processes)] if args.app_port else None
    if args.print_nginx:
        ports = app_ports or [8601 + i for i in range(args.processes)]
        print(
            render_site(
                ports,
                str(args.port),
                upload_mb=upload_limit_mb(),
                base_path=args.base_path,
                secure_cookie=args.secure_cookie,
            ),
            end="",
        )
        return 0
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"Démarrage de {args.processes} processus et de nginx…", flush=True)
    try:
        with running(args.processes, args.port, app_ports=app_ports, base_path=args.base_path) as cluster:
            for node in cluster.nodes:
                print(f"  processus {node.number} : {node.base} (pid {node.proc.pid}, journal {node.log})")
            print(f"Lianes Dash : {cluster.base}{cluster_path(args.base_path)}/ (Ctrl-C pour tout arrêter)", flush=True)
            return _watch(cluster)
    except KeyboardInterrupt:
        print("Arrêt de nginx et des processus.", flush=True)
        return 0
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
