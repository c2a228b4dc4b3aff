"""Throughput of `esn estimate batch` against a plain stdlib csv.reader -> csv.writer copy of the
same file, in alternating runs, and the batch's peak memory on N and N/10 rows.

    python benchmarks/batch.py [--rows 1000000] [--repeat 3] [--target 4] [--keep DIR]

The input is N invalidity rows, shaped like a counsellor's file: a member id, the kind, a base
salary on the civil-service index grid (index 340-1000 x the index point, to the cent), bonuses
in whole euros, an annual pension to the cent, a rate; 1 row in 50 has no rate but a category.
Both sides run as subprocesses (`sys.executable -m esncli ...` and `sys.executable -c <copy>`)
writing to a file. Peak memory is the child's maximum resident set size (os.wait4's rusage). Prints
rows/s of each, the median ratio and the peaks; exits 0 whatever the figures (it measures, it
does not judge: CI runs it with `--rows 2000 --repeat 1` so that it cannot rot).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

# As installed by pip, modules run from cached bytecode; PYTHONDONTWRITEBYTECODE (set on some
# machines) would make every batch run recompile esncli from source, which no real user pays
# (as in benchmarks/startup.py). A warm-up run of each side writes the .pyc files first.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

COPY = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as source, open(sys.argv[2], "w", newline="", encoding="utf-8") as target:
    writer = csv.writer(target, lineterminator="\\n")
    for row in csv.reader(source):
        writer.writerow(row)
"""

INDEX_POINT = Decimal("4.922783")  # monthly value of one index point (5 907,34 EUR a year / 1 200)


def generate(path: Path, rows: int, seed: int = 4) -> None:
    pick = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["member_id", "kind", "base_salary", "bonuses", "pension", "rate", "category"])
        for number in range(rows):
            salary = (pick.randint(340, 1000) * INDEX_POINT).quantize(Decimal("0.01"))
            pension = f"{pick.randint(2000, 24000)}.{pick.randint(0, 99):02d}"
            if number % 50 == 49:
                rate, category = "", str(pick.randint(1, 3))
            else:
                rate, category = str(pick.randint(10, 100)), ""
            writer.writerow([f"M{number:08d}", "invalidity", f"{salary}", str(pick.randint(0, 900)), pension, rate, category])


def run(cmd: list[str]) -> tuple[float, int, int, str]:
    """Seconds, peak RSS of the child (KiB), exit code, stderr's last line."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    # wait4 gives this child's own rusage (getrusage(RUSAGE_CHILDREN) would mix all children).
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return seconds, usage.ru_maxrss, process.returncode, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--target", type=float, default=4.0, help="ratio to compare against (report only)")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs to the batch (default: not given)")
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep the files")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="esn-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        small_rows = max(args.rows // 10, 1)
        big, small = folder / "rows.csv", folder / "rows-tenth.csv"
        generate(big, args.rows)
        generate(small, small_rows)
        size = big.stat().st_size

        def batch_cmd(source: Path, target: Path) -> list[str]:
            cmd = [sys.executable, "-m", "esncli", "estimate", "batch", str(source), "-o", str(target)]
            return cmd + (["--jobs", str(args.jobs)] if args.jobs else [])

        copy_cmd = [sys.executable, "-c", COPY, str(big), str(folder / "copy.csv")]
        run(copy_cmd)  # warm-up: the file cache, and esncli's .pyc files
        run(batch_cmd(small, folder / "out-tenth.csv"))
        batch_times, copy_times, peaks = [], [], []
        summary = ""
        for _ in range(args.repeat):  # alternate, so drifts in machine load hit both sides alike
            # Both sides write to a fresh path: deleting the previous run's output (400 MB for the
            # batch, 45 MB for the copy) is the file system's work, not theirs.
            (folder / "copy.csv").unlink(missing_ok=True)
            (folder / "out.csv").unlink(missing_ok=True)
            seconds, _, code, _ = run(copy_cmd)
            copy_times.append(seconds)
            seconds, peak, code, summary = run(batch_cmd(big, folder / "out.csv"))
            if code != 0:
                print(f"esn estimate batch exited {code}: {summary}", file=sys.stderr)
            batch_times.append(seconds)
            peaks.append(peak)
        _, small_peak, _, _ = run(batch_cmd(small, folder / "out-tenth.csv"))

    copy_median, batch_median = statistics.median(copy_times), statistics.median(batch_times)
    ratios = [b / c for b, c in zip(batch_times, copy_times, strict=True)]
    ratio = statistics.median(ratios)
    peak = max(peaks)
    verdict = "within" if ratio <= args.target else "ABOVE"
    print(
        f"input: {args.rows:,} invalidity rows, {size / 2**20:.1f} MiB; {args.repeat} alternating runs"
        + (f"; --jobs {args.jobs}" if args.jobs else "")
    )
    print(f"stdlib csv copy      {args.rows / copy_median:12,.0f} rows/s  (median {copy_median:.2f} s)")
    print(f"esn estimate batch   {args.rows / batch_median:12,.0f} rows/s  (median {batch_median:.2f} s)")
    print(f"ratio batch / copy   {ratio:12.2f}x  ({verdict} the {args.target:g}x target; runs: {', '.join(f'{r:.2f}' for r in ratios)})")
    print(
        f"peak RSS of the batch: {peak / 1024:.1f} MiB on {args.rows:,} rows, {small_peak / 1024:.1f} MiB on {small_rows:,} rows (difference {(peak - small_peak) / 1024:+.1f} MiB)"
    )
    print(f"batch summary: {summary}")


if __name__ == "__main__":
    main()
