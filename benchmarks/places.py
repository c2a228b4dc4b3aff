"""Time of a zone lookup that misses the index (the typo and suggestion paths of
``esncli.countries.resolve``), in process: reported, not judged (it was a timed unit test, which
a loaded machine made fail; CI runs this instead).

    python benchmarks/places.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

from esncli import catalog
from esncli.countries import resolve

QUERIES = [
    "Germny",
    "Omam",
    "Bosnie Herzegovne",
    "Papua New Guine",
    "Saint Martn",
    "Xyzzyland",
    "Chypre du Nord",
    "Territoires du Royaume Uni aux Antile",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    zones = catalog.load("zones")
    resolve(QUERIES[0], zones)  # the folded index, built once per run
    print(f"{'query':40s} | median ms | how")
    for query in QUERIES:
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            found = resolve(query, zones)
            timings.append(time.perf_counter() - start)
        print(f"{query:40s} | {1000 * statistics.median(timings):9.2f} | {found.how}")


if __name__ == "__main__":
    main()
