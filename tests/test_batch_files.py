"""Where `esn estimate batch` writes (issue 11): the temporary file beside OUTPUT and its modes, a
rename that fails, outputs that are not regular files (written through, never replaced), names
near the file-name limit, symbolic links."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esncli.cli import app

ROWS = "member,kind,country\nm1,zone,Kenya\nm2,zone,Peru\n"


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["estimate", "batch", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(ROWS)
    return path


def test_a_new_output_takes_the_umask_mode(tmp_path: Path, source: Path) -> None:
    old = os.umask(0o027)
    try:
        code, _ = batch(str(source), "-o", str(tmp_path / "out.csv"))
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o640


def test_a_replaced_output_keeps_its_mode(tmp_path: Path, source: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o604)
    code, _ = batch(str(source), "-o", str(target))
    assert code == 0 and target.read_text().startswith("member,kind,country,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_a_failed_rename_removes_the_temporary_file(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "replace", refuse)
    code, output = batch(str(source), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and "cannot write" in output and "Operation not permitted" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_name_near_the_file_name_limit_is_written(tmp_path: Path, source: Path) -> None:
    name = "m" * (os.pathconf(tmp_path, "PC_NAME_MAX") - 4) + ".csv"  # the longest name the folder takes
    code, output = batch(str(source), "-o", str(tmp_path / name))
    assert code == 0, output
    assert (tmp_path / name).read_text().startswith("member,")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.csv", name])


def test_a_symbolic_link_keeps_pointing_at_the_new_output(tmp_path: Path, source: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, _ = batch(str(source), "-o", str(link))
    assert code == 0 and link.is_symlink() and real.read_text().startswith("member,")


def test_dev_null_is_written_through_not_replaced(source: Path) -> None:
    before = os.stat("/dev/null")
    code, _ = batch(str(source), "-o", "/dev/null")
    after = os.stat("/dev/null")
    assert code == 0
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev
    assert not [name for name in os.listdir("/dev") if name.startswith(".null.")]


def test_a_fifo_is_written_through(tmp_path: Path, source: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = subprocess.run(
        [sys.executable, "-m", "esncli", "estimate", "batch", str(source), "-o", str(fifo)], capture_output=True, text=True, timeout=60
    )
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert received and received[0].startswith(b"member,kind,country,")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_dev_stdout_is_written_through_to_a_redirected_file(tmp_path: Path, source: Path) -> None:
    """`-o /dev/stdout` with stdout redirected to a file: the rows go to that file, and /dev is
    left as it was (no temporary file there, no link replaced)."""
    redirected = tmp_path / "redirected.csv"
    with redirected.open("w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "esncli", "estimate", "batch", str(source), "-o", "/dev/stdout"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert redirected.read_text().startswith("member,kind,country,")
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout", follow_symlinks=False).st_mode)
