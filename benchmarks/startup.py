"""Start-up time of esn's commands against `python -c pass`, in alternating runs.

    python benchmarks/startup.py [--runs 30] [--target 8] [--python OTHER_VENV/bin/python ...]

The commands: `esn zone lookup Kenya` (plain, --json, --lang fr), `esn contact Brazil` and
`esn estimate invalidity --base-salary 2140 --bonuses 600 --pension 8123 --rate 37 --json`, each
run as `python -m esncli ...`. Prints the median of each and its ratio to `python -c pass` run
by the same interpreter; with --python, the same commands are also run by that interpreter
(another venv with esncli installed, e.g. one with another typer) in the same alternating rounds,
and reported side by side. Exits 0 whatever the figures (it measures, it does not judge: CI runs
it once with few runs so it cannot rot).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# As installed by pip, modules run from cached bytecode; PYTHONDONTWRITEBYTECODE (set on some
# machines) would make every run recompile esncli from source, which no real user pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

BASELINE = "python -c pass"
HEADLINE = "esn zone lookup Kenya"
COMMANDS = {
    HEADLINE: ["zone", "lookup", "Kenya"],
    "esn zone lookup Kenya --json": ["zone", "lookup", "Kenya", "--json"],
    "esn zone lookup Kenya --lang fr": ["zone", "lookup", "Kenya", "--lang", "fr"],
    "esn contact Brazil": ["contact", "Brazil"],
    "esn estimate invalidity ... --json": [
        "estimate",
        "invalidity",
        *("--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "37"),
        "--json",
    ],
}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def describe(python: str) -> str:
    """``python``'s typer version (the dependency whose start-up cost differs most between releases)."""
    probe = "import importlib.metadata as m, esncli; print('typer ' + m.version('typer'))"
    try:
        found = subprocess.run([python, "-c", probe], capture_output=True, text=True, env=ENV, check=False)
    except OSError as error:
        sys.exit(f"startup.py: cannot run {python}: {error.strerror}")
    if found.returncode != 0:
        sys.exit(f"startup.py: {python} cannot import esncli and typer:\n{found.stderr.strip()}")
    return found.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--target", type=float, default=8.0, help="ratio to compare against (report only)")
    parser.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="PATH",
        help="also measure this interpreter (another venv with esncli installed); may be repeated",
    )
    args = parser.parse_args()

    # Not resolved: a venv's bin/python is a symlink to the base interpreter, which would lose the venv.
    pythons = list(dict.fromkeys([sys.executable, *(str(Path(p).absolute()) for p in args.python)]))
    # A column per interpreter, lettered: two venvs may hold the same typer.
    labels = {python: f"{chr(ord('A') + i)}: {describe(python)}" for i, python in enumerate(pythons)}
    runs: dict[tuple[str, str], list[str]] = {}
    for python in pythons:
        runs[python, BASELINE] = [python, "-c", "pass"]
        for name, arguments in COMMANDS.items():
            runs[python, name] = [python, "-m", "esncli", *arguments]

    for cmd in runs.values():  # warm the file cache and .pyc files
        timed(cmd)
    samples: dict[tuple[str, str], list[float]] = {key: [] for key in runs}
    for _ in range(args.runs):  # alternate, so drifts in machine load hit every side alike
        for key, cmd in runs.items():
            samples[key].append(timed(cmd))

    medians = {key: statistics.median(values) for key, values in samples.items()}
    width = max(len(name) for name in [BASELINE, *COMMANDS])
    for python in pythons:
        print(f"{labels[python]:18} {python}")
    print(f"{'command':{width}}" + "".join(f" | {labels[python]:>18}" for python in pythons))
    print(f"{'':{width}}" + " | median ms    ratio" * len(pythons))
    for name in [BASELINE, *COMMANDS]:
        cells = "".join(
            f" | {medians[python, name] * 1000:9.1f} {medians[python, name] / medians[python, BASELINE]:7.2f}x" for python in pythons
        )
        print(f"{name:{width}}{cells}")
    for python in pythons:
        ratio = medians[python, HEADLINE] / medians[python, BASELINE]
        verdict = "within" if ratio <= args.target else "ABOVE"
        print(
            f"{HEADLINE} [{labels[python]}]: {ratio:.2f}x {BASELINE} ({verdict} the {args.target:g}x target), {args.runs} alternating runs"
        )


if __name__ == "__main__":
    main()
