from __future__ import annotations

from esncli import catalog


def test_committed_snapshot_matches_the_yaml_sources() -> None:
    """The fast path serves esncli/catalog/snapshot.json: it must be what data/*.yaml compile to.
    Regenerate with `python -m esncli.catalog`."""
    expected = catalog.snapshot_text(catalog.build_snapshot())
    assert catalog.SNAPSHOT.read_text(encoding="utf-8") == expected


def test_stale_snapshot_is_never_served(tmp_path, monkeypatch) -> None:
    stale = catalog.build_snapshot()
    stale["zones"]["data"]["places"][0]["zone"] = "3"
    stale["zones"]["crc32"] += 1
    path = tmp_path / "snapshot.jsonl"
    path.write_text(catalog.snapshot_text(stale), encoding="utf-8")
    monkeypatch.setattr(catalog, "SNAPSHOT", path)
    catalog.set_data_dir(None)
    assert catalog.load("zones") == catalog.build_snapshot()["zones"]["data"]
