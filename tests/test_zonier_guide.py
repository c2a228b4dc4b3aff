"""The zonier against the guide itself, not against the YAML.

Expectations here are typed from the member guide (page "Zonier géographique" and the IMA / HCS
routing rule of "Comment bénéficier de mes garanties Santé à l'étranger et dans les COM ?"),
independently of data/zones.yaml: a loop over the YAML alone would pass whatever it holds.
"""

from __future__ import annotations

import re

import pytest

from esncli import catalog, zonier
from esncli.countries import resolve

A = "americas"
E = "europe-africa-asia-oceania"

# The zonier page as printed (line breaks kept, "-" at a line end joins the next line).
GUIDE_TEXT = {
    (A, "1"): """Guyane, Haïti, Groenland, Honduras,
Kiribati, Suriname, Trinité-et-Tobago""",
    (A, "2"): """Anguilla, Antigua-et-Barbuda, Cuba,
République dominicaine, El Salvador,
Géorgie du Sud et les îles Sandwich
du sud, Grenade, Jamaïque,
Nicaragua,  Panama, îles Pitcairn,
Sainte-Lucie, Saint-Martin (partie
néerlandaise), Territoires néerlandais
d'outre-mer, Uruguay""",
    (A, "3"): """Argentine, Bermudes, Bolivie, Brésil,
Chili, Colombie, Canada, Costa Rica,
Équateur, États-Unis, Guatemala,
Hawaï (Îles), Mexique, Pérou,
Venezuela""",
    (A, "COM"): "Saint-Pierre-et-Miquelon",
    (E, "1"): """Afghanistan, Albanie, Algérie,
Angola, Arménie, Azerbaïdjan,
Bangladesh, Belize, Bénin, Bhoutan,
Biélorussie, Birmanie, Bosnie-
Herzégovine, Botswana, Brunei,
Burkina Faso, Burundi, Cambodge,
Cameroun, Cap-Vert, République
centrafricaine, Comores, Congo,
Congo (République Démocratique),
Corée Du Nord, Côte d'Ivoire,
Djibouti, Dominique, Égypte, Érythrée,
Éthiopie, Macédoine du nord,
Gabon, Gambie, Géorgie, Ghana,
Guinée, Guinée-Bissau, Guinée
Équatoriale, Inde, Indonésie, Iran,
Irak, Jordanie, Kazakhstan, Kenya,
Kirghizistan, Koweït, Laos, Lesotho,
Liberia, Libye, Madagascar, Malaisie,
Malawi, Maldives, Mali, Maroc,
Maurice, Mauritanie, Moldavie,
Mongolie, Monténégro, Mozambique,
Namibie, Népal, Niger, Nigéria,
Oman, Ouganda, Ouzbékistan,
Pakistan, Palestine, Rwanda, Sahara
Occidental, Sao Tomé-et-Principe,
Sénégal, Sierra Leone, Somalie,
Soudan, Soudan Du Sud, Sri
Lanka, Swaziland, Syrie, Tadjikistan,
Tanzanie, Tchad, Timor Oriental,
Togo, Tunisie, Turkménistan, Ukraine,
Yémen, Zambie, Zimbabwe""",
    (E, "2"): """Açores, Madère, Afrique Du Sud,
Allemagne, Andorre, Australie,
Autriche, Belgique, Bonaire, Saint-
Eustache, Saba, Bulgarie, Canaries
(Îles), Chypre, Corée Du Sud, Croatie,
Curaçao, Danemark, Espagne,
Estonie, Îles Féroé (Danemark), Fidji,
Finlande, France, Gibraltar, Hongrie,
Irlande, Islande, Italie, Kosovo,
Lettonie, Liban, Liechtenstein,
Lituanie, Luxembourg, Malte,
Marshall (Îles), Micronésie (États
Fédérés de), Monaco, Montserrat,
Nauru, Norvège, Nouvelle-Zélande,
Océan Indien (Territoire Britannique
de l'), Palaos (Îles), Papouasie-
Nouvelle-Guinée, Paraguay,
Pays-Bas, Philippines, Pologne,
Portugal, Présides (État des),
Provinces Espagnoles d'Afrique,
Serbie, Roumanie, Saint-Vincent-et-
les-Grenadines, Saint-Christophe,
Sainte-Hélène, Ascension et Tristan
da Cunha, Saint-Marin, Salomon
(Îles), Samoa, Seychelles, Slovaquie,
Slovénie, Suède, République
tchèque, Territoire des Pays-Bas
(Antilles néerlandaises), Thaïlande,
Tonga, Turques-et-Caïques (Îles),
Turquie, Tuvalu, Vanuatu, Vatican,
Vierges Britanniques (Îles), Vietnam,
Secteur Postal-Armées""",
    (E, "3"): """Arabie saoudite, Bahamas, Bahreïn,
Barbade, Caïmans (Îles), Chine,
Émirats arabes unis, Grèce, Guam,
Hong Kong, Île Norfolk, Israël,
Japon, Malouines ou Falkland (Îles),
Mariannes Du Nord (Îles), Porto
Rico (États-Unis), Qatar, Royaume-
Uni, Russie, Samoa américaines,
Singapour, Suisse, Taïwan, Terr.
des États-Unis d'Amérique en
Océanie, Territoires du Royaume-Uni
Dans l'Atlantique Sud, Territoires
du Royaume-Uni aux Antilles""",
    (E, "COM"): """Nouvelle-Calédonie, Polynésie
française, Terres australes
et antarctiques françaises,
Wallis-et-Futuna""",
}

# Printed with commas inside, but one name each (one ISO 3166-1 entry each): this reading is what
# makes the columns 38 and 200, the totals the issue states.
ONE_NAME_WITH_COMMAS = ("Bonaire, Saint-Eustache, Saba", "Sainte-Hélène, Ascension et Tristan da Cunha")


def guide_names(text: str) -> list[str]:
    joined = ""
    for line in text.splitlines():
        line = line.strip()
        joined += line if joined.endswith("-") else (" " + line if joined else line)
    joined = re.sub(r"\s+", " ", joined)
    for name in ONE_NAME_WITH_COMMAS:
        joined = joined.replace(name, name.replace(", ", "\0"))
    return [item.strip().replace("\0", ", ") for item in joined.split(",")]


# The zonier capitalises a few particles ("Corée Du Nord", "Afrique Du Sud", "Territoires du
# Royaume-Uni Dans l'Atlantique Sud"); esn prints the names as French writes them (issue 10):
# the data's name is the guide's with only those particles in lower case.
PARTICLES = ("du", "de", "des", "dans", "et", "la", "le", "les", "aux", "au", "en", "sur")
CAPITALISED_PARTICLE = re.compile(r"(?<=\S )(" + "|".join(p.capitalize() for p in PARTICLES) + r")\b")


def as_french_writes(name: str) -> str:
    return CAPITALISED_PARTICLE.sub(lambda m: m.group(1).lower(), name)


def test_the_guide_capitalises_a_few_particles_and_esn_does_not() -> None:
    names = [n for text in GUIDE_TEXT.values() for n in guide_names(text)]
    changed = sorted(n for n in names if as_french_writes(n) != n)
    assert changed == [
        "Afrique Du Sud",
        "Corée Du Nord",
        "Corée Du Sud",
        "Mariannes Du Nord (Îles)",
        "Soudan Du Sud",
        "Territoires du Royaume-Uni Dans l'Atlantique Sud",
    ]


def test_no_french_name_capitalises_a_particle(zones: dict) -> None:
    """ "Corée du Nord", not "Corée Du Nord": every French name, zoned or not, and every group."""
    names = [p["name_fr"] for p in zones["places"]] + [p["group"] for p in zones["places"] if p["group"]]
    assert [n for n in names if CAPITALISED_PARTICLE.search(n)] == []


@pytest.fixture(scope="module")
def zones() -> dict:
    return catalog.load("zones")


def zoned(zones: dict) -> list[dict]:
    return [p for p in zones["places"] if p["status"] == "zoned"]


def test_guide_counts_38_200_238() -> None:
    americas = sum(len(guide_names(t)) for (column, _), t in GUIDE_TEXT.items() if column == A)
    others = sum(len(guide_names(t)) for (column, _), t in GUIDE_TEXT.items() if column == E)
    assert (americas, others, americas + others) == (38, 200, 238)


def test_yaml_counts_38_200_238(zones: dict) -> None:
    places = zoned(zones)
    assert sum(p["column"] == A for p in places) == 38
    assert sum(p["column"] == E for p in places) == 200
    assert len(places) == 238


@pytest.mark.parametrize(("column", "zone"), list(GUIDE_TEXT))
def test_every_guide_name_is_a_place_with_its_zone_and_column(zones: dict, column: str, zone: str) -> None:
    expected = sorted(as_french_writes(name) for name in guide_names(GUIDE_TEXT[(column, zone)]))
    actual = sorted(p["name_fr"] for p in zoned(zones) if p["column"] == column and p["zone"] == zone)
    assert actual == expected


def test_every_offer_matches_its_zone(zones: dict) -> None:
    offer_of = {"1": "MGEN Ambre", "2": "MGEN Cyan", "3": "MGEN Magenta", "COM": "MGEN Outremer"}
    for place in zoned(zones):
        assert place["offer"] == offer_of[place["zone"]], place["name_fr"]
    cost = {z: zones["offers"][z]["cost"]["fr"] for z in offer_of}
    assert cost["1"] == "Pays où les coûts de santé restent raisonnables"
    assert cost["2"] == "Pays où les coûts de santé peuvent être élevés"
    assert cost["3"] == "Pays où les coûts de santé sont très élevés"


# Typed from the guide: query -> (zone, column, network). Network: "IMA if you live in Europe
# (except metropolitan France), Africa, Asia, Oceania or Cuba; HCS in Canada, the U.S.A, Central
# and South America, except Cuba" - applied to where the place is, whatever column it is printed in.
GUIDE_TABLE = {
    # Americas column
    "Guyana": ("1", A, "HCS"),
    "Haïti": ("1", A, "HCS"),
    "Greenland": ("1", A, "HCS"),
    "Honduras": ("1", A, "HCS"),
    "Kiribati": ("1", A, "IMA"),  # Oceania, though printed in the Americas column
    "Suriname": ("1", A, "HCS"),
    "Trinidad and Tobago": ("1", A, "HCS"),
    "Anguilla": ("2", A, "HCS"),
    "Antigua and Barbuda": ("2", A, "HCS"),
    "Cuba": ("2", A, "IMA"),  # "... ou à Cuba : contactez IMA"
    "Dominican Republic": ("2", A, "HCS"),
    "El Salvador": ("2", A, "HCS"),
    "South Georgia": ("2", A, "HCS"),
    "Grenada": ("2", A, "HCS"),
    "Jamaica": ("2", A, "HCS"),
    "Nicaragua": ("2", A, "HCS"),
    "Panama": ("2", A, "HCS"),
    "Pitcairn": ("2", A, "IMA"),  # Oceania, though printed in the Americas column
    "Saint Lucia": ("2", A, "HCS"),
    "Sint Maarten": ("2", A, "HCS"),
    "Uruguay": ("2", A, "HCS"),
    "Argentina": ("3", A, "HCS"),
    "Bermuda": ("3", A, "HCS"),
    "Bolivia": ("3", A, "HCS"),
    "Brazil": ("3", A, "HCS"),
    "Chile": ("3", A, "HCS"),
    "Colombia": ("3", A, "HCS"),
    "Canada": ("3", A, "HCS"),
    "Costa Rica": ("3", A, "HCS"),
    "Ecuador": ("3", A, "HCS"),
    "USA": ("3", A, "HCS"),
    "Guatemala": ("3", A, "HCS"),
    "Hawaii": ("3", A, "HCS"),  # a US state: "aux U.S.A", not Oceania
    "Mexico": ("3", A, "HCS"),
    "Peru": ("3", A, "HCS"),
    "Venezuela": ("3", A, "HCS"),
    "Saint-Pierre-et-Miquelon": ("COM", A, "HCS"),
    # Europe / Africa / Asia / Oceania column, zone 1
    "Afghanistan": ("1", E, "IMA"),
    "Belize": ("1", E, "HCS"),  # Central America, though printed in this column
    "Burma": ("1", E, "IMA"),
    "Congo": ("1", E, "IMA"),
    "DR Congo": ("1", E, "IMA"),
    "North Korea": ("1", E, "IMA"),
    "Ivory Coast": ("1", E, "IMA"),
    "Dominica": ("1", E, "HCS"),  # Caribbean, though printed in this column
    "Georgia": ("1", E, "IMA"),
    "Guinea": ("1", E, "IMA"),
    "Guinea-Bissau": ("1", E, "IMA"),
    "Equatorial Guinea": ("1", E, "IMA"),
    "India": ("1", E, "IMA"),
    "Kenya": ("1", E, "IMA"),
    "Niger": ("1", E, "IMA"),
    "Nigeria": ("1", E, "IMA"),
    "Sudan": ("1", E, "IMA"),
    "South Sudan": ("1", E, "IMA"),
    "Eswatini": ("1", E, "IMA"),
    "East Timor": ("1", E, "IMA"),
    "Ukraine": ("1", E, "IMA"),
    "North Macedonia": ("1", E, "IMA"),
    # zone 2
    "Azores": ("2", E, "IMA"),
    "Madeira": ("2", E, "IMA"),
    "South Africa": ("2", E, "IMA"),
    "Germany": ("2", E, "IMA"),
    "Australia": ("2", E, "IMA"),
    "Bonaire": ("2", E, "HCS"),
    "Canary Islands": ("2", E, "IMA"),
    "South Korea": ("2", E, "IMA"),
    "Curaçao": ("2", E, "HCS"),
    "Spain": ("2", E, "IMA"),
    "Faroe Islands": ("2", E, "IMA"),
    "France": ("2", E, None),  # "en Europe, sauf France métropolitaine": neither
    "Kosovo": ("2", E, "IMA"),
    "Montserrat": ("2", E, "HCS"),
    "Papua New Guinea": ("2", E, "IMA"),
    "Paraguay": ("2", E, "HCS"),  # South America, though printed in this column
    "Netherlands": ("2", E, "IMA"),
    "Saint Vincent and the Grenadines": ("2", E, "HCS"),
    "St Kitts": ("2", E, "HCS"),
    "Saint Helena": ("2", E, "IMA"),
    "Samoa": ("2", E, "IMA"),
    "Czechia": ("2", E, "IMA"),
    "Turks and Caicos Islands": ("2", E, "HCS"),
    "Turkey": ("2", E, "IMA"),
    "Holy See": ("2", E, "IMA"),
    "British Virgin Islands": ("2", E, "HCS"),
    "Secteur Postal-Armées": ("2", E, None),
    # zone 3
    "Saudi Arabia": ("3", E, "IMA"),
    "Bahamas": ("3", E, "HCS"),
    "Barbados": ("3", E, "HCS"),
    "Cayman Islands": ("3", E, "HCS"),
    "China": ("3", E, "IMA"),
    "UAE": ("3", E, "IMA"),
    "Greece": ("3", E, "IMA"),
    "Guam": ("3", E, "IMA"),  # a US territory in Oceania
    "Hong Kong": ("3", E, "IMA"),
    "Falklands": ("3", E, "HCS"),
    "Northern Mariana Islands": ("3", E, "IMA"),
    "Puerto Rico": ("3", E, "HCS"),  # Caribbean
    "United Kingdom": ("3", E, "IMA"),
    "England": ("3", E, "IMA"),
    "Russia": ("3", E, "IMA"),
    "American Samoa": ("3", E, "IMA"),  # a US territory in Oceania
    "Switzerland": ("3", E, "IMA"),
    "Japan": ("3", E, "IMA"),
    "Terr. des États-Unis d'Amérique en Océanie": ("3", E, "IMA"),
    "Territoires du Royaume-Uni aux Antilles": ("3", E, "HCS"),
    # COM
    "New Caledonia": ("COM", E, "IMA"),
    "French Polynesia": ("COM", E, "IMA"),
    "TAAF": ("COM", E, "IMA"),
    "Wallis and Futuna": ("COM", E, "IMA"),
}


def test_table_covers_every_zone_and_both_columns() -> None:
    assert len(GUIDE_TABLE) >= 60
    assert {(zone, column) for zone, column, _ in GUIDE_TABLE.values()} == {(z, c) for z in ("1", "2", "3", "COM") for c in (A, E)}


@pytest.mark.parametrize(("query", "expected"), list(GUIDE_TABLE.items()))
def test_guide_table(zones: dict, query: str, expected: tuple) -> None:
    resolution = resolve(query, zones)
    assert resolution.place is not None, f"{query!r}: {resolution.how}"
    place = zones["places"][resolution.place]
    assert place["status"] == "zoned"
    assert (place["zone"], place["column"], place["network"]) == expected


def test_routing_rule_exceptions_are_the_only_ones(zones: dict) -> None:
    """In the Americas column everything is HCS but Cuba (the rule) and Kiribati / Pitcairn
    (Oceania). In the other column, HCS only for places in the Americas."""
    americas_not_hcs = {p["name_fr"] for p in zoned(zones) if p["column"] == A and p["network"] != "HCS"}
    assert americas_not_hcs == {"Cuba", "Kiribati", "îles Pitcairn"}
    hcs_elsewhere = {p["name_fr"] for p in zoned(zones) if p["column"] == E and p["network"] == "HCS"}
    assert hcs_elsewhere == {
        "Belize",
        "Dominique",
        "Paraguay",  # mainland / Caribbean Americas
        "Bonaire, Saint-Eustache, Saba",
        "Curaçao",
        "Montserrat",
        "Saint-Vincent-et-les-Grenadines",
        "Saint-Christophe",
        "Territoire des Pays-Bas (Antilles néerlandaises)",
        "Turques-et-Caïques (Îles)",
        "Vierges Britanniques (Îles)",
        "Bahamas",
        "Barbade",
        "Caïmans (Îles)",
        "Porto Rico (États-Unis)",
        "Territoires du Royaume-Uni aux Antilles",  # Caribbean islands
        "Malouines ou Falkland (Îles)",  # South Atlantic, off South America
    }
    neither = {p["name_fr"] for p in zoned(zones) if p["network"] is None}
    assert neither == {"France", "Secteur Postal-Armées", "Territoires du Royaume-Uni dans l'Atlantique Sud"}


def test_tricky_readings_carry_a_note(zones: dict) -> None:
    for query in (
        "Guyana",
        "Belize",
        "Dominica",
        "Paraguay",
        "Kiribati",
        "Pitcairn",
        "Greenland",
        "Bermuda",
        "Saint-Pierre-et-Miquelon",
        "Hawaii",
        "Guam",
        "American Samoa",
        "Puerto Rico",
        "Cuba",
        "Anguilla",
        "Montserrat",
        "British Virgin Islands",
        "Turks and Caicos",
        "Saint Helena",
        "South Georgia",
        "Territoires du Royaume-Uni aux Antilles",
        "Territoires du Royaume-Uni dans l'Atlantique Sud",
        "France",
        "Secteur Postal-Armées",
        "Saint-Christophe",
        "Swaziland",
    ):
        place = zones["places"][resolve(query, zones).place]
        assert place["note"] and place["note"]["en"] and place["note"]["fr"], query


def test_the_zonier_s_guyane_is_guyana(zones: dict) -> None:
    """The zonier's "Guyane" (zone 1) is Guyana; typed alone it is asked (tests/test_countries.py)."""
    place = zones["places"][resolve("Guyana", zones).place]
    assert place["name_fr"] == "Guyane"
    assert (place["iso2"], place["zone"]) == ("GY", "1")
    assert "Guyana" in place["note"]["en"] and "French Guiana" in place["note"]["en"]
    french_guiana = zones["places"][resolve("French Guiana", zones).place]
    assert (french_guiana["iso2"], french_guiana["status"], french_guiana["zone"]) == ("GF", "drom", None)


OVERLAP_EN = "The guide lists both and does not say which applies: esn shows zone 2, where the place is named; MGEN confirms which applies."
OVERLAP_FR = (
    "Le guide cite les deux sans dire laquelle des deux zones s'applique : esn indique la zone 2, celle où le lieu est "
    "nommé ; MGEN confirme laquelle s'applique."
)


def test_places_in_zone_2_covered_by_a_zone_3_group_say_the_guide_does_not_decide(zones: dict) -> None:
    """Issue 13: the guide names these places in zone 2 and the British groups around them in
    zone 3 without saying which wins; esn answers zone 2 and says so, never "the individual
    listing wins" as if the guide said it."""
    for query, group in (
        ("Anguilla", "Territoires du Royaume-Uni aux Antilles"),
        ("Montserrat", "Territoires du Royaume-Uni aux Antilles"),
        ("British Virgin Islands", "Territoires du Royaume-Uni aux Antilles"),
        ("Turks and Caicos", "Territoires du Royaume-Uni aux Antilles"),
        ("Saint Helena", "Territoires du Royaume-Uni dans l'Atlantique Sud"),
        ("South Georgia", "Territoires du Royaume-Uni dans l'Atlantique Sud"),
    ):
        place = zones["places"][resolve(query, zones).place]
        assert place["zone"] == "2", query
        assert f'the group "{group}" (zone 3) also covers' in place["note"]["en"], query
        assert f"le groupe « {group} » (zone 3)" in place["note"]["fr"], query
        assert OVERLAP_EN in place["note"]["en"] and OVERLAP_FR in place["note"]["fr"], query
    for group in ("Territoires du Royaume-Uni aux Antilles", "Territoires du Royaume-Uni dans l'Atlantique Sud"):
        place = zones["places"][resolve(group, zones).place]
        assert place["zone"] == "3"
        assert (
            "the guide lists both and does not say which applies to them; esn shows zone 2, where they are named, and MGEN confirms which applies."
            in place["note"]["en"]
        )
        assert "le guide cite les deux sans dire laquelle des deux zones s'applique à elles ; esn indique la zone 2" in place["note"]["fr"]
    for place in zones["places"]:
        for text in (place["note"] or {}).values():
            assert "wins" not in text and "l'emporte" not in text, place["name_fr"]


def test_france_shows_its_note(zones: dict) -> None:
    place = zones["places"][resolve("France", zones).place]
    record = zonier.record(place, zones, "France")
    assert (record["zone"], record["offer"], record["network"]) == ("2", "MGEN Cyan", None)
    assert "metropolitan France" in record["note"] and "MGEN Référence" in record["note"]
    assert "MGEN Référence" in place["note"]["fr"]


@pytest.mark.parametrize("query", ["Guadeloupe", "Martinique", "French Guiana", "Réunion", "Mayotte", "GP", "MQ", "GUF", "REU", "YT"])
def test_drom_are_not_zoned_and_have_the_metropolitan_offer(zones: dict, query: str) -> None:
    place = zones["places"][resolve(query, zones).place]
    record = zonier.record(place, zones, query)
    assert (record["status"], record["zone"], record["column"], record["offer"]) == ("drom", None, None, "MGEN Référence")
    assert "not in the zonier" in record["note"] or "not zoned" in record["note"]


@pytest.mark.parametrize(
    "query",
    [
        "Macao",
        "Jersey",
        "Guernsey",
        "Isle of Man",
        "Saint-Barthélemy",
        "Saint Martin (French part)",
        "Cook Islands",
        "Niue",
        "US Virgin Islands",
        "Åland",
        "Svalbard",
        "Antarctica",
    ],
)
def test_unlisted_places_say_not_listed(zones: dict, query: str) -> None:
    place = zones["places"][resolve(query, zones).place]
    record = zonier.record(place, zones, query)
    assert (record["status"], record["zone"], record["offer"]) == ("not-listed", None, None)
    assert record["note"].startswith("Not listed in the guide's zonier: ask MGEN")
    assert record["network"] == NETWORK_BY_RESIDENCE.get(query)  # the guide's rule, by where the place lies


# Not named in the zonier, still managed by IMA or HCS by where the member lives (issue 10).
NETWORK_BY_RESIDENCE = {
    "Macao": "IMA",
    "Jersey": "IMA",
    "Guernsey": "IMA",
    "Isle of Man": "IMA",
    "Saint-Barthélemy": "HCS",
    "Saint Martin (French part)": "HCS",
    "Cook Islands": "IMA",
    "Niue": "IMA",
    "US Virgin Islands": "HCS",
    "Åland": "IMA",
    "Svalbard": "IMA",
    "Antarctica": None,  # uninhabited: no member lives there
}


def test_aland_points_to_finland_without_asserting_a_zone(zones: dict) -> None:
    place = zones["places"][resolve("Åland Islands", zones).place]
    assert place["zone"] is None and "Finland" in place["note"]["en"]


def test_aruba_names_its_group(zones: dict) -> None:
    place = zones["places"][resolve("Aruba", zones).place]
    record = zonier.record(place, zones, "Aruba")
    assert record["status"] == "group"
    assert record["group"] == "Territoires néerlandais d'outre-mer"
    assert (record["zone"], record["offer"], record["network"]) == ("2", "MGEN Cyan", "HCS")
    assert "Territoires néerlandais d'outre-mer" in record["note"]


def test_us_minor_outlying_islands_name_the_us_oceania_group(zones: dict) -> None:
    place = zones["places"][resolve("UM", zones).place]
    assert place["group"] == "Terr. des États-Unis d'Amérique en Océanie"
    assert (place["zone"], place["network"]) == ("3", "IMA")
