"""Every ISO 3166-1 country or territory gets an explicit answer (issue 2, section 2).

pycountry is the outside source: each of its 249 entries must resolve, by code and by name, to
exactly one place whose status is zoned, drom, group or not-listed; and the ISO codes written in
data/zones.yaml must be pycountry's.
"""

from __future__ import annotations

import pycountry
import pytest

from esncli import catalog
from esncli.countries import resolve

STATUSES = {"zoned", "drom", "group", "not-listed"}
COUNTRIES = sorted(pycountry.countries, key=lambda c: c.alpha_2)


@pytest.fixture(scope="module")
def zones() -> dict:
    return catalog.load("zones")


def test_pycountry_has_249_codes() -> None:
    assert len(COUNTRIES) == 249


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.alpha_2)
def test_every_iso_country_resolves_to_one_place(zones: dict, country) -> None:
    queries = [country.alpha_2, country.alpha_3, country.alpha_2.lower(), country.alpha_3.lower(), country.name]
    if getattr(country, "common_name", None):
        queries.append(country.common_name)
    found = set()
    for query in queries:
        resolution = resolve(query, zones)
        assert resolution.how == "exact", f"{query!r} -> {resolution.how}"
        found.add(resolution.place)
    assert len(found) == 1, f"{country.alpha_2}: {[zones['places'][i]['name_fr'] for i in found]}"
    place = zones["places"][found.pop()]
    assert place["status"] in STATUSES
    assert (place["iso2"], place["iso3"]) == (country.alpha_2, country.alpha_3)


def test_every_yaml_code_is_pycountrys_and_pairs_up(zones: dict) -> None:
    for place in zones["places"]:
        if place["iso2"] is None:
            assert place["iso3"] is None, place["name_fr"]
            assert place["status"] == "zoned", f"{place['name_fr']}: only guide names (regions, groups) go without a code"
            continue
        country = pycountry.countries.get(alpha_2=place["iso2"])
        assert country is not None, f"{place['name_fr']}: {place['iso2']} is not an ISO 3166-1 code"
        assert country.alpha_3 == place["iso3"], place["name_fr"]


def test_each_iso_code_is_carried_once(zones: dict) -> None:
    codes = [p["iso2"] for p in zones["places"] if p["iso2"]]
    assert len(codes) == len(set(codes)) == 249


def test_places_without_a_code_are_the_guides_regions_and_groups(zones: dict) -> None:
    """Typed from the guide: the names with no ISO 3166-1 entry of their own."""
    without = {p["name_fr"] for p in zones["places"] if p["iso2"] is None}
    assert without == {
        "Açores",
        "Madère",
        "Canaries (Îles)",
        "Hawaï (Îles)",
        "Kosovo",
        "Présides (État des)",
        "Provinces Espagnoles d'Afrique",
        "Secteur Postal-Armées",
        "Territoires néerlandais d'outre-mer",
        "Territoire des Pays-Bas (Antilles néerlandaises)",
        "Terr. des États-Unis d'Amérique en Océanie",
        "Territoires du Royaume-Uni dans l'Atlantique Sud",
        "Territoires du Royaume-Uni aux Antilles",
    }


def test_unlisted_statuses(zones: dict) -> None:
    unlisted = {p["iso2"]: p for p in zones["places"] if p["status"] != "zoned"}
    assert {c for c, p in unlisted.items() if p["status"] == "drom"} == {"GP", "MQ", "GF", "RE", "YT"}
    assert {c: p["group"] for c, p in unlisted.items() if p["status"] == "group"} == {
        "AW": "Territoires néerlandais d'outre-mer",
        "UM": "Terr. des États-Unis d'Amérique en Océanie",
    }
    for code in ("MO", "JE", "GG", "IM", "BL", "MF", "CK", "NU", "VI", "AX", "SJ", "AQ"):
        assert unlisted[code]["status"] == "not-listed", code
        assert unlisted[code]["zone"] is None


def test_short_aliases_never_shadow_another_places_iso_code(zones: dict) -> None:
    """ISO codes are matched before names: a 2-3 letter alias equal to another place's code would
    never be reached."""
    from esncli.countries import normalise

    for number, place in enumerate(zones["places"]):
        for alias in place["aliases"]:
            key = normalise(alias)
            if len(key) <= 3 and key.isalpha() and key in zones["iso"]:
                assert zones["iso"][key] == number, (
                    f"{alias!r} of {place['name_fr']} is {zones['places'][zones['iso'][key]]['name_fr']}'s code"
                )
