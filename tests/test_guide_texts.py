"""What the guide says and esn did not show (issue 13): how to claim a prévoyance benefit and how
to ask for social aid (`esn contact COUNTRY --need prevoyance|social-aid`), the social aids in
`esn guarantees`, the assistance conditions, the invalidity resources in the help, and the
zonier's overlapping groups said as the guide leaves them. French texts quoted from the guide are
compared with the guide's words, copied here (shared/seeds/004_802edbb58fd2857f.txt)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from esncli import contacts
from esncli.cli import app

runner = CliRunner()

# The guide, "Quand et comment activer mes garanties Prévoyance ?" (under the summary table).
GUIDE_PREVOYANCE = [
    "Vous pouvez contacter votre conseiller afin d'identifier les prestations ou allocations qui répondent à votre situation.",
    "Vous avez également la possibilité de télécharger un formulaire sur votre Espace personnel et de le retourner à "
    "l'agence départementale une fois complété afin de déclencher la prise en charge.",
    "Si vous ne pouvez ou ne souhaitez pas le télécharger, demandez qu'il vous soit envoyé par courrier postal.",
]
# The guide, "L'Action Sociale, comment en bénéficier ?".
GUIDE_SOCIAL_AID_STEPS = [
    "1. Vous échangez avec votre conseiller sur votre situation et vos difficultés.",
    "2. Vous constituez ensemble le dossier de demande d'aides.",
    "3. Votre dossier est étudié par la commission d'Action Sociale.",
    "4. Une aide peut vous être accordée en fonction de votre situation, sous conditions de ressources.",
]
JSON_KEYS = ["query", "place", "need", "network", "contacts", "procedure", "services", "situations", "deadline", "note"]


def contact_json(*args: str) -> dict:
    result = runner.invoke(app, ["contact", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("typed", "need"),
    [
        ("prevoyance", "prevoyance"),
        ("Prévoyance", "prevoyance"),
        ("PRÉVOYANCE ", "prevoyance"),
        ("garanties prévoyance", "prevoyance"),
        ("social-aid", "social-aid"),
        ("social aid", "social-aid"),
        ("Social_Aid", "social-aid"),
        ("aide sociale", "social-aid"),
        ("Aide-Sociale", "social-aid"),
        ("aides  sociales", "social-aid"),
        ("Action sociale", "social-aid"),
        ("aides solidaires", "social-aid"),
        ("Maternité", "maternity"),
        ("medical care", "care"),
    ],
)
def test_needs_in_french_and_english(typed: str, need: str) -> None:
    assert contacts.need_of(typed) == need
    assert contact_json("Kenya", "--need", typed)["need"] == need


@pytest.mark.parametrize("need", contacts.NEEDS)
def test_every_need_has_the_same_json_keys(need: str) -> None:
    data = contact_json("Kenya", "--need", need)
    assert list(data) == JSON_KEYS
    assert isinstance(data["situations"], list)


def test_prevoyance_json_quotes_the_guide_s_procedure() -> None:
    data = contact_json("Kenya", "--need", "prevoyance", "--lang", "fr")
    assert (data["need"], data["network"], data["services"], data["situations"], data["deadline"]) == ("prevoyance", "MGEN", [], [], None)
    assert data["procedure"] == GUIDE_PREVOYANCE
    assert [c["purpose"] for c in data["contacts"]] == [
        "votre conseiller, dans votre agence départementale",
        "questions, remboursements, formulaires, contrat",
    ]
    agency, mgen = data["contacts"]
    assert (agency["phone"], agency["email"], agency["web"]) == (None, None, None)  # the guide gives the agency none
    assert mgen["phone"] == "+33 (0)2 49 79 00 05"
    assert data["note"] == (
        "Le guide ne donne ni adresse ni numéro pour l'agence départementale, et ne dit pas quelle agence suit un adhérent "
        "qui vit à l'étranger : renseignez-vous auprès de MGEN (le numéro ci-dessus, ou l'Espace personnel)."
    )


def test_prevoyance_in_english() -> None:
    result = runner.invoke(app, ["contact", "Kenya", "--need", "prevoyance"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Claiming a prévoyance benefit: member living in Kenya\n"
        "Contact MGEN, wherever the member lives.\n"
        "\n"
        "MGEN: your counsellor, at your departmental agency (agence départementale)\n"
        "\n"
        "MGEN: questions, reimbursements, forms, your contract\n"
        "Phone  +33 (0)2 49 79 00 05\n"
        "       Free service + the price of a call to metropolitan France.\n"
        "Web    https://www.mgen.fr (Espace personnel, Forum); MGEN mobile app; X @MGENetvous; Facebook MGEN\n"
        "\n"
        "How\n"
        "- You can contact your counsellor to identify the benefits or allowances that fit your situation.\n"
        "- You can also download a form from your Espace personnel and, once completed, return it to the departmental "
        "agency to start the claim.\n"
        "- If you cannot or do not wish to download it, ask for it to be sent to you by post.\n"
        "\n"
        "Note: The guide gives no address or number for the departmental agency, and does not say which agency serves a "
        "member living abroad: ask MGEN (the number above, or the Espace personnel).\n"
    )


@pytest.mark.parametrize("country", ["Brazil", "Anguilla", "Macao", "Martinique"])
def test_prevoyance_and_social_aid_do_not_depend_on_the_zone(country: str) -> None:
    """MGEN's departmental agency wherever the member lives: the zone's IMA / HCS note is not
    repeated under a need that is not routed by residence."""
    for need in ("prevoyance", "social-aid"):
        here, kenya = (runner.invoke(app, ["contact", place, "--need", need]).stdout for place in (country, "Kenya"))
        assert here.split("\n", 1)[1] == kenya.split("\n", 1)[1], (country, need)
        assert contact_json(country, "--need", need)["network"] == "MGEN"


def test_social_aid_json_in_french() -> None:
    data = contact_json("Kenya", "--need", "aide sociale", "--lang", "fr")
    assert (data["need"], data["network"], data["deadline"]) == ("social-aid", "MGEN", None)
    assert data["procedure"][:4] == GUIDE_SOCIAL_AID_STEPS
    assert data["services"] == [
        "Une aide financière non remboursable",
        "Un prêt social sans intérêts et sans frais, ou une avance spéciale sous la forme d'un prêt sans intérêts et sans "
        "frais : plafonds dans esn guarantees, mensualités avec esn estimate social-loan",
        "Une participation financière pour l'intervention d'une aide ménagère, auxiliaire de vie ou technicienne "
        "d'intervention sociale et familiale au domicile de l'adhérent",
        "Si vous êtes en situation de handicap ou de dépendance : une allocation annuelle handicap ou dépendance, modulée "
        "en fonction du degré d'incapacité et des ressources",
        "Si vous aidez au quotidien un proche (conjoint, enfant, ascendant au 1er degré) en situation de dépendance totale "
        "(GIR 1 ou 2) : une allocation annuelle",
        "Au décès de l'un ou des deux parents : une allocation annuelle aux bénéficiaires enfants, pour contribuer à leur "
        "éducation et aux frais de scolarité, modulée en fonction de l'âge de l'enfant et des ressources",
    ]
    # The guide's four cases, « Si vous faites face à des difficultés importantes ... ».
    assert data["situations"] == [
        "Pathologies occasionnant des restes à charge importants non ou peu pris en charge par les régimes obligatoires et complémentaires",
        "Évènement grave ou exceptionnel d'ordre familial ou social déstabilisant le budget du foyer",
        "Retard dans le versement d'un salaire, d'une pension ou d'une allocation",
        "Dépenses ponctuelles d'équipement ou d'aménagement pour faciliter le quotidien d'un adhérent en situation de "
        "handicap ou de dépendance",
    ]


def test_social_aid_says_no_amount() -> None:
    """On file, by the commission: no amount, for the aids whose amount the guide does not set
    (the loan's and the advance's limits stay in esn guarantees, from guarantees.yaml)."""
    for lang in ("en", "fr"):
        data = contact_json("Kenya", "--need", "social-aid", "--lang", lang)
        text = " ".join(data["services"] + data["situations"] + data["procedure"])
        assert "€" not in text and "EUR" not in text, lang


def test_social_aid_in_french() -> None:
    result = runner.invoke(app, ["--lang", "fr", "contact", "Kenya", "--need", "social-aid"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Demander une aide solidaire (Action Sociale) — lieu de résidence de l'adhérent : Kenya\n"
        "Contactez MGEN, où que vive l'adhérent.\n"
        "\n"
        "MGEN : votre conseiller, dans votre agence départementale\n"
        "\n"
        "MGEN : questions, remboursements, formulaires, contrat\n"
        "Téléphone  +33 (0)2 49 79 00 05\n"
        "           Service gratuit + prix appel vers la France métropolitaine.\n"
        "Web        https://www.mgen.fr (Espace personnel, Forum); MGEN mobile app; X @MGENetvous; Facebook MGEN\n"
        "\n"
        "Comment faire\n"
        + "".join(step + "\n" for step in GUIDE_SOCIAL_AID_STEPS)
        + "- Pour plus d'informations et pour constituer un dossier, contactez votre agence départementale ; votre Espace "
        "personnel présente les aides financières qu'elle met à disposition.\n"
        "\n"
        "Ce que MGEN peut accorder : sur dossier, par la commission d'Action Sociale, sans montant fixé d'avance\n"
        "- Une aide financière non remboursable\n"
        "- Un prêt social sans intérêts et sans frais, ou une avance spéciale sous la forme d'un prêt sans intérêts et sans "
        "frais : plafonds dans esn guarantees, mensualités avec esn estimate social-loan\n"
        "- Une participation financière pour l'intervention d'une aide ménagère, auxiliaire de vie ou technicienne "
        "d'intervention sociale et familiale au domicile de l'adhérent\n"
        "- Si vous êtes en situation de handicap ou de dépendance : une allocation annuelle handicap ou dépendance, "
        "modulée en fonction du degré d'incapacité et des ressources\n"
        "- Si vous aidez au quotidien un proche (conjoint, enfant, ascendant au 1er degré) en situation de dépendance "
        "totale (GIR 1 ou 2) : une allocation annuelle\n"
        "- Au décès de l'un ou des deux parents : une allocation annuelle aux bénéficiaires enfants, pour contribuer à "
        "leur éducation et aux frais de scolarité, modulée en fonction de l'âge de l'enfant et des ressources\n"
        "\n"
        "Dans quels cas la demander\n"
        "- Pathologies occasionnant des restes à charge importants non ou peu pris en charge par les régimes obligatoires "
        "et complémentaires\n"
        "- Évènement grave ou exceptionnel d'ordre familial ou social déstabilisant le budget du foyer\n"
        "- Retard dans le versement d'un salaire, d'une pension ou d'une allocation\n"
        "- Dépenses ponctuelles d'équipement ou d'aménagement pour faciliter le quotidien d'un adhérent en situation de "
        "handicap ou de dépendance\n"
        "\n"
        "Note : Ces aides et allocations sont prises sur une dotation déterminée chaque année en fonction des ressources "
        "de la mutuelle et peuvent être accordées après étude du dossier (le guide écrit « commission d'Action Sociale » "
        "dans les étapes et « Comité d'Action Sociale » ici ; lus comme une seule instance). Le guide ne donne pas "
        "d'adresse pour l'agence départementale et ne dit pas quelle agence suit un adhérent qui vit à l'étranger : "
        "renseignez-vous auprès de MGEN.\n"
    )


def test_social_aid_in_english_lists_the_aids_and_when_to_ask() -> None:
    out = runner.invoke(app, ["contact", "Kenya", "--need", "social-aid"]).stdout
    assert "\nHow\n1. You talk with your counsellor about your situation and your difficulties.\n" in out
    assert "\n4. Aid may be granted depending on your situation, subject to resources (means-tested).\n" in out
    assert "\nWhat MGEN may grant: on file, by the Action Sociale commission, with no amount set in advance\n" in out
    assert (
        "\n- If you care daily for a relative (spouse, child, parent) in total dependency (GIR 1 or 2): an annual carer's allowance\n"
        in out
    )
    assert (
        "\nWhen to ask\n- Illnesses leaving large costs that the compulsory and complementary schemes cover little or not at all\n" in out
    )


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["contact", "Kenya", "--need", "dentist"],
            "esn: unknown need 'dentist': choose one of care, hospitalisation, maternity, assistance, general, prevoyance, social-aid\n",
        ),
        (
            ["--lang", "fr", "contact", "Kenya", "--need", "aide"],
            "esn: besoin inconnu 'aide' : choisissez parmi care, hospitalisation, maternity, assistance, general, prevoyance, social-aid\n",
        ),
        (
            ["--lang", "fr", "contact", "Kenya", "--need", "prevoyance", "--admission", "2026-01-01"],
            "esn: --admission va avec --need hospitalisation, pas --need prevoyance\n",
        ),
        (
            ["contact", "Kenya", "--need", "social-aid", "--pregnancy-start", "2026-01-01"],
            "esn: --pregnancy-start goes with --need maternity, not --need social-aid\n",
        ),
    ],
)
def test_bad_needs_exit_2_in_the_reader_s_language(args: list[str], stderr: str) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_need_help_names_the_new_needs() -> None:
    for lang, text in (("en", "social-aid (Action Sociale)"), ("fr", "social-aid (aide sociale, Action Sociale)")):
        result = runner.invoke(app, ["--lang", lang, "contact", "--help"])
        assert result.exit_code == 0
        assert text in " ".join(result.stdout.replace("│", " ").split()), lang


# The guide, "En cas de blessure ou de maladie grave / de décès / de coup dur" and the information
# services: « ** Valable uniquement sur le lieu de résidence (hors France) » on the dispatch of
# medicines, the bail and the legal fees; « * Le proche est toute personne désignée par le
# bénéficiaire ».
ASSISTANCE_CONDITIONS = {
    "en": [
        "A companion's journey, for a medical transport or a transfer for care not available on site: a relative (any "
        "person the beneficiary designates) who is also a beneficiary; always for children under 15 or patients with a "
        "disability",
        "Search where you live for the prescribed medicines or their equivalent; failing that, dispatch of the medicines "
        "essential to your health, valid only at your place of residence (outside France). The medicines or prostheses "
        "themselves stay at your cost",
        "Criminal bail advance: up to €10,000, only if the beneficiary committed no intentional fault or offence; valid "
        "only at the place of residence (outside France)",
        "Advance of lawyer's fees or legal costs, for legal proceedings abroad: up to €3,000; valid only at the place of "
        "residence (outside France)",
        "Practical information for organising your trip: administrative formalities, telephone links, economic and "
        "climate characteristics...",
        "Linguistic assistance: MGEN International's linguists step in when you have difficulty communicating in the "
        "language of the country you are in",
        "Urgent message: MGEN International passes on urgent messages about a serious event",
    ],
    "fr": [
        "Voyage d'un accompagnant, en cas de transport ou de transfert sanitaire pour des actes non réalisables sur place "
        ": un proche (toute personne désignée par le bénéficiaire), lui-même bénéficiaire ; systématique pour les enfants "
        "de moins de 15 ans ou les patients en situation de handicap",
        "Recherche sur votre lieu de résidence des médicaments prescrits ou de leur équivalent ; à défaut, expédition des "
        "médicaments indispensables à votre santé, valable uniquement sur le lieu de résidence (hors France). Le coût des "
        "médicaments ou des prothèses reste à votre charge",
        "Avance de caution pénale : dans la limite de 10 000 €, en l'absence de toute faute ou tout délit intentionnel du "
        "bénéficiaire ; valable uniquement sur le lieu de résidence (hors France)",
        "Avance des honoraires d'avocat ou des frais de justice, en cas de poursuites judiciaires à l'étranger : jusqu'à "
        "3 000 € ; valable uniquement sur le lieu de résidence (hors France)",
        "Renseignements pratiques relatifs à l'organisation de votre voyage : formalités administratives, liaisons "
        "téléphoniques, caractéristiques économiques et climatiques…",
        "Assistance linguistique : intervention des linguistes du service MGEN International en cas de difficultés de "
        "communication dans la langue du pays où vous vous trouvez",
        "Message urgent : MGEN International se charge de transmettre des messages urgents en rapport avec un évènement grave",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_assistance_services_carry_the_guide_s_conditions(lang: str) -> None:
    data = contact_json("Japan", "--need", "assistance", "--lang", lang)
    for service in ASSISTANCE_CONDITIONS[lang]:
        assert service in data["services"]
    # The fund advance carries no place condition in the guide: none is added, and the note says so.
    (advance,) = [s for s in data["services"] if s.startswith(("Exceptional fund advance", "Avance de fonds"))]
    assert "France" not in advance
    assert (
        data["note"]
        == {
            "en": "The guide sets no place condition on the fund advance (its asterisk points to the footnote that defines a "
            "relative): esn shows none; IMA confirms.",
            "fr": "Le guide ne pose pas de condition de lieu à l'avance de fonds (son astérisque renvoie à la note qui définit "
            "le proche) : esn n'en indique aucune ; IMA le confirme.",
        }[lang]
    )


def test_assistance_in_a_terminal_lists_the_services_under_their_heading() -> None:
    for lang, heading in (("en", "What IMA assistance provides"), ("fr", "Ce que prévoit l'assistance IMA")):
        out = runner.invoke(app, ["--lang", lang, "contact", "Brazil", "--need", "assistance"]).stdout
        services = out.split(f"\n{heading}\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert services == ["- " + s for s in contact_json("Brazil", "--need", "assistance", "--lang", lang)["services"]]
        assert len(services) == 12


# `esn guarantees` (issue 13): besides the loan and the special advance, the non-repayable aid,
# the contribution towards a home helper, the annual disability or dependency allowance, the
# carers' allowance and the orphans' allowance, "on file, by the commission", never an amount.
# The whole table for an associate member (its footer, the date in force, left out).
ASSOCIATE_EN = [
    "What a member of this status is entitled to: Associate member",
    "Guarantee                                Amount or rate                          Guide",
    "Home-help service (SAD Assurance,        12 hours of domestic help, fully        Tableau de synthèse, note (7)",
    "managed by RMA)                          funded, under conditions (sick leave >",
    "                                         30 days, immobilisation, serious",
    "                                         illness, complex maternity...); in",
    "                                         metropolitan France or the DROM",
    "Yearly allowance to orphaned children    see note                                Capital Décès (p. 19); Vos aides",
    "[1]                                                                              solidaires",
    "Social aid and loans (Action Sociale,    Non-repayable financial aid, social     Vos aides solidaires, « MGEN peut vous",
    "on file, means-tested) [2]               loan, special advance, or a             accorder »",
    "                                         contribution towards a home helper: on",
    "                                         file, by the Action Sociale commission",
    "Annual disability or dependency          If you are disabled or dependent: on    Vos aides solidaires, allocations",
    "allowance (Action Sociale) [3]           file, by the Action Sociale             annuelles",
    "                                         commission, modulated by the degree of",
    "                                         incapacity and resources; no amount in",
    "                                         the guide",
    "Annual allowance for carers (Action      If you care daily for a spouse, child   Vos aides solidaires, allocations",
    "Sociale) [3]                             or parent in total dependency (GIR 1    annuelles",
    "                                         or 2): on file, by the Action Sociale",
    "                                         commission; no amount in the guide",
    "Not for this status: Daily allowances (AJ), Invalidity allowance, total (IPT: rate >= 60% or category 2 or 3),",
    "Invalidity allowance, partial (IPP: rate < 60% or category 1), Death or PTIA capital, Death capital, supplement per",
    "dependent child, Temporary loss of autonomy allowance (PTA), Total dependency annuity and home-support lump sum.",
    "[1] For every MGEN child beneficiary up to 29 years inclusive, on the death of one or both parents (members or not): a",
    "flat amount depending on age and situation, possibly more depending on family income (p. 19). The social-aid page gives",
    "it as an annual allowance towards education and school costs, modulated by the child's age and resources, granted on",
    "file, by the Action Sociale commission. The guide publishes no amount.",
    "[2] Interest-free social loan up to €6,000 over 48 months at most; special advance up to €3,000 over 4 months at most;",
    "non-repayable aid; a contribution towards a home helper, carer or social and family worker at the member's home. For",
    "significant administrative, medical, social or family difficulties: illnesses leaving large costs that the compulsory",
    "and complementary schemes cover little or not at all; a serious or exceptional family or social event that upsets the",
    "household budget; a delay in the payment of a salary, a pension or an allowance; one-off equipment or adaptation costs",
    "for a member with a disability or dependency. Granted by the Action Sociale commission after studying the file, subject",
    "to resources (how to ask: esn contact COUNTRY --need social-aid). The guide addresses members (adhérents) and does not",
    "mention spouse beneficiaries.",
    "[3] The guide addresses members (adhérents) and does not mention spouse beneficiaries; ask the departmental agency (esn",
    "contact COUNTRY --need social-aid).",
    "[4] Associate members and spouse beneficiaries have no capital; for a spouse in PTIA (total and irreversible loss of",
    "autonomy), ask a counsellor.",
    "[5] The supplement per dependent child is for active, CTA-maintained and retired members.",
    "[6] Members maintained under the CTA and associate members: ask a counsellor (the guide names only active or retired",
    "members and spouse beneficiaries).",
]
ASSOCIATE_FR = [
    "Ce à quoi a droit un adhérent de ce statut : MP associé",
    "Garantie                                 Montant ou taux                         Guide",
    "Service d'Aide à Domicile Assurance      12 heures d'aide-ménagère financées,    Tableau de synthèse, note (7)",
    "                                         sous conditions (arrêt > 30 jours,",
    "                                         immobilisation, pathologies lourdes,",
    "                                         maternité complexe…) ; en France",
    "                                         métropolitaine ou DROM",
    "Allocation annuelle aux enfants          voir la note                            Capital Décès (p. 19); Vos aides",
    "orphelins [1]                                                                    solidaires",
    "Aides et prêts solidaires (Action        Aide financière non remboursable, prêt  Vos aides solidaires, « MGEN peut vous",
    "Sociale, sur dossier, sous conditions    social, avance spéciale ou              accorder »",
    "de ressources) [2]                       participation à une aide à domicile :",
    "                                         sur dossier, par la commission",
    "                                         d'Action Sociale",
    "Allocation annuelle handicap ou          En situation de handicap ou de          Vos aides solidaires, allocations",
    "dépendance (Action Sociale) [3]          dépendance : sur dossier, par la        annuelles",
    "                                         commission d'Action Sociale, modulée",
    "                                         selon le degré d'incapacité et les",
    "                                         ressources ; pas de montant dans le",
    "                                         guide",
    "Allocation annuelle aux aidants (Action  Si vous aidez au quotidien un proche    Vos aides solidaires, allocations",
    "Sociale) [3]                             (conjoint, enfant, ascendant au 1er     annuelles",
    "                                         degré) en dépendance totale (GIR 1 ou",
    "                                         2) : sur dossier, par la commission",
    "                                         d'Action Sociale ; pas de montant dans",
    "                                         le guide",
    "Pas pour ce statut : Allocations Journalières, Invalidité Permanente Totale, Invalidité Permanente Partielle, Capital",
    "Décès ou Perte Totale et Irréversible d'Autonomie, Capital Décès - Majoration par enfant à charge, Allocation Perte",
    "Temporaire d'Autonomie, Rente et forfait Dépendance Totale.",
    "[1] Pour tous les bénéficiaires enfants MGEN jusqu'à 29 ans inclus, au décès de l'un ou des deux parents (mutualistes ou",
    "non) : forfait selon l'âge et la situation, complément possible selon les revenus (p. 19). La page des aides solidaires",
    "la présente comme une allocation annuelle pour contribuer à l'éducation et aux frais de scolarité, modulée selon l'âge",
    "de l'enfant et les ressources, accordée sur dossier, par la commission d'Action Sociale. Le guide ne publie pas de",
    "montant.",
    "[2] Prêt social sans intérêts jusqu'à 6\xa0000\xa0€ sur 48 mois au plus ; avance spéciale jusqu'à 3\xa0000\xa0€ sur 4 mois au plus ;",
    "aide non remboursable ; participation à l'intervention d'une aide ménagère, auxiliaire de vie ou technicienne",
    "d'intervention sociale et familiale au domicile de l'adhérent. En cas de difficultés importantes d'origine",
    "administrative, médicale, sociale ou familiale : pathologies occasionnant des restes à charge importants non ou peu pris",
    "en charge par les régimes obligatoires et complémentaires ; évènement grave ou exceptionnel d'ordre familial ou social",
    "déstabilisant le budget du foyer ; retard dans le versement d'un salaire, d'une pension ou d'une allocation ; dépenses",
    "ponctuelles d'équipement ou d'aménagement pour un adhérent en situation de handicap ou de dépendance. Accordés par la",
    "commission d'Action Sociale après étude du dossier, sous conditions de ressources (pour en faire la demande : esn",
    "contact PAYS --need social-aid). Le guide s'adresse aux adhérents et ne cite pas les bénéficiaires conjoints.",
    "[3] Le guide s'adresse aux adhérents et ne cite pas les bénéficiaires conjoints ; renseignez-vous auprès de l'agence",
    "départementale (esn contact PAYS --need social-aid).",
    "[4] Les MP associés et les bénéficiaires conjoints n'ont pas de capital ; pour un conjoint en PTIA (perte totale et",
    "irréversible d'autonomie), interrogez un conseiller.",
    "[5] La majoration par enfant à charge concerne les MP actifs, maintenus CTA et retraités.",
    "[6] MP maintenus CTA et MP associés : interrogez un conseiller (le guide ne cite que les MP actifs ou retraités et les",
    "bénéficiaires conjoints).",
]


def guarantees_lines(*args: str) -> list[str]:
    result = runner.invoke(app, ["guarantees", *args])
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[-2].startswith(("Figures in force on", "Montants en vigueur au"))
    return lines[:-2]


def test_guarantees_for_an_associate_member_in_english() -> None:
    assert guarantees_lines("--status", "associate") == ASSOCIATE_EN


def test_guarantees_for_an_associate_member_in_french() -> None:
    assert guarantees_lines("--status", "associate", "--lang", "fr") == ASSOCIATE_FR


def test_social_aids_are_on_file_by_the_commission_and_never_an_amount() -> None:
    result = runner.invoke(app, ["guarantees", "--json"])
    by_key = {item["key"]: item for item in json.loads(result.stdout)["guarantees"]}
    for key in ("social_aid", "disability_allowance", "carer_allowance"):
        item = by_key[key]
        assert item["statuses"] == ["active", "cta", "associate", "retired"], key
        for text in item["by_status"].values():
            assert "on file, by the Action Sociale commission" in text["en"], key
            assert "sur dossier, par la commission d'Action Sociale" in text["fr"], key
            assert "€" not in text["en"] + text["fr"], key
    assert (by_key["disability_allowance"]["estimate"], by_key["carer_allowance"]["estimate"]) == (None, None)
    assert "on file, by the Action Sociale commission. The guide publishes no amount." in by_key["orphan_allowance"]["note"]["en"]
    # The loan's and the advance's limits are the guide's figures, from the parameters.
    assert "up to €6,000 over 48 months at most; special advance up to €3,000 over 4 months at most" in by_key["social_aid"]["note"]["en"]


def test_a_note_shared_by_two_guarantees_has_one_number() -> None:
    lines = guarantees_lines("--status", "retired")
    shared = [line for line in lines if line.startswith("[") and "does not mention spouse beneficiaries; ask" in line]
    assert len(shared) == 1
    number = shared[0].split("]")[0] + "]"
    marked = [line for line in lines if line.endswith(" " + number) or f" {number} " in line]
    assert len(marked) == 2  # the disability or dependency allowance and the carers' allowance


# The invalidity resources, the guide's notes (3) and (4) of "Allocations d'invalidité": in the
# field's help, which is --help, the prompt's instruction and the API docstring.
PENSION_HELP = {
    "en": "Resources deducted, EUR a year: gross invalidity then old-age pensions from compulsory schemes (basic or "
    "supplementary) and any other earned income. Not counted: survivor's pensions, third-person and dependent-child "
    "supplements, voluntary retirement savings, alimony, property income, the ASPA (old-age solidarity allowance), fees "
    "paid to an MJPM (court-appointed protector).",
    "fr": "Ressources déduites, en euros par an : pensions brutes d'invalidité puis de vieillesse des régimes obligatoires "
    "(de base ou complémentaires) et tout autre revenu d'activité. Non retenues : pensions de réversion, majorations pour "
    "tierce personne et pour enfant à charge, épargne retraite volontaire, pensions alimentaires, revenus fonciers, ASPA "
    "(allocation de solidarité aux personnes âgées), frais versés aux MJPM (mandataires judiciaires à la protection des "
    "majeurs).",
}
BASE_SALARY_HELP = {
    "en": "Base salary: the TIB (traitement indiciaire brut, gross index-based salary) or gross base salary, EUR a month. "
    "If it was reduced during the sick leave before invalidity (half pay, compulsory leave for health reasons...), it is "
    "reconstituted: give the full amount.",
    "fr": "Traitement de base : le TIB (traitement indiciaire brut) ou le salaire de base brut, en euros par mois. S'il a "
    "été réduit pendant l'arrêt de travail précédant l'invalidité (demi-traitement, disponibilité d'office pour raisons "
    "de santé…), il est reconstitué : indiquez le montant plein.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("name", "expected"), [("pension", PENSION_HELP), ("base_salary", BASE_SALARY_HELP)])
def test_invalidity_help_says_what_counts(lang: str, name: str, expected: dict[str, str]) -> None:
    from prompt_toolkit.output import DummyOutput

    from esncli import i18n, prompts
    from esncli.rules import kinds
    from esncli.rules.model import help_text

    spec = kinds.REGISTRY["invalidity"].input(name)
    i18n.set_language(lang)
    assert help_text(spec.help) == expected[lang]

    class Wide(DummyOutput):
        def get_size(self):  # type: ignore[no-untyped-def]
            from prompt_toolkit.data_structures import Size

            return Size(rows=24, columns=80)

    shown = prompts.under(help_text(spec.help), {"output": Wide()}, "> ")  # under the question
    assert shown.split() == [*expected[lang].split(), ">"]
    i18n.set_language(None)
    result = runner.invoke(app, ["--lang", lang, "estimate", "invalidity", "--help"])
    assert result.exit_code == 0
    assert expected[lang] in " ".join(result.stdout.replace("│", " ").split())


# The zonier (issue 13): where the guide lists a place in zone 2 and a group around it in zone 3,
# esn says the guide does not decide; France's note says what the guide says and no more.
FRANCE_NOTE = {
    "en": "The zonier lists France in zone 2. The guide does not say which offer a member living in metropolitan France "
    'holds: it says that the health cover of members living abroad or in a COM "est également valable quand vous rentrez '
    'en France métropolitaine ou dans un DROM", and names MGEN Référence ("MGEN en métropole et DROM") only to point to '
    "the details of each offer's guarantees; MGEN confirms which applies. The IMA / HCS agreements do not apply there "
    '(the routing rule says "en Europe, sauf France métropolitaine"). The DROM are not zoned; the COM are zone COM.',
    "fr": "Le zonier classe la France en zone 2. Le guide ne dit pas de quelle offre relève un adhérent qui vit en France "
    "métropolitaine : il dit que la couverture Santé des adhérents qui résident à l'étranger ou dans une COM « est "
    "également valable quand vous rentrez en France métropolitaine ou dans un DROM », et ne nomme MGEN Référence (« MGEN "
    "en métropole et DROM ») que pour renvoyer au détail des garanties de chaque offre ; MGEN confirme laquelle "
    "s'applique. Les prises en charge IMA / HCS ne s'y appliquent pas (la règle dit « en Europe, sauf France "
    "métropolitaine »). Les DROM ne sont pas zonés ; les COM sont en zone COM.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_france_says_what_the_guide_says(lang: str) -> None:
    result = runner.invoke(app, ["--lang", lang, "zone", "lookup", "France", "--json"])
    record = json.loads(result.stdout)
    assert (record["zone"], record["offer"], record["network"]) == ("2", "MGEN Cyan", None)
    assert record["note"] == FRANCE_NOTE[lang]
    human = runner.invoke(app, ["--lang", lang, "zone", "lookup", "France"]).stdout
    assert human.endswith("  " + FRANCE_NOTE[lang] + "\n")


def test_anguilla_in_english_and_french() -> None:
    english = json.loads(runner.invoke(app, ["zone", "lookup", "Anguilla", "--json"]).stdout)
    assert (english["zone"], english["network"]) == ("2", "HCS")
    assert english["note"] == (
        "A Caribbean island: read as part of Central America for the guide's routing rule (HCS for \"le continent "
        'américain, sauf Cuba"), so health-care agreements go through HCS. Listed by name in zone 2; the group '
        '"Territoires du Royaume-Uni aux Antilles" (zone 3) also covers it. The guide lists both and does not say which '
        "applies: esn shows zone 2, where the place is named; MGEN confirms which applies."
    )
    french = runner.invoke(app, ["--lang", "fr", "zone", "lookup", "Anguilla"]).stdout
    assert french.splitlines()[-1] == (
        "Note      Île des Caraïbes : lue comme faisant partie de l'Amérique centrale pour la règle d'orientation du "
        "guide (HCS pour « le continent américain, sauf Cuba »), donc les prises en charge passent par HCS. Nommé(e) en "
        "zone 2 ; le groupe « Territoires du Royaume-Uni aux Antilles » (zone 3) le couvre aussi. Le guide cite les deux "
        "sans dire laquelle des deux zones s'applique : esn indique la zone 2, celle où le lieu est nommé ; MGEN confirme "
        "laquelle s'applique."
    )


@pytest.mark.parametrize("query", ["Cayman Islands", "Falklands"])
def test_a_group_in_the_same_zone_changes_nothing(query: str) -> None:
    record = json.loads(runner.invoke(app, ["zone", "lookup", query, "--json"]).stdout)
    assert record["zone"] == "3"
    assert "(zone 3 too): the same zone either way." in record["note"]
    french = json.loads(runner.invoke(app, ["--lang", "fr", "zone", "lookup", query, "--json"]).stdout)
    assert "(zone 3 aussi) : la même zone dans les deux cas." in french["note"]


def test_services_without_their_heading_are_invalid_data(tmp_path) -> None:
    """A need's services are shown under their own heading (data, both languages): without it the
    file is refused, with the entry named, exit 2, in the reader's language."""
    import shutil
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    for name in ("zones", "contacts", "guarantees"):
        shutil.copy(data / f"{name}.yaml", tmp_path / f"{name}.yaml")
    contacts_yaml = tmp_path / "contacts.yaml"
    text = contacts_yaml.read_text(encoding="utf-8")
    heading = '    services_title: {en: "What IMA assistance provides", fr: "Ce que prévoit l\'assistance IMA"}\n'
    assert heading in text
    contacts_yaml.write_text(text.replace(heading, ""), encoding="utf-8")
    line = text[: text.index("  assistance:\n")].count("\n") + 1  # the entry, as YAML reports it
    for lang, message in (
        ("en", "needs.assistance.services_title: services need a services_title (en, fr) to show them under"),
        ("fr", "needs.assistance.services_title : des services demandent un services_title (en, fr) sous lequel les afficher"),
    ):
        result = runner.invoke(app, ["--lang", lang, "contact", "Kenya", "--need", "assistance", "--data-dir", str(tmp_path)])
        assert result.exit_code == 2 and result.stdout == ""
        assert message in result.stderr and "Traceback" not in result.stderr
        assert (f"line {line}:" if lang == "en" else f"ligne {line} :") in result.stderr
