"""Ingest and build on a real Dask cluster: the same bytes as the local path, and no loss on failure.

The cluster is real: a ``dask scheduler`` process and two ``dask worker``
processes on 127.0.0.1, started here on free ports (no dashboard), and
killed by their process groups whatever happens. Builds and ingests run
through the CLI (``--executor dask://127.0.0.1:PORT``), as a user runs them;
the local build of the same content is the reference, compared file by file.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest

from briefgen import config as config_mod
from briefgen.errors import BriefgenError
from briefgen.executors import ExecutorSpec, open_executor, parse_executor

if TYPE_CHECKING:
    from distributed import Client

distributed = pytest.importorskip("distributed", reason="the dask extra: pip install 'briefgen[dask]'")

REPO = Path(__file__).resolve().parents[1]
DASK = Path(sys.executable).with_name("dask")
SETTINGS = "title: Dask test\nbase_url: https://dask.example/\nsearch: false\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Cluster:
    """One scheduler and two single-threaded workers, each in its own process group."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.logs = root
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self._start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                    "--no-dashboard")
        for name in ("worker-1", "worker-2"):
            self._start(name, "worker", self.address, "--nworkers", "1", "--nthreads", "1",
                        "--host", "127.0.0.1", "--no-dashboard", "--memory-limit", "0",
                        "--local-directory", str(root / name))
        with distributed.Client(self.address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)

    @property
    def url(self) -> str:
        return f"dask://127.0.0.1:{self.port}"

    def _start(self, name: str, *args: str) -> None:
        log = open(self.logs / f"{name}.log", "wb")
        self.procs[name] = subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True, cwd=self.logs)
        log.close()

    def kill(self, name: str) -> None:
        """SIGKILL the process group of one of the processes started here (a worker's nanny too)."""
        proc = self.procs[name]
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)

    def name_of_worker_pid(self, pid: int) -> str:
        group = os.getpgid(pid)
        return next(name for name, proc in self.procs.items() if proc.pid == group)

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            self.kill(name)


@pytest.fixture
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    started = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        yield started
    finally:
        started.stop()


def _project(root: Path, *, content: bool = True, seeds: bool = False) -> Path:
    root.mkdir(parents=True)
    (root / "briefgen.yaml").write_text(SETTINGS, encoding="utf-8")
    if content:
        shutil.copytree(REPO / "content", root / "content")
    if seeds:
        shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def _cli(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "briefgen", "--project", str(project), *args],
                          capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _assert_same(a: Path, b: Path, at_least: int = 1000) -> None:
    left, right = _tree(a), _tree(b)
    assert sorted(left) == sorted(right)
    differing = [rel for rel in left if left[rel] != right[rel]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:5]}"
    assert len(left) >= at_least


def _rendered(summary: str) -> int:
    """The pages a build rendered, from its summary line (``…; 12 rendered, 14 changed)``)."""
    return int(summary.split(" rendered")[0].rsplit(";", 1)[1])


def _share_editions(local: Path, remote: Path) -> None:
    """The editions the local build recorded, given to the remote project before its build.

    A build records an edition (``content/editions/``) stamped with the clock;
    two projects built seconds apart would show two times. The record is
    content, like an article: sharing it compares the two builds on the same content.
    """
    shutil.rmtree(remote / "content" / "editions", ignore_errors=True)
    if (local / "content" / "editions").is_dir():
        shutil.copytree(local / "content" / "editions", remote / "content" / "editions")


def _edit(project: Path) -> None:
    """A body edit and a front-matter edit: the incremental build's usual work."""
    articles = sorted((project / "content" / "articles").glob("*.md"))
    first = articles[0].read_text(encoding="utf-8")
    articles[0].write_text(first + "\nA paragraph added by hand about Pyongyang and Seoul.\n",
                           encoding="utf-8")
    second = articles[1].read_text(encoding="utf-8")
    articles[1].write_text(second.replace("title: ", "title: Edited ", 1), encoding="utf-8")


@pytest.mark.slow
def test_build_and_rebuild_on_the_cluster_equal_the_local_ones(tmp_path: Path, cluster: Cluster
                                                                ) -> None:
    local, remote = _project(tmp_path / "local"), _project(tmp_path / "remote")
    _cli(local, "build")
    _share_editions(local, remote)
    out = _cli(remote, "build", "--executor", cluster.url).stdout
    assert "rendered" in out
    _assert_same(local / "site", remote / "site")

    _edit(local)
    _edit(remote)
    mine = _cli(local, "build").stdout
    _share_editions(local, remote)
    out = _cli(remote, "build", "--executor", cluster.url).stdout
    # incremental on the cluster too: only the pages the edits touched are rendered again
    assert 0 < _rendered(out) <= _rendered(mine)
    assert _rendered(out) < len(_tree(remote / "site")) / 4
    _assert_same(local / "site", remote / "site")


def _greedy_home(project: Path) -> None:
    """A project home page that reads every article's quotes and the oldest article's body:
    text no render slice of a distributed build is sent for the home page."""
    home = (REPO / "templates" / "home.html").read_text(encoding="utf-8")
    extra = ('<section class="greedy"><p>{{ site.bodies[site.order[-1]]|striptags|truncate(80) }}</p>'
             '{% for slug in site.quotes %}<p>{{ slug }}: {{ site.quotes[slug]|length }}</p>'
             '{% endfor %}</section>\n')
    head, _, tail = home.partition("{% endblock %}")
    (project / "templates").mkdir()
    (project / "templates" / "home.html").write_text(f"{head}{extra}{{% endblock %}}{tail}",
                                                      encoding="utf-8")


@pytest.mark.slow
def test_a_page_reading_beyond_its_slice_is_rendered_the_same(tmp_path: Path, cluster: Cluster
                                                              ) -> None:
    # workers get each page's share of the articles' text; this home page reads past it, so the
    # client renders it against the whole site, and the bytes are still the local build's
    local, remote = _project(tmp_path / "local"), _project(tmp_path / "remote")
    for project in (local, remote):
        _greedy_home(project)
    _cli(local, "build")
    home = (local / "site" / "index.html").read_text(encoding="utf-8")
    assert home.count("<p>") > 20 and 'class="greedy"' in home  # the reads happened
    _share_editions(local, remote)
    _cli(remote, "build", "--executor", cluster.url)
    _assert_same(local / "site", remote / "site")


@pytest.mark.slow
def test_ingest_on_the_cluster_writes_the_same_content_files(tmp_path: Path, cluster: Cluster
                                                            ) -> None:
    local = _project(tmp_path / "local", content=False, seeds=True)
    remote = _project(tmp_path / "remote", content=False, seeds=True)
    _cli(local, "ingest", "--jobs", "1")
    out = _cli(remote, "ingest", "--executor", cluster.url).stdout
    assert "0 failed" in out
    _assert_same(local / "content", remote / "content", at_least=38)
    # a re-ingest after a hand edit keeps the edit in both, the same way
    for project in (local, remote):
        path = sorted((project / "content" / "articles").glob("*.md"))[0]
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Mine ", 1),
                        encoding="utf-8")
    _cli(local, "ingest", "--jobs", "1")
    out = _cli(remote, "ingest", "--executor", cluster.url).stdout
    assert "1 with hand edits kept" in out
    _assert_same(local / "content", remote / "content", at_least=38)


def _first_task_running(client: Client, timeout: float = 120) -> str:
    """The address of a worker as soon as it is running one of the build's tasks."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for address, keys in client.processing().items():  # type: ignore[no-untyped-call]
            if keys:
                return str(address)
        time.sleep(0.01)
    raise AssertionError("the build ran no task on the cluster")


@pytest.mark.slow
def test_a_worker_killed_mid_build_costs_a_retry_not_the_build(tmp_path: Path, cluster: Cluster
                                                               ) -> None:
    local, remote = _project(tmp_path / "local"), _project(tmp_path / "remote")
    _cli(local, "build")
    _share_editions(local, remote)
    with distributed.Client(cluster.address, timeout=30) as client:
        build = subprocess.Popen([sys.executable, "-m", "briefgen", "--project", str(remote),
                                  "build", "--executor", cluster.url],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            address = _first_task_running(client)
            pid = client.run(os.getpid, workers=[address])[address]
            cluster.kill(cluster.name_of_worker_pid(pid))
            out, err = build.communicate(timeout=240)
        finally:
            if build.poll() is None:
                build.kill()
                build.wait()
    # Dask reschedules the lost worker's tasks on the other one: the build completes, unchanged
    assert build.returncode == 0, err
    assert "built" in out
    _assert_same(local / "site", remote / "site")


@pytest.mark.slow
def test_the_scheduler_gone_mid_build_is_a_clear_error_and_the_site_is_kept(
        tmp_path: Path, cluster: Cluster) -> None:
    remote = _project(tmp_path / "remote")
    _cli(remote, "build", "--executor", cluster.url)
    before = _tree(remote / "site")
    _edit(remote)
    (remote / "templates").mkdir()  # a template edit: every page is rendered again
    (remote / "templates" / "base.html").write_text(
        (REPO / "templates" / "base.html").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with distributed.Client(cluster.address, timeout=30) as client:
        build = subprocess.Popen([sys.executable, "-m", "briefgen", "--project", str(remote),
                                  "build", "--executor", cluster.url],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _first_task_running(client)
            cluster.kill("scheduler")
            started = time.monotonic()
            out, err = build.communicate(timeout=120)
        finally:
            if build.poll() is None:
                build.kill()
                build.wait()
    assert build.returncode == 1, out + err
    assert time.monotonic() - started < 60
    assert "Dask scheduler" in err and "Traceback" not in err
    assert _tree(remote / "site") == before  # nothing published: the previous site, whole
    # and the next build, on this machine, finishes the job
    local = _cli(remote, "build").stdout
    assert "built" in local


@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_clear_error_within_seconds(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    started = time.monotonic()
    done = _cli(project, "build", "--executor", f"dask://127.0.0.1:{_free_port()}", check=False)
    assert done.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:" in done.stderr
    assert "dask scheduler" in done.stderr  # says how to start one
    assert time.monotonic() - started < 30
    assert not (project / "site").exists()
    ingest = _cli(_project(tmp_path / "q", content=False, seeds=True), "ingest", "--executor",
                  f"dask://127.0.0.1:{_free_port()}", check=False)
    assert ingest.returncode == 1 and "cannot reach the Dask scheduler" in ingest.stderr
    assert not (tmp_path / "q" / "content" / "articles").exists() or not any(
        (tmp_path / "q" / "content" / "articles").iterdir())


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(BriefgenError) as caught:
        with open_executor("dask", 1):
            pass
    assert "pip install 'briefgen[dask]'" in str(caught.value)
    with open_executor("local", 1) as local:  # the local path needs nothing
        assert not local.distributed


def test_executor_settings_are_checked(tmp_path: Path) -> None:
    assert parse_executor("local") == ExecutorSpec("local")
    assert parse_executor("dask") == ExecutorSpec("dask")
    assert parse_executor("dask://10.0.0.5:8786") == ExecutorSpec("dask", "tcp://10.0.0.5:8786")
    assert parse_executor("dask://[::1]:8786").address == "tcp://[::1]:8786"
    for bad in ("Dask", "dask://", "dask://host", "dask://host:0", "dask://host:70000",
                "tcp://host:8786", "dask://a b:1"):
        with pytest.raises(ValueError):
            parse_executor(bad)
    (tmp_path / "briefgen.yaml").write_text("title: T\nexecutor: dask:/host:1\n", encoding="utf-8")
    with pytest.raises(BriefgenError) as caught:
        config_mod.load(tmp_path)
    assert caught.value.line == 2 and "dask://HOST:PORT" in str(caught.value)
    (tmp_path / "briefgen.yaml").write_text("executor: dask://127.0.0.1:8786\n", encoding="utf-8")
    cfg = config_mod.load(tmp_path)
    assert cfg.executor == "dask://127.0.0.1:8786"
    # where the work runs is not an input of any page: no page is rebuilt for switching it
    assert repr(cfg) == repr(config_mod.with_overrides(cfg, executor="local"))
    done = _cli(tmp_path, "build", "--executor", "bogus", check=False)
    assert done.returncode == 2 and "executor must be local, dask or dask://HOST:PORT" in done.stderr


@pytest.mark.slow
def test_a_local_cluster_builds_the_same_site(tmp_path: Path) -> None:
    local, remote = _project(tmp_path / "local"), _project(tmp_path / "remote")
    _cli(local, "build")
    _share_editions(local, remote)
    _cli(remote, "build", "--executor", "dask")
    _assert_same(local / "site", remote / "site")
