"""Start-up time of `esn zone lookup Kenya` against `python -c pass`, in alternating runs.

    python benchmarks/startup.py [--runs 30] [--target 8]

Prints the median of each and their ratio; exits 0 whatever the figures (it measures, it does
not judge: CI runs it once with few runs so it cannot rot).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

# As installed by pip, modules run from cached bytecode; PYTHONDONTWRITEBYTECODE (set on some
# machines) would make every run recompile esncli from source, which no real user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--target", type=float, default=8.0, help="ratio to compare against (report only)")
    args = parser.parse_args()

    baseline_cmd = [sys.executable, "-c", "pass"]
    commands = {
        "esn zone lookup Kenya": [sys.executable, "-m", "esncli", "zone", "lookup", "Kenya"],
        "esn zone lookup Kenya --json": [sys.executable, "-m", "esncli", "zone", "lookup", "Kenya", "--json"],
        "esn contact Brazil": [sys.executable, "-m", "esncli", "contact", "Brazil"],
        "esn zone lookup Kenya --lang fr": [sys.executable, "-m", "esncli", "zone", "lookup", "Kenya", "--lang", "fr"],
    }
    for cmd in [baseline_cmd, *commands.values()]:  # warm the file cache and .pyc files
        timed(cmd)
    samples: dict[str, list[float]] = {"python -c pass": [], **{name: [] for name in commands}}
    for _ in range(args.runs):  # alternate, so drifts in machine load hit both sides alike
        samples["python -c pass"].append(timed(baseline_cmd))
        for name, cmd in commands.items():
            samples[name].append(timed(cmd))
    base = statistics.median(samples["python -c pass"])
    print(f"{'command':32} {'median ms':>10} {'ratio':>7}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:32} {median * 1000:10.1f} {median / base:7.2f}x")
    ratio = statistics.median(samples["esn zone lookup Kenya"]) / base
    verdict = "within" if ratio <= args.target else "ABOVE"
    print(f"esn zone lookup Kenya: {ratio:.2f}x python -c pass ({verdict} the {args.target:g}x target), {args.runs} alternating runs")


if __name__ == "__main__":
    main()
