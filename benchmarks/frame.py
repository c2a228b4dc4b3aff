"""Throughput of ``api.estimate_frame`` against the CLI batch and ``api.batch_rows`` on the same
invalidity rows, in alternating runs.

    python benchmarks/frame.py [--rows 100000] [--repeat 3]

The rows are ``benchmarks/batch.py``'s (a member id, the kind, a base salary to the cent, bonuses,
a pension, a rate; 1 row in 50 a category instead), held as an analyst's frame holds them:
float64 amounts, int64 bonuses, a float64 rate and category with NaN where there is none.
Sides, each timed from its input in memory (or on disk) to its output, medians reported:

- ``esn estimate batch in.csv -o out.csv`` (a subprocess, start-up included): the CLI batch;
- ``api.batch_rows`` on the same rows as dicts of Python numbers, None where not given (what
  worked before NaN was read as "not given"), consumed into a list;
- ``api.estimate_frame(df, kind="invalidity")``, and with the frame's ``kind`` column instead.

Each is reported in rows per second of wall time and of CPU time (the process's own, the child's
for the CLI: on a machine other work shares, the CPU figures vary less). Targets (issue 14):
estimate_frame at least half the CLI batch's rows/s and 5x batch_rows'.
Exits 0 whatever the figures (CI runs it with ``--rows 2000 --repeat 1`` so that it cannot rot).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import ENV, HEADER, rows, write_csv
from esncli import api


def frame(count: int) -> object:
    import pandas as pd

    data = list(rows(count))
    df = pd.DataFrame(data, columns=HEADER)
    for name in ("base_salary", "pension", "rate", "category"):
        df[name] = pd.to_numeric(df[name].replace("", None), errors="coerce").astype("float64")
    df["bonuses"] = df["bonuses"].astype("int64")
    return df


def records(count: int) -> list[dict[str, object]]:
    found = []
    for member, kind, salary, bonuses, pension, rate, category in rows(count):
        found.append(
            {
                "member_id": member,
                "kind": kind,
                "base_salary": float(salary),
                "bonuses": int(bonuses),
                "pension": float(pension),
                "rate": int(rate) if rate else None,
                "category": int(category) if category else None,
            }
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    df = frame(args.rows)
    dicts = records(args.rows)
    with_kind_column = df
    with tempfile.TemporaryDirectory(prefix="esn-bench-frame-") as scratch:
        folder = Path(scratch)
        source = folder / "rows.csv"
        write_csv(source, rows(args.rows))

        def cli() -> float:
            """The child's CPU seconds (os.wait4's rusage: its own, not every child's)."""
            target = folder / "out.csv"
            target.unlink(missing_ok=True)
            command = [sys.executable, "-m", "esncli", "estimate", "batch", str(source), "-o", str(target)]
            process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _status, usage = os.wait4(process.pid, 0)
            process.returncode = 0
            return usage.ru_utime + usage.ru_stime

        def in_process(work: Callable[[], object]) -> Callable[[], float]:
            def side() -> float:
                start = time.process_time()
                work()
                return time.process_time() - start

            return side

        batch_rows = in_process(lambda: list(api.batch_rows(dicts)))
        estimate_frame = in_process(lambda: api.estimate_frame(df, kind="invalidity"))
        estimate_frame_kind_column = in_process(lambda: api.estimate_frame(with_kind_column))

        sides: list[tuple[str, Callable[[], float]]] = [
            ("esn estimate batch (CSV, subprocess)", cli),
            ("api.batch_rows (dicts)", batch_rows),
            ("api.estimate_frame(kind=...)", estimate_frame),
            ("api.estimate_frame (kind column)", estimate_frame_kind_column),
        ]
        times: dict[str, list[float]] = {name: [] for name, _ in sides}
        cpu: dict[str, list[float]] = {name: [] for name, _ in sides}
        for _name, side in sides:  # warm-up: the file cache, the .pyc files, the data loaded once
            side()
        for _ in range(args.repeat):
            for name, side in sides:
                start = time.perf_counter()
                cpu[name].append(side())
                times[name].append(time.perf_counter() - start)

    print(f"input: {args.rows:,} invalidity rows; {args.repeat} runs of each side, in turns; rows/s of wall time, then of CPU time")
    for title, seconds in (("wall", times), ("CPU", cpu)):
        rate = {name: args.rows / statistics.median(values) for name, values in seconds.items()}
        cli_rate, rows_rate = rate["esn estimate batch (CSV, subprocess)"], rate["api.batch_rows (dicts)"]
        for name, values in seconds.items():
            line = f"  {title:4} {name:38} {rate[name]:10,.0f} rows/s  median {statistics.median(values):6.3f} s"
            if name.startswith("api.estimate_frame"):
                line += (
                    f"  {rate[name] / cli_rate:5.2f}x the CLI batch (target 0.5x), {rate[name] / rows_rate:5.2f}x batch_rows (target 5x)"
                )
            print(line)


if __name__ == "__main__":
    main()
