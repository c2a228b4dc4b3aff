"""Throughput of `esn estimate batch` against stdlib copies of the same files, in alternating runs,
and the batch's peak memory on N and N/10 rows.

    python benchmarks/batch.py [--rows 1000000] [--repeat 3] [--against SRC] [--keep DIR] [--contest csv|jsonl|steps|xlsx]

Three contests, each side run as a subprocess writing to a fresh file, in turns (so that drifts
in the machine's load hit every side alike), medians reported:

- CSV to CSV: `esn estimate batch in.csv -o out.csv` against a csv.reader -> csv.writer copy of
  in.csv (target: at most 6x);
- JSON Lines to JSON Lines: `esn estimate batch in.jsonl -o out.jsonl` against a json.loads ->
  json.dumps copy of in.jsonl (target: at most 3x);
- CSV with `--steps` against the same batch without them (target: at most 3x);
- workbooks (issue 12, no target): CSV to .xlsx, .xlsx to .xlsx and .xlsx to CSV against CSV to
  CSV, each with its rows/s and peak memory (the input workbook is written by xlsxwriter from
  the same rows).

The input is N invalidity rows, shaped like a counsellor's file: a member id, the kind, a base
salary on the civil-service index grid (index 340-1000 x the index point, to the cent), bonuses
in whole euros, an annual pension to the cent, a rate; 1 row in 50 has no rate but a category.
``--against SRC`` also runs another esn (its ``src`` folder, e.g. a checkout of an earlier
version) in the same turns, for figures side by side. Peak memory is the child's maximum
resident set size (os.wait4's rusage). Exits 0 whatever the figures (it measures, it does not
judge: CI runs it with ``--rows 2000 --repeat 1`` so that it cannot rot).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

# As installed by pip, modules run from cached bytecode; PYTHONDONTWRITEBYTECODE (set on some
# machines) would make every batch run recompile esncli from source, which no real user pays
# (as in benchmarks/startup.py). A warm-up run of each side writes the .pyc files first.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

CSV_COPY = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as source, open(sys.argv[2], "w", newline="", encoding="utf-8") as target:
    writer = csv.writer(target, lineterminator="\\n")
    for row in csv.reader(source):
        writer.writerow(row)
"""
JSON_COPY = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8") as target:
    for line in source:
        target.write(json.dumps(json.loads(line)) + "\\n")
"""

INDEX_POINT = Decimal("4.922783")  # monthly value of one index point (5 907,34 EUR a year / 1 200)
HEADER = ["member_id", "kind", "base_salary", "bonuses", "pension", "rate", "category"]


def rows(count: int, seed: int = 4) -> Iterator[list[str]]:
    """The rows, made as they are written (the benchmark holds none of them: a child's peak
    memory, read by wait4, includes what its parent held when it forked)."""
    pick = random.Random(seed)
    for number in range(count):
        salary = (pick.randint(340, 1000) * INDEX_POINT).quantize(Decimal("0.01"))
        pension = f"{pick.randint(2000, 24000)}.{pick.randint(0, 99):02d}"
        if number % 50 == 49:
            rate, category = "", str(pick.randint(1, 3))
        else:
            rate, category = str(pick.randint(10, 100)), ""
        yield [f"M{number:08d}", "invalidity", f"{salary}", str(pick.randint(0, 900)), pension, rate, category]


def write_csv(path: Path, data: Iterable[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(data)


def write_jsonl(path: Path, data: Iterable[list[str]]) -> None:
    """The same rows as JSON objects, amounts as JSON numbers, an absent rate or category null."""
    with path.open("w", encoding="utf-8") as f:
        for member, kind, salary, bonuses, pension, rate, category in data:
            record = {
                "member_id": member,
                "kind": kind,
                "base_salary": float(salary),
                "bonuses": int(bonuses),
                "pension": float(pension),
                "rate": int(rate) if rate else None,
                "category": category or None,
            }
            f.write(json.dumps(record) + "\n")


def write_xlsx(path: Path, data: Iterable[list[str]]) -> None:
    """The same rows as a workbook, typed as a spreadsheet types them (numbers as numbers)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("rows")
    sheet.write_row(0, 0, HEADER)
    for number, row in enumerate(data, start=1):
        member, kind, salary, bonuses, pension, rate, category = row
        sheet.write_row(number, 0, [member, kind, float(salary), int(bonuses), float(pension)])
        if rate:
            sheet.write_number(number, 5, int(rate))
        if category:
            sheet.write_number(number, 6, int(category))
    book.close()


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, str]:
    """Seconds, peak RSS of the child (KiB), exit code, stderr's last line."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or ENV)
    # wait4 gives this child's own rusage (getrusage(RUSAGE_CHILDREN) would mix all children).
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    if process.returncode != 0:
        print(f"{' '.join(cmd[:6])}... exited {process.returncode}: {lines[-1] if lines else ''}", file=sys.stderr)
    return seconds, usage.ru_maxrss, process.returncode, lines[-1] if lines else ""


Side = tuple[str, Callable[[Path], list[str]], dict[str, str] | None]  # name, command writing to a path, environment


def contest(sides: list[Side], folder: Path, repeat: int) -> dict[str, list[float]]:
    """Each side ``repeat`` times, in turns, each run writing to a fresh file (deleting the last
    run's output is the file system's work, not the side's)."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in sides}
    for _name, command, env in sides:  # warm-up: the file cache, and the .pyc files
        run(command(folder / "warm-up.out"), env)
    for _ in range(repeat):
        for name, command, env in sides:
            target = folder / f"{name.replace(' ', '-')}.out"
            target.unlink(missing_ok=True)
            times[name].append(run(command(target), env)[0])
    return times


def report(title: str, times: dict[str, list[float]], base: str, rows_count: int, targets: dict[str, float]) -> None:
    print(f"\n{title}")
    base_times = times[base]
    for name, values in times.items():
        median = statistics.median(values)
        line = f"  {name:34} {rows_count / median:12,.0f} rows/s  median {median:6.2f} s"
        if name != base:
            ratios = [v / b for v, b in zip(values, base_times, strict=True)]
            ratio = statistics.median(ratios)
            target = targets.get(name)
            verdict = "" if target is None else f" ({'within' if ratio <= target else 'ABOVE'} the {target:g}x target)"
            line += f"  {ratio:5.2f}x {base}{verdict}; runs {', '.join(f'{r:.2f}' for r in ratios)}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, default=None, help="the src folder of another esn, run in the same turns")
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep the files")
    parser.add_argument(
        "--contest",
        choices=("csv", "jsonl", "steps", "xlsx"),
        action="append",
        help="run only this contest (repeatable; all four by default)",
    )
    args = parser.parse_args()

    other = None if args.against is None else {**ENV, "PYTHONPATH": str(args.against.resolve())}
    with tempfile.TemporaryDirectory(prefix="esn-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        big_csv, big_jsonl, small_csv = folder / "rows.csv", folder / "rows.jsonl", folder / "rows-tenth.csv"
        write_csv(big_csv, rows(args.rows))
        write_jsonl(big_jsonl, rows(args.rows))
        write_csv(small_csv, rows(max(args.rows // 10, 1)))

        def esn(source: Path, *extra: str) -> Callable[[Path], list[str]]:
            return lambda target: [sys.executable, "-m", "esncli", "estimate", "batch", str(source), "-o", str(target), *extra]

        def csv_target(command: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
            return lambda target: command(target.with_suffix(".csv"))

        def jsonl_target(command: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
            return lambda target: command(target.with_suffix(".jsonl"))

        print(
            f"input: {args.rows:,} invalidity rows ({big_csv.stat().st_size / 2**20:.1f} MiB as CSV); {args.repeat} runs of each side, in turns"
        )
        csv_sides: list[Side] = [
            ("stdlib csv copy", lambda t: [sys.executable, "-c", CSV_COPY, str(big_csv), str(t)], None),
            ("esn estimate batch", csv_target(esn(big_csv)), None),
        ]
        json_sides: list[Side] = [
            ("stdlib json copy", lambda t: [sys.executable, "-c", JSON_COPY, str(big_jsonl), str(t)], None),
            ("esn estimate batch", jsonl_target(esn(big_jsonl)), None),
        ]
        steps_sides: list[Side] = [
            ("esn estimate batch", csv_target(esn(big_csv)), None),
            ("esn estimate batch --steps", csv_target(esn(big_csv, "--steps")), None),
        ]
        if other is not None:
            csv_sides.append(("esn estimate batch (--against)", csv_target(esn(big_csv)), other))
            json_sides.append(("esn estimate batch (--against)", jsonl_target(esn(big_jsonl)), other))
            steps_sides.append(("esn estimate batch --steps (--against)", csv_target(esn(big_csv, "--steps")), other))
        wanted = set(args.contest or ("csv", "jsonl", "steps", "xlsx"))
        if "csv" in wanted:
            report("CSV to CSV", contest(csv_sides, folder, args.repeat), "stdlib csv copy", args.rows, {"esn estimate batch": 6.0})
        if "jsonl" in wanted:
            json_times = contest(json_sides, folder, args.repeat)
            report("JSON Lines to JSON Lines", json_times, "stdlib json copy", args.rows, {"esn estimate batch": 3.0})
        if "steps" in wanted:
            steps_times = contest(steps_sides, folder, args.repeat)
            report("CSV, with --steps", steps_times, "esn estimate batch", args.rows, {"esn estimate batch --steps": 3.0})
        if "xlsx" in wanted:
            xlsx_contest(folder, big_csv, esn, args.rows, args.repeat)
        _, peak, _, _ = run(esn(big_csv)(folder / "peak.csv"))
        _, small_peak, _, _ = run(esn(small_csv)(folder / "peak-tenth.csv"))
        print(
            f"\npeak RSS of the batch: {peak / 1024:.1f} MiB on {args.rows:,} rows, {small_peak / 1024:.1f} MiB on "
            f"{max(args.rows // 10, 1):,} rows (difference {(peak - small_peak) / 1024:+.1f} MiB)"
        )


def xlsx_contest(folder: Path, big_csv: Path, esn: Callable[..., Callable[[Path], list[str]]], count: int, repeat: int) -> None:
    """CSV to CSV against the workbook sides, in turns; then each side's peak RSS."""
    big_xlsx = folder / "rows.xlsx"
    write_xlsx(big_xlsx, rows(count))
    print(f"\nworkbook input: {big_xlsx.stat().st_size / 2**20:.1f} MiB as .xlsx")

    def to(suffix: str, command: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
        return lambda target: command(target.with_suffix(suffix))

    sides: list[Side] = [
        ("csv -> csv", to(".csv", esn(big_csv)), None),
        ("csv -> xlsx", to(".xlsx", esn(big_csv)), None),
        ("xlsx -> xlsx", to(".xlsx", esn(big_xlsx)), None),
        ("xlsx -> csv", to(".csv", esn(big_xlsx)), None),
    ]
    report("Workbooks (esn estimate batch)", contest(sides, folder, repeat), "csv -> csv", count, {})
    for name, command, env in sides:
        _, peak, _, _ = run(command(folder / f"peak-{name.replace(' ', '')}"), env)
        print(f"  {name:34} peak RSS {peak / 1024:6.1f} MiB")


if __name__ == "__main__":
    main()
