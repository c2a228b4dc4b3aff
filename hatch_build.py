"""The wheel's compiled data snapshot, built from data/*.yaml when the wheel is built.

``src/esncli/catalog/snapshot.jsonl`` (``python -m esncli.catalog``) serves a checkout and an
editable install, and ``tests/test_catalog.py`` keeps it current; a wheel never takes it as it
is: this hook compiles the YAML being packaged with esncli's own compilers (in a child process,
so that nothing of esncli stays imported in the build) and ships that instead. A stale or edited
snapshot in the source tree cannot reach a user.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SNAPSHOT = "esncli/catalog/snapshot.jsonl"
COMPILE = "import sys; from pathlib import Path; from esncli import catalog; sys.stdout.write(catalog.snapshot_text(catalog.build_snapshot(Path(sys.argv[1]))))"


class SnapshotHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install runs the source tree, snapshot included
        root = Path(self.root)
        env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONIOENCODING": "utf-8"}
        env.pop("ESN_DATA_DIR", None)
        compiled = subprocess.run(
            [sys.executable, "-c", COMPILE, str(root / "data")], env=env, capture_output=True, check=False, timeout=300
        )
        if compiled.returncode != 0:
            raise RuntimeError(f"cannot compile data/*.yaml into the snapshot: {compiled.stderr.decode('utf-8', 'replace')}")
        self.scratch = tempfile.mkdtemp(prefix="esncli-snapshot-")
        path = Path(self.scratch) / "snapshot.jsonl"
        path.write_bytes(compiled.stdout)
        build_data["force_include"][str(path)] = SNAPSHOT

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "scratch", None)
        if scratch is not None:
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)
