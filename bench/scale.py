"""Scale benchmark (issue 18): a local build against a Dask LocalCluster on the same cores.

    nice -n 10 python bench/scale.py --n 10000          # default --n 100000
    taskset -c 0,1 python bench/scale.py --n 1000 --keep

At N generated articles (bench/corpus.py, cached in bench/.corpora as
bench/build.py does) it runs two cold builds of the same project through the
CLI: ``briefgen build`` (fork-based, every core) and ``briefgen build
--executor dask`` (a LocalCluster of one single-threaded worker process per
core this process may use: ``taskset`` chooses). Every 50 ms it reads ``/proc`` for each process of the build: PSS
(pages shared by forked children count once) and CPU time. For the Dask run
the client is the briefgen process itself (the LocalCluster's scheduler runs
in it, as a thread) and each worker is one child's process tree (nanny and
worker). It prints wall time, the peaks, CPU seconds, whether the two sites
are byte-identical, the issue's goals with pass/fail, and a projection to one
and ten million articles on W workers from the per-article costs measured here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import build as build_bench  # noqa: E402
import corpus  # noqa: E402
import measure  # noqa: E402

REPO = BENCH.parent
TICK = os.sysconf("SC_CLK_TCK")
GOAL_CLIENT_MB = 1024


@dataclass
class Sampled:
    """Peaks of one build's processes: the client alone, each child's tree, the whole tree."""

    client_pid: int = 0
    seconds: float = 0.0
    returncode: int = 0
    client_mb: float = 0.0
    total_mb: float = 0.0
    children_mb: dict[int, float] = field(default_factory=dict)  # child pid → peak of its tree
    names: dict[int, str] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)  # pid → CPU seconds last seen
    stdout: str = ""
    stderr: str = ""

    def workers(self) -> list[float]:
        """Peaks of the children that are Dask workers (not the resource tracker or Pagefind)."""
        return [mb for pid, mb in self.children_mb.items() if "resource_tracker" not in
                self.names.get(pid, "") and mb > 40]

    def client_cpu(self, client: int) -> float:
        return self.cpu.get(client, 0.0)

    def cpu_total(self) -> float:
        return sum(self.cpu.values())


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return found


def run_sampled(cmd: list[str], interval: float = 0.05) -> Sampled:
    """Run ``cmd``, sampling its process tree until it exits."""
    result = Sampled()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                client = measure._pss_kb(proc.pid) / 1024
                result.client_mb = max(result.client_mb, client)
                total = client
                for child in _children(proc.pid):
                    tree = measure._tree(child)
                    mb = sum(measure._pss_kb(p) for p in tree) / 1024
                    total += mb
                    result.children_mb[child] = max(result.children_mb.get(child, 0.0), mb)
                    result.names.setdefault(child, _cmdline(child))
                    for p in tree:
                        cpu = _cpu_seconds(p)
                        if cpu is not None:
                            result.cpu[p] = max(result.cpu.get(p, 0.0), cpu)
                cpu = _cpu_seconds(proc.pid)
                if cpu is not None:
                    result.cpu[proc.pid] = max(result.cpu.get(proc.pid, 0.0), cpu)
                result.total_mb = max(result.total_mb, total)
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        result.seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        result.returncode = os.waitstatus_to_exitcode(status)
        # the client's own CPU (children are counted from /proc while they lived)
        result.cpu[proc.pid] = max(result.cpu.get(proc.pid, 0.0), usage.ru_utime + usage.ru_stime
                                   - sum(v for p, v in result.cpu.items() if p != proc.pid))
        out.seek(0)
        err.seek(0)
        result.stdout = out.read().decode(errors="replace")[-2000:]
        result.stderr = err.read().decode(errors="replace")[-2000:]
    result.client_pid = proc.pid
    return result


def _differing(a: Path, b: Path) -> tuple[list[str], int]:
    """Files that are in one site only or differ in bytes, and the number of files in ``a``."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    odd = sorted(files_a ^ files_b)
    odd += [rel for rel in sorted(files_a & files_b)
            if (a / rel).read_bytes() != (b / rel).read_bytes()]
    return odd, len(files_a)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100_000, help="articles (default 100000)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--corpora", type=Path, default=BENCH / ".corpora")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/briefgen-scale"))
    p.add_argument("--keep", action="store_true", help="keep the two projects and their sites")
    args = p.parse_args(argv)

    data = corpus.shared_data_dir(REPO)
    src = build_bench.ensure_corpus(args.n, args.seed, data, corpus.load_pools(data, args.seed),
                                    args.corpora)
    work = args.workdir / f"n{args.n}-pid{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    runs: dict[str, Sampled] = {}
    projects: dict[str, Path] = {}
    for name, extra in (("local", []), ("dask", ["--executor", "dask"])):
        project = work / name
        shutil.copytree(src / "briefgen", project)
        (project / "briefgen.yaml").write_text(build_bench.BRIEFGEN_CONFIG, encoding="utf-8")
        if name == "dask":  # the same editions as the local build: its record is content
            editions = projects["local"] / "content" / "editions"
            if editions.is_dir():
                shutil.copytree(editions, project / "content" / "editions")
        projects[name] = project
        cmd = [sys.executable, "-m", "briefgen", "--project", str(project), "build", *extra]
        print(f"[{args.n}] {name}: ", end="", flush=True)
        load = os.getloadavg()[0]
        run = run_sampled(cmd)
        if run.returncode != 0:
            print(f"FAILED ({run.returncode})\n{run.stderr}")
            return 1
        # the machine's load before and after: other work on these cores skews wall times
        print(f"{run.seconds:.1f} s (load average {load:.1f} before, {os.getloadavg()[0]:.1f} "
              "after)", flush=True)
        runs[name] = run
    odd, files = _differing(projects["local"] / "site", projects["dask"] / "site")
    _report(args.n, len(os.sched_getaffinity(0)), runs, not odd, files)
    if odd:
        print(f"\n{len(odd)} files differ between the two sites, e.g. {', '.join(odd[:5])}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _report(n: int, workers: int, runs: dict[str, Sampled], same: bool, files: int) -> None:
    local, dask = runs["local"], runs["dask"]
    local_client, dask_client = local.client_pid, dask.client_pid
    peaks = dask.workers()
    print(f"\n{n} articles, {files} files; sites byte-identical: {'yes' if same else 'NO'}\n")
    print("| build | wall s | client peak MB | worker peaks MB | whole tree peak MB "
          "| client CPU s | workers' CPU s |")
    print("|---|---:|---:|---|---:|---:|---:|")
    local_children = local.cpu_total() - local.client_cpu(local_client)
    print(f"| local (fork, {workers} cores) | {local.seconds:.1f} | {local.client_mb:.0f} | "
          f"{', '.join(f'{mb:.0f}' for mb in local.children_mb.values()) or '-'} (forked) | "
          f"{local.total_mb:.0f} | {local.client_cpu(local_client):.1f} | {local_children:.1f} |")
    dask_workers_cpu = dask.cpu_total() - dask.client_cpu(dask_client)
    print(f"| dask LocalCluster ({workers} workers) | {dask.seconds:.1f} | {dask.client_mb:.0f} | "
          f"{', '.join(f'{mb:.0f}' for mb in peaks)} | {dask.total_mb:.0f} | "
          f"{dask.client_cpu(dask_client):.1f} | {dask_workers_cpu:.1f} |")
    worst_worker = max(peaks, default=0.0)
    print("\nGoals (issue 18):")
    print(f"- client peak ≤ {GOAL_CLIENT_MB} MB: {dask.client_mb:.0f} MB → "
          f"{'pass' if dask.client_mb <= GOAL_CLIENT_MB else 'FAIL'}")
    print(f"- each worker ≤ half the local build's peak ({local.total_mb / 2:.0f} MB): worst "
          f"{worst_worker:.0f} MB → {'pass' if worst_worker <= local.total_mb / 2 else 'FAIL'}")
    ratio = dask.seconds / local.seconds
    print(f"- wall ≤ 1.1× local: {ratio:.2f}× → {'pass' if ratio <= 1.1 else 'FAIL'}")
    client_s = dask.client_cpu(dask_client) / n
    worker_s = dask_workers_cpu / n
    client_mb = dask.client_mb / n
    worker_mb = worst_worker / n
    print(f"\nPer article (dask run): client {client_s * 1000:.2f} ms CPU and "
          f"{client_mb * 1024:.1f} KB; workers {worker_s * 1000:.2f} ms CPU in all, the largest "
          f"worker {worker_mb * 1024:.1f} KB")
    print("\nProjection (linear in articles; the client's CPU is serial, the workers' divides by W;"
          " each worker holds the site index but for the articles' text, which grows with the"
          " corpus too):")
    print("| articles | W workers | wall h | client GB | each worker GB |")
    print("|---:|---:|---:|---:|---:|")
    for articles in (1_000_000, 10_000_000):
        for w in (10, 100):
            hours = (client_s * articles + worker_s * articles / w) / 3600
            print(f"| {articles:,} | {w} | {hours:.1f} | {client_mb * articles / 1024:.0f} | "
                  f"{worker_mb * articles / 1024:.0f} |")


if __name__ == "__main__":
    sys.exit(main())
