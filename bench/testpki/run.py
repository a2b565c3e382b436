#!/usr/bin/env python3
"""bench/testpki: kr-testpki against python3-cryptography (in process) and an openssl CLI loop, in
one run on one machine (README.md beside this file). Prints wall and CPU times, ratios, the cores
used and peak RSS. Not a test: it never fails on a slow result.

Usage: run.py [--build DIR] [--leaves 10000] [--rsa 1000] [--memory 100000] [--openssl 200]
              [--rounds 3] [--python /usr/bin/python3]"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--build", default=os.path.join(here, "..", "..", "build"))
parser.add_argument("--leaves", type=int, default=10000)
parser.add_argument("--rsa", type=int, default=1000)
parser.add_argument("--memory", type=int, default=100000)
parser.add_argument("--openssl", type=int, default=200)
# P-256 runs alternate kr-testpki and python this many times and the medians are compared, so one
# disturbed run does not decide the ratio. The RSA runs (minutes for python) run once.
parser.add_argument("--rounds", type=int, default=3)
# Where the files go. The P-256 comparison runs in each directory: on tmpfs it compares the two
# programs, on a disk file system it includes the kernel's cost of creating 20,000 files, which is
# the same work for both, varies with the disk's other traffic (writeback, other processes), and
# can be most of the time. RSA and the memory run use the first directory.
parser.add_argument("--dirs", default="/dev/shm,/tmp")
# The peer is Debian's python3-cryptography (the and README's), so the interpreter is
# Debian's: a `python3` found first on PATH (pyenv, a venv) may carry a pip wheel with another
# OpenSSL, which would measure a different library. Its version is printed with the results.
parser.add_argument("--python", default="/usr/bin/python3")
args = parser.parse_args()
testpki = os.path.join(args.build, "tools", "kr-testpki")
# Every run writes into a new directory under `work`, and nothing is deleted until the end: ext4
# skips inodes freed in the last minute when it allocates new ones (recently_deleted() in its inode
# allocator), so a run that starts just after 20,000 files were deleted spends seconds of kernel
# time stepping over them (measured here: 3.0 s against 1.05 s for 20,000 files). Deleting between
# runs would charge each tool for the one before it.
dirs = [d for d in args.dirs.split(",") if os.path.isdir(d)]
work = None
runs = 0


def run(cmd):
    """Wall seconds, CPU seconds (user + system, from wait4) and peak RSS in MiB of the child."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit(f"failed ({status}): {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def new_dir(name):
    global runs
    runs += 1
    return os.path.join(work, f"{runs:02d}-{name}")


def spec(count, key):
    path = os.path.join(work, f"spec-{count}-{key}.yaml")
    with open(path, "w") as f:
        f.write(f"""keyrite-testpki: 1
nodes:
  - {{name: root, kind: root, key: P-384}}
  - {{name: inter, kind: intermediate, issuer: root}}
  - name: leaf-{{n}}
    kind: leaf
    issuer: inter
    key: {key}
    count: {count}
    subject: {{CN: "leaf-{{n}}.example.test"}}
    outputs: [crt, key]
""")
    return path


def kr(count, key):
    return run([testpki, "generate", spec(count, key), "--out", new_dir("kr")])


def py(count, kind):
    return run([args.python, os.path.join(here, "py_leaves.py"), new_dir("py"), str(count), kind])


def median(results):
    """The median wall, the CPU and peak RSS of that same run."""
    return sorted(results)[len(results) // 2]


def line(what, result, count):
    wall, cpu_seconds, rss = result
    rss_text = f"peak RSS {rss:6.1f} MiB" if rss else ""
    print(f"  {what:<44} {wall:8.2f} s wall {cpu_seconds:8.2f} s CPU  {count / wall:7.0f} leaves/s"
          f"  {rss_text}")


print(f"bench/testpki: {os.cpu_count()} cores (kr-testpki uses one worker per core and one thread "
      f"that creates the files); load average {os.getloadavg()[0]:.1f} at start")
peer = subprocess.run([args.python, "-c", "import cryptography; "
                       "from cryptography.hazmat.backends.openssl import backend; "
                       "print(cryptography.__version__, cryptography.__file__, backend.openssl_version_text())"],
                      capture_output=True, text=True, check=True).stdout.split(" ", 2)
print(f"peer: {args.python}, cryptography {peer[0]} ({peer[1]}) on {peer[2].strip()}")
openssl_cli = subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True).stdout.strip()
print(f"openssl CLI: {openssl_cli}")

def filesystem(path):
    kind = subprocess.run(["stat", "-f", "-c", "%T", path], capture_output=True, text=True).stdout
    return kind.strip() or "?"


n = args.leaves
o = args.openssl
first = None
for d in dirs:
    work = tempfile.mkdtemp(prefix="kr-bench-testpki-", dir=d)
    print(f"\n{n} P-256 leaves under one intermediate, PEM certificate and key files, in {d} "
          f"({filesystem(d)}; median of {args.rounds} alternating rounds):")
    kr_runs, py_runs = [], []
    for _ in range(args.rounds):
        kr_runs.append(kr(n, "P-256"))
        py_runs.append(py(n, "p256"))
    print("  each round, wall: kr-testpki " + ", ".join(f"{r[0]:.2f}" for r in kr_runs) +
          " s; python " + ", ".join(f"{r[0]:.2f}" for r in py_runs) + " s")
    kr_p256, py_p256 = median(kr_runs), median(py_runs)
    line("kr-testpki", kr_p256, n)
    line("python3-cryptography (one process)", py_p256, n)
    os_wall, os_cpu, _ = run(["bash", os.path.join(here, "openssl_leaves.sh"), new_dir("openssl"),
                              str(o)])
    os_scaled = (os_wall * n / o, os_cpu * n / o, 0)
    line(f"openssl CLI loop ({o} timed, scaled to {n})", os_scaled, n)
    print(f"  ratios, wall: {py_p256[0] / kr_p256[0]:.1f}x python3-cryptography (target 3x), "
          f"{os_scaled[0] / kr_p256[0]:.0f}x the openssl CLI loop (target 100x)")
    print(f"  ratios, CPU:  {py_p256[1] / kr_p256[1]:.1f}x python3-cryptography, "
          f"{os_scaled[1] / kr_p256[1]:.0f}x the openssl CLI loop")
    if first is None:
        first = (work, kr_p256)
    else:
        shutil.rmtree(work)
work, kr_p256 = first

r = args.rsa
if r:
    print(f"\n{r} RSA-2048 leaves, in {dirs[0]}:")
    kr_rsa = kr(r, "RSA-2048")
    line("kr-testpki", kr_rsa, r)
    py_rsa = py(r, "rsa2048")
    line("python3-cryptography (one process)", py_rsa, r)
    print(f"  ratio, wall: {py_rsa[0] / kr_rsa[0]:.1f}x python3-cryptography (target 1.5x); "
          f"CPU: {py_rsa[1] / kr_rsa[1]:.1f}x")

m = args.memory
if m:
    print(f"\n{m} P-256 leaves, kr-testpki alone, for memory, in {dirs[0]}:")
    big = kr(m, "P-256")
    line("kr-testpki", big, m)
    print(f"  peak RSS {kr_p256[2]:.1f} MiB at {n} leaves, {big[2]:.1f} MiB at {m} "
          f"({big[2] / kr_p256[2]:.2f}x; target: flat)")
shutil.rmtree(work)
