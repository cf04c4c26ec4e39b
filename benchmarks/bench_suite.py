"""Test-suite benchmark: what `scripts/test` costs the machine, counted whole, and which work units cost most.

Prints figures, not verdicts (issue 10's target: the suite under 5 minutes on a 2-core machine).

Why a benchmark of its own: `time scripts/test` under-counts. Chromium's renderer and GPU processes are not
waited for by the test process (Chromium's zygote launches them), so their CPU never reaches its rusage:
one test run counted 454 s of user + system CPU where the kernel counted 861 s. This script runs the suite in
a cgroup of its own (cgroup v1 `cpuacct`, which counts every process started inside it, however it was
started) and reads the kernel's figure. With --units, each pytest-xdist worker gets a child cgroup, and each
test's CPU is the worker cgroup's usage across it (Chromium, LibreOffice and pdftotext included); the
figures are summed per test file.

On a shared machine wall time grows with everyone else's load; CPU time much less (contention still adds
some). Needs root and a writable /sys/fs/cgroup/cpuacct (Debian in a container: yes); without it, the
rusage figure alone is printed, marked as an under-count.

Usage (as root):  .venv/bin/python benchmarks/bench_suite.py [--units 25] [-- PYTEST ARGS...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CPUACCT = Path("/sys/fs/cgroup/cpuacct")
PLUGIN_ENV = "STCE_SUITE_CGROUP"  # the plugin's cgroup folder and output folder, set for the pytest processes


def cgroup_usage(group: Path) -> float:
    """CPU seconds every process in `group` (and its children) used."""
    return int((group / "cpuacct.usage").read_text()) / 1e9


# ---- the pytest plugin (loaded in the suite's processes with `-p bench_suite`) -----------------------

class _WorkerCpu:
    """Moves this xdist worker into a child cgroup and notes each test's CPU, its children's included."""

    def __init__(self, group: Path, out: Path, worker: str) -> None:
        self.group, self.out, self.rows = group / worker, out / f"{worker}.json", []
        self.group.mkdir(exist_ok=True)
        (self.group / "cgroup.procs").write_text(str(os.getpid()))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        before = cgroup_usage(self.group)
        yield
        self.rows.append((item.nodeid, cgroup_usage(self.group) - before))

    def pytest_sessionfinish(self) -> None:
        self.out.write_text(json.dumps(self.rows))


def pytest_configure(config) -> None:
    worker = getattr(config, "workerinput", {}).get("workerid")
    setting = os.environ.get(PLUGIN_ENV)
    if worker and setting:
        group, out = setting.split(os.pathsep)
        config.pluginmanager.register(_WorkerCpu(Path(group), Path(out), worker), "stce-suite-cpu")


# ---- the benchmark -------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=0, help="print the N test files that cost most CPU")
    parser.add_argument("pytest_args", nargs="*", help="passed to scripts/test (after --)")
    args = parser.parse_args()

    command = [str(REPO / "scripts/test"), "-q", *args.pytest_args]
    env = dict(os.environ)
    group = CPUACCT / f"stce-suite-{os.getpid()}"
    counted = os.access(CPUACCT, os.W_OK)
    out = Path(tempfile.mkdtemp(prefix="stce-suite-"))
    if counted:
        group.mkdir()
        if args.units:
            env[PLUGIN_ENV] = os.pathsep.join([str(group), str(out)])
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "benchmarks"), env.get("PYTHONPATH")]))
            command += ["-p", "bench_suite"]

    def enter_group() -> None:
        if counted:
            (group / "cgroup.procs").write_text(str(os.getpid()))

    start = time.monotonic()
    status = subprocess.run(command, cwd=REPO, env=env, preexec_fn=enter_group).returncode
    wall = time.monotonic() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"wall time          {wall:8.1f} s   (exit status {status}; grows with the machine's other load)")
    print(f"CPU, rusage        {children.ru_utime + children.ru_stime:8.1f} s   "
          f"(user {children.ru_utime:.1f} + system {children.ru_stime:.1f}: what `time` says; misses Chromium)")
    if not counted:
        print(f"CPU, all processes      n/a   ({CPUACCT} is not writable: run as root for the whole figure)")
        return status
    print(f"CPU, all processes {cgroup_usage(group):8.1f} s   (cgroup cpuacct: Chromium and LibreOffice included)")
    if args.units:
        per_file: Counter[str] = Counter()
        for worker in out.glob("*.json"):
            for nodeid, cpu in json.loads(worker.read_text()):
                per_file[nodeid.split("::")[0]] += cpu
        print(f"\nCPU per test file (the {args.units} that cost most; {sum(per_file.values()):.1f} s in tests):")
        for path, cpu in per_file.most_common(args.units):
            print(f"  {cpu:7.1f} s  {path}")
    for child in [*group.glob("gw*"), group]:
        try:
            child.rmdir()
        except OSError:  # a process left behind still counts in it
            print(f"left in place: {child}")
    return status


if __name__ == "__main__":
    sys.exit(main())
