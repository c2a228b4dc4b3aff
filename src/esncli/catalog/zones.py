"""Compile data/zones.yaml (the zonier) into places and an index of their names.

A place of the guide is *zoned*; an ISO 3166-1 place the guide does not list is ``drom``,
``group`` or ``not-listed`` (see ``esncli.zonier``, which reads the result). The French and
English names and the aliases are indexed normalised (``countries.normalise``), the ISO codes
case-folded: a name or a code that two places would share is an error of the data, not a
choice made at run time.
"""

from __future__ import annotations

from typing import Any

from esncli.catalog.checks import Checker
from esncli.countries import normalise
from esncli.i18n import _
from esncli.zonier import COLUMNS, NETWORKS, UNLISTED_STATUSES, ZONES

_PLACE_KEYS = ("name_fr", "name_en", "iso2", "iso3", "zone", "column", "network")
_UNLISTED_KEYS = ("name_fr", "name_en", "iso2", "iso3", "status")


def compile_zones(document: dict[str, Any], file: str) -> dict[str, Any]:
    check = Checker(file)
    check.keys(document, _("top level"), ("source", "offers", "not_zoned", "places", "unlisted"), ("within", "ambiguous"))
    source = check.mapping(document["source"], "source")

    offers: dict[str, dict[str, Any]] = {}
    for i, raw in enumerate(check.sequence(document["offers"], "offers")):
        where = f"offers[{i}]"
        offer = check.mapping(raw, where)
        check.keys(offer, where, ("zone", "offer", "cost"))
        zone = check.choice(_zone_text(offer["zone"]), f"{where}.zone", ZONES)
        if zone in offers:
            raise check.fail(
                f"{where}.zone", _("zone {zone} already has an offer ({offer})").format(zone=zone, offer=offers[zone]["offer"])
            )
        offers[zone] = {"offer": check.text(offer["offer"], f"{where}.offer"), "cost": check.bilingual(offer["cost"], f"{where}.cost")}
    missing = [z for z in ZONES if z not in offers]
    if missing:
        raise check.fail("offers", _("no offer for zone {zone}").format(zone=missing[0]))

    not_zoned = check.mapping(document["not_zoned"], "not_zoned")
    check.keys(not_zoned, "not_zoned", ("drom", "not-listed"))
    drom = check.mapping(not_zoned["drom"], "not_zoned.drom")
    check.keys(drom, "not_zoned.drom", ("offer", "note"))
    not_listed = check.mapping(not_zoned["not-listed"], "not_zoned.not-listed")
    check.keys(not_listed, "not_zoned.not-listed", ("note",))
    answers: dict[str, dict[str, Any]] = {
        "drom": {"offer": check.text(drom["offer"], "not_zoned.drom.offer"), "note": check.bilingual(drom["note"], "not_zoned.drom.note")},
        "not-listed": {"note": check.bilingual(not_listed["note"], "not_zoned.not-listed.note")},
    }

    places: list[dict[str, Any]] = []
    origins: list[str] = []  # where each place is written, for error messages
    by_name: dict[str, int] = {}

    def add(place: dict[str, Any], where: str) -> None:
        if place["name_fr"] in by_name:
            raise check.fail(f"{where}.name_fr", _("duplicate name_fr {name!r}").format(name=place["name_fr"]))
        by_name[place["name_fr"]] = len(places)
        places.append(place)
        origins.append(where)

    for i, raw in enumerate(check.sequence(document["places"], "places")):
        entry = check.mapping(raw, f"places[{i}]")
        where = f"places[{i}] ({entry.get('name_fr', '?')})"
        check.keys(entry, where, _PLACE_KEYS, ("aliases", "note"))
        zone = check.choice(_zone_text(entry["zone"]), f"{where}.zone", ZONES)
        add(
            {
                **_names(check, entry, where),
                "status": "zoned",
                "zone": zone,
                "column": check.choice(entry["column"], f"{where}.column", COLUMNS),
                "offer": offers[zone]["offer"],
                "network": check.choice(entry["network"], f"{where}.network", (*NETWORKS, None)),
                "group": None,
                "note": check.bilingual(entry["note"], f"{where}.note") if entry.get("note") is not None else None,
            },
            where,
        )
    listed = len(places)

    for i, raw in enumerate(check.sequence(document["unlisted"], "unlisted")):
        entry = check.mapping(raw, f"unlisted[{i}]")
        where = f"unlisted[{i}] ({entry.get('name_fr', '?')})"
        check.keys(entry, where, _UNLISTED_KEYS, ("aliases", "note", "group", "network"))
        status = check.choice(entry["status"], f"{where}.status", UNLISTED_STATUSES)
        place = {
            **_names(check, entry, where),
            "status": status,
            "zone": None,
            "column": None,
            "offer": None,
            "network": None,
            "group": None,
        }
        note = check.bilingual(entry["note"], f"{where}.note") if entry.get("note") is not None else None
        if status == "group":
            group_name = check.text(entry.get("group"), f"{where}.group")
            group_index = by_name.get(str(group_name))
            if group_index is None or group_index >= listed:
                raise check.fail(f"{where}.group", _("{group!r} is not a place of the zonier").format(group=group_name))
            group = places[group_index]
            place.update({k: group[k] for k in ("zone", "column", "offer", "network")}, group=group["name_fr"])
        elif "group" in entry:
            problem = _("only a place with status 'group' names a group (status is {status!r})").format(status=status)
            raise check.fail(f"{where}.group", problem)
        if "network" in entry:
            # A place the zonier does not name still has its IMA / HCS manager: the guide's rule
            # is about where the member lives (issue 10); the zone and the offer stay unknown.
            if status != "not-listed":
                problem = _("only a place with status 'not-listed' gives its network (status is {status!r})").format(status=status)
                raise check.fail(f"{where}.network", problem)
            place["network"] = check.choice(entry["network"], f"{where}.network", (*NETWORKS, None))
        if status == "drom":
            place["offer"] = answers["drom"]["offer"]
        place["note"] = note if note is not None else (answers["drom"]["note"] if status == "drom" else None)
        add(place, where)

    index: dict[str, list[int]] = {}
    iso: dict[str, int] = {}
    for number, place in enumerate(places):
        where = origins[number]
        for field in ("iso2", "iso3"):
            code = place[field]
            if code is None:
                continue
            if code.casefold() in iso:
                problem = _("ISO code {code} already belongs to {place!r}").format(code=code, place=places[iso[code.casefold()]]["name_fr"])
                raise check.fail(f"{where}.{field}", problem)
            iso[code.casefold()] = number
        for name in (place["name_fr"], place["name_en"], *place["aliases"]):
            key = normalise(name)
            if not key:
                raise check.fail(f"{where}.aliases", _("name or alias {name!r} is empty once normalised").format(name=name))
            owners = index.setdefault(key, [])
            if owners and owners != [number]:
                problem = _("name or alias {name!r} already names {place!r}").format(name=name, place=places[owners[0]]["name_fr"])
                raise check.fail(f"{where}.aliases", problem)
            owners[:] = [number]

    # Cities and regions members name instead of their country (Nairobi, Corse, Tahiti): they
    # resolve to it, and the answer says so (countries.resolve: how "within").
    within: dict[str, int] = {}
    for i, raw in enumerate(check.sequence(document.get("within") or [], "within")):
        where = f"within[{i}]"
        entry = check.mapping(raw, where)
        check.keys(entry, where, ("place", "names"))
        name = str(check.text(entry["place"], f"{where}.place"))
        if name not in by_name:
            raise check.fail(f"{where}.place", _("{name!r} is not a place").format(name=name))
        for part in check.sequence(entry["names"], f"{where}.names"):
            key = normalise(str(check.text(part, f"{where}.names")))
            if not key:
                raise check.fail(f"{where}.names", _("name or alias {name!r} is empty once normalised").format(name=part))
            if within.get(key) == by_name[name]:
                continue  # the same name spelt with accents or without (Tenerife, Ténérife)
            if key in index:
                problem = _("{input!r} already names {place!r}").format(input=part, place=places[index[key][0]]["name_fr"])
                raise check.fail(f"{where}.names", problem)
            index[key] = [by_name[name]]
            within[key] = by_name[name]

    for i, raw in enumerate(check.sequence(document.get("ambiguous") or [], "ambiguous")):
        entry = check.mapping(raw, f"ambiguous[{i}]")
        where = f"ambiguous[{i}]"
        check.keys(entry, where, ("input", "places"), ("overrides_name", "note"))
        key = normalise(str(check.text(entry["input"], f"{where}.input")))
        # A name that is also another place's usual name (the zonier's "Guyane" is Guyana, and
        # French Guiana's French name): asked, as an explicit exception with its reason.
        overrides = entry.get("overrides_name") is True
        if overrides and not isinstance(entry.get("note"), dict):
            raise check.fail(f"{where}.note", _("an input that overrides a name needs a note saying why (en, fr)"))
        if key in index and not overrides:
            problem = _("{input!r} already names {place!r}").format(input=entry["input"], place=places[index[key][0]]["name_fr"])
            raise check.fail(where, problem)
        names = check.sequence(entry["places"], f"{where}.places")
        if len(names) < 2:
            raise check.fail(f"{where}.places", _("an ambiguous input needs at least two places"))
        numbers = []
        for name in names:
            if name not in by_name:
                raise check.fail(f"{where}.places", _("{name!r} is not a place").format(name=name))
            numbers.append(by_name[name])
        index[key] = numbers

    return {"source": source, "offers": offers, "answers": answers, "places": places, "index": index, "iso": iso, "within": within}


def _zone_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _names(check: Checker, entry: dict[str, Any], where: str) -> dict[str, Any]:
    codes = {}
    for key, length in (("iso2", 2), ("iso3", 3)):
        code = entry[key]
        if code is not None and not (
            isinstance(code, str) and len(code) == length and code.isascii() and code.isalpha() and code.isupper()
        ):
            problem = _("expected {length} capital letters or null, got {code!r}").format(length=length, code=code)
            raise check.fail(f"{where}.{key}", problem)
        codes[key] = code
    aliases = check.sequence(entry.get("aliases") or [], f"{where}.aliases")
    return {
        "name_fr": check.text(entry["name_fr"], f"{where}.name_fr"),
        "name_en": check.text(entry["name_en"], f"{where}.name_en"),
        **codes,
        "aliases": [str(check.text(a, f"{where}.aliases")) for a in aliases],
    }
