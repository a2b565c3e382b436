#!/usr/bin/env python3
"""bench/testpki: kr-testpki against python3-cryptography (in process) and an openssl CLI loop, in
one run on one machine (README.md beside this file). Prints wall times, ratios, the cores used and
peak RSS. Not a test: it never fails on a slow result.

Usage: run.py [--build DIR] [--leaves 10000] [--rsa 1000] [--memory 100000] [--openssl 200]"""
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
# The peer is Debian's python3-cryptography (the and README's), so the interpreter is
# Debian's: a `python3` found first on PATH (pyenv, a venv) may carry a pip wheel with another
# OpenSSL, which would measure a different library. Its version is printed with the results.
parser.add_argument("--python", default="/usr/bin/python3")
args = parser.parse_args()
testpki = os.path.join(args.build, "tools", "kr-testpki")
work = tempfile.mkdtemp(prefix="kr-bench-testpki-")


cpu = {}


def run(cmd):
    """Wall seconds and peak RSS in MiB of the child (wait4); its CPU seconds (user + system, its
    own children included) go to cpu[wall], for the CPU-time ratios printed beside the wall ones."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit(f"failed ({status}): {' '.join(cmd)}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu[wall] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, usage.ru_maxrss / 1024


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


def kr(count, key, name):
    out = os.path.join(work, name)
    result = run([testpki, "generate", spec(count, key), "--out", out])
    shutil.rmtree(out)
    return result


def py(count, kind, name):
    out = os.path.join(work, name)
    result = run([args.python, os.path.join(here, "py_leaves.py"), out, str(count), kind])
    shutil.rmtree(out)
    return result


def line(what, wall, rss, count, cpu_seconds):
    print(f"  {what:<44} {wall:8.2f} s wall {cpu_seconds:8.2f} s CPU  {count / wall:7.0f} leaves/s"
          f"  peak RSS {rss:6.1f} MiB")


print(f"bench/testpki: {os.cpu_count()} cores (kr-testpki uses one worker per core); load average "
      f"{os.getloadavg()[0]:.1f} at start")
peer = subprocess.run([args.python, "-c", "import cryptography; "
                       "from cryptography.hazmat.backends.openssl import backend; "
                       "print(cryptography.__version__, cryptography.__file__, backend.openssl_version_text())"],
                      capture_output=True, text=True, check=True).stdout.split(" ", 2)
print(f"peer: {args.python}, cryptography {peer[0]} ({peer[1]}) on {peer[2].strip()}")
openssl_cli = subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True).stdout.strip()
print(f"openssl CLI: {openssl_cli}")
n = args.leaves
print(f"\n{n} P-256 leaves under one intermediate, PEM certificate and key files:")
kr_wall, kr_rss = kr(n, "P-256", "kr-p256")
kr_cpu = cpu[kr_wall]
line("kr-testpki", kr_wall, kr_rss, n, kr_cpu)
py_wall, py_rss = py(n, "p256", "py-p256")
py_cpu = cpu[py_wall]
line("python3-cryptography (one process)", py_wall, py_rss, n, py_cpu)
o = args.openssl
os_wall, _ = run(["bash", os.path.join(here, "openssl_leaves.sh"), os.path.join(work, "openssl"), str(o)])
os_cpu = cpu[os_wall] * n / o
os_scaled = os_wall * n / o
line(f"openssl CLI loop ({o} timed, scaled to {n})", os_scaled, 0, n, os_cpu)
print(f"  ratios, wall: {py_wall / kr_wall:.1f}x python3-cryptography (target 3x), "
      f"{os_scaled / kr_wall:.0f}x the openssl CLI loop (target 100x)")
print(f"  ratios, CPU:  {py_cpu / kr_cpu:.1f}x python3-cryptography, {os_cpu / kr_cpu:.0f}x the openssl CLI loop")

r = args.rsa
print(f"\n{r} RSA-2048 leaves:")
kr_rsa, kr_rsa_rss = kr(r, "RSA-2048", "kr-rsa")
line("kr-testpki", kr_rsa, kr_rsa_rss, r, cpu[kr_rsa])
py_rsa, py_rsa_rss = py(r, "rsa2048", "py-rsa")
line("python3-cryptography (one process)", py_rsa, py_rsa_rss, r, cpu[py_rsa])
print(f"  ratio, wall: {py_rsa / kr_rsa:.1f}x python3-cryptography (target 1.5x); "
      f"CPU: {cpu[py_rsa] / cpu[kr_rsa]:.1f}x")

m = args.memory
if m:
    print(f"\n{m} P-256 leaves, kr-testpki alone, for memory:")
    big_wall, big_rss = kr(m, "P-256", "kr-big")
    line("kr-testpki", big_wall, big_rss, m, cpu[big_wall])
    print(f"  peak RSS {kr_rss:.1f} MiB at {n} leaves, {big_rss:.1f} MiB at {m} "
          f"({big_rss / kr_rss:.2f}x; target: flat)")
shutil.rmtree(work)
