"""Exact extraction on real sentences, both languages: type, means, actors, figures, status.

Each row is one short article (its publication date fixes relative dates) and the one mention
ondit must code from it; trap rows must yield no mention at all.
"""

from __future__ import annotations

from datetime import date

import pytest

from ondit.analyse import analyse
from ondit.ingest.common import build_document
from ondit.model import Mention

PUBLISHED = "2021-03-04"  # a Thursday

# (language, text, sub_event_type, weapon, actor1, munitions, fatalities, claim_status, date)
EVENTS = [
    # An attack on a post of armed forces is a battle, its toll counted, its attacker unnamed
    # ("jihadists"), not the soldiers it killed.
    (
        "fr",
        "Des jihadistes ont attaqué mardi un poste de gendarmerie à Djibo, tuant trois gendarmes.",
        "Armed clash",
        "unknown",
        None,
        None,
        3,
        "asserted",
        date(2021, 3, 2),
    ),
    (
        "en",
        "Gunmen attacked a police checkpoint outside Gusau on Tuesday, killing four policemen.",
        "Armed clash",
        "small_arms",
        None,
        None,
        4,
        "asserted",
        date(2021, 3, 2),
    ),
    # Who acted: the forces that fire on protesters, the side a weapon's nationality names (not
    # the target's), a nationality on any of the means named.
    (
        "en",
        "Iraqi security forces fired live rounds at protesters in Baghdad on Wednesday, killing two people.",
        "Excessive force against protesters",
        "small_arms",
        "Iraqi security forces",
        None,
        2,
        "asserted",
        date(2021, 3, 3),
    ),
    (
        "en",
        "Palestinian militants fired rockets at the Israeli city of Ashkelon on Wednesday.",
        "Shelling/artillery/missile attack",
        "rocket",
        None,
        None,
        None,
        "asserted",
        date(2021, 3, 3),
    ),
    (
        "en",
        "Turkish commandos clashed with PKK fighters near Amadiya on Wednesday.",
        "Armed clash",
        "unknown",
        "Turkey",
        None,
        None,
        "asserted",
        date(2021, 3, 3),
    ),
    (
        "fr",
        "Dix roquettes ont été tirées mercredi contre la base aérienne d'Ain al-Asad, selon une source de sécurité.",
        "Shelling/artillery/missile attack",
        "rocket",
        None,
        10,
        None,
        "reported",
        date(2021, 3, 3),
    ),
    (
        "fr",
        "Dix roquettes auraient été tirées mercredi matin contre la base aérienne d'Ain al-Asad.",
        "Shelling/artillery/missile attack",
        "rocket",
        None,
        10,
        None,
        "alleged",
        date(2021, 3, 3),
    ),
    (
        "fr",
        "Trois roquettes Katioucha se sont abattues mercredi soir sur la base de Balad, sans faire de victime.",
        "Shelling/artillery/missile attack",
        "rocket",
        None,
        3,
        0,
        "asserted",
        date(2021, 3, 3),
    ),
    (
        "fr",
        "Un drone piégé a frappé mardi l'aéroport international d'Erbil. La Résistance islamique en Irak a revendiqué l'attaque.",
        "Air/drone strike",
        "drone",
        "Islamic Resistance in Iraq",
        1,
        None,
        "claimed",
        date(2021, 3, 2),
    ),
    (
        "fr",
        "Un engin explosif improvisé a visé hier un convoi logistique de la coalition près de Nassiriya.",
        "Remote explosive/landmine/IED",
        "ied",
        None,
        1,
        None,
        "asserted",
        date(2021, 3, 3),
    ),
    (
        "fr",
        "Deux kamikazes se sont fait exploser lundi sur la place Tayaran à Bagdad, faisant trente-deux morts.",
        "Suicide bomb",
        "suicide_bomb",
        None,
        None,
        32,
        "asserted",
        date(2021, 3, 1),
    ),
    (
        "fr",
        "Les forces de sécurité irakiennes ont arrêté mardi quatorze membres des Kataeb Hezbollah à Bagdad.",
        "Arrests",
        None,
        "Iraqi security forces",
        None,
        None,
        "asserted",
        date(2021, 3, 2),
    ),
    (
        "fr",
        "Des hommes armés ont ouvert le feu mercredi sur une famille de bergers près de Mouqdadiya, tuant trois personnes.",
        "Attack",
        "small_arms",
        None,
        None,
        3,
        "asserted",
        date(2021, 3, 3),
    ),
    (
        "fr",
        "Des affrontements ont opposé mardi l'armée syrienne à des combattants de Daech près de Palmyre.",
        "Armed clash",
        "unknown",
        "Syrian government",
        None,
        None,
        "asserted",
        date(2021, 3, 2),
    ),
    (
        "fr",
        "L'armée syrienne a repris mardi le contrôle de Khan Cheikhoun, a annoncé l'agence SANA.",
        "Government regains territory",
        "unknown",
        "Syrian government",
        None,
        None,
        "reported",
        date(2021, 3, 2),
    ),
    (
        "fr",
        "Des manifestants en colère ont incendié mercredi soir le consulat iranien de Najaf.",
        "Violent demonstration",
        None,
        "Rioters",
        None,
        None,
        "asserted",
        date(2021, 3, 3),
    ),
    (
        "fr",
        "La police a dispersé dimanche à coups de gaz lacrymogène des centaines de manifestants à Nassiriya.",
        "Protest with intervention",
        None,
        "Protesters",
        None,
        None,
        "asserted",
        date(2021, 2, 28),
    ),
    (
        "en",
        "Fourteen rockets struck Ain al-Asad air base on Wednesday, the Iraqi Security Media Cell said.",
        "Shelling/artillery/missile attack",
        "rocket",
        None,
        14,
        None,
        "reported",
        date(2021, 3, 3),
    ),
    (
        "en",
        "Israeli air strikes hit the international airport of Damascus on Tuesday, killing two soldiers.",
        "Air/drone strike",
        "air_strike",
        "Israel",
        None,
        2,
        "asserted",
        date(2021, 3, 2),
    ),
    (
        "en",
        "A roadside bomb reportedly hit a coalition supply convoy near Diwaniyah on Monday.",
        "Remote explosive/landmine/IED",
        "ied",
        None,
        1,
        None,
        "alleged",
        date(2021, 3, 1),
    ),
    (
        "en",
        "Saraya Awliya al-Dam claimed a rocket attack on Wednesday on a Turkish base north-east of Mosul.",
        "Shelling/artillery/missile attack",
        "rocket",
        "Saraya Awliya al-Dam",
        None,
        None,
        "claimed",
        date(2021, 3, 3),
    ),
    (
        "en",
        "Iraqi police arrested three suspects in Basra on Tuesday over the rocket attacks, officials said.",
        "Arrests",
        None,
        "Iraqi security forces",
        None,
        None,
        "reported",
        date(2021, 3, 2),
    ),
    (
        "en",
        "Gunmen shot dead 12 villagers in Zamfara state on Monday, police said.",
        "Attack",
        "small_arms",
        None,
        None,
        12,
        "reported",
        date(2021, 3, 1),
    ),
    (
        "en",
        "Protesters burned tyres and threw stones at police in Kirkuk on Saturday.",
        "Violent demonstration",
        None,
        "Rioters",
        None,
        None,
        "asserted",
        date(2021, 2, 27),
    ),
]

# Claim status in documents of two or three sentences: (language, text, status, sources). Who
# claims or denies an event is one of its sources: the claim is theirs.
STATUSES = [
    # "…, he said": the source named before.
    (
        "en",
        "Colonel Ahmed Hassan said the base was on alert. Three rockets struck Erbil airport on Monday, he said.",
        "reported",
        ["Colonel Ahmed Hassan"],
    ),
    (
        "fr",
        "Le colonel Ahmed Hassan a affirmé que la base était en alerte. Trois roquettes ont frappé lundi l'aéroport d'Erbil, a-t-il précisé.",
        "reported",
        ["colonel Ahmed Hassan"],
    ),
    # A hedge on who the actors are, not on the reason for an arrest.
    (
        "en",
        "Police arrested 15 suspected al-Shabaab members in raids across Baidoa on Saturday, the city police said.",
        "alleged",
        ["the police"],
    ),
    (
        "en",
        "Police arrested two men suspected of theft in Baidoa on Saturday, the city police said.",
        "reported",
        ["the police"],
    ),
    # French institutions the source dictionary lacks are named in English, word by word.
    (
        "fr",
        "Deux civils ont été tués mardi par un obus à Khan Younès, selon le ministère palestinien de la Santé.",
        "reported",
        ["Palestinian health ministry"],
    ),
    (
        "fr",
        "Un engin explosif a tué lundi trois soldats près de Mopti, a indiqué l'armée.",
        "reported",
        ["the Malian army"],
    ),
    # A spokesman named with his body speaks for the body; a day between verb and source is
    # no part of the name; a perpetrator telling its own attack claims it.
    (
        "en",
        "A roadside bomb killed two soldiers near Damboa on Tuesday, army spokesman Mohammed Yerima said.",
        "reported",
        ["the Nigerian army"],
    ),
    (
        "fr",
        "Deux hommes ont été interpellés mardi à Koursk, a affirmé jeudi le FSB.",
        "reported",
        ["FSB"],
    ),
    (
        "en",
        "Hezbollah fighters fired 35 Katyusha rockets at Kiryat Shmona on Tuesday evening, Hezbollah said in a statement.",
        "claimed",
        ["Hezbollah"],
    ),
    (
        "fr",
        "Une frappe de drone a tué deux hommes mercredi près de Tyr. L'armée israélienne prétend avoir éliminé un commandant du Hezbollah.",
        "claimed",
        ["the Israeli army"],
    ),
    # "Soupçonnés de" gives the reason for an arrest, not a doubt on it.
    (
        "fr",
        "La police a interpellé mardi à Cotonou six personnes soupçonnées de préparer un coup d'État, a annoncé le procureur.",
        "reported",
        ["prosecutor"],
    ),
    # A group qualified as no armed group is a source of its own.
    (
        "en",
        "RSF fighters shelled a market in El Fasher on Friday, killing nine people, the rights group said.",
        "reported",
        ["rights group"],
    ),
    # A named official is recorded by name; a spokesman "for" a body is the body; anonymous
    # medics, villagers and local radio are normalised.
    (
        "en",
        "A drone struck a Kharkiv apartment block on Tuesday, killing two people, regional governor Oleh Kiper said.",
        "reported",
        ["Oleh Kiper"],
    ),
    (
        "en",
        "Arakan Army fighters overran an army post in Buthidaung on Monday, a spokesman for the Arakan Army said.",
        "reported",
        ["Arakan Army"],
    ),
    (
        "en",
        "Israeli tank shells hit tents in Al-Mawasi on Sunday, killing four people, medics at Nasser Hospital said.",
        "reported",
        ["medical sources"],
    ),
    (
        "fr",
        "Le Pentagone, fidèle à son habitude, a affirmé que deux roquettes avaient visé mardi la base d'Aïn al-Asad.",
        "reported",
        ["the Pentagon"],
    ),
    # A source named only by what it is: the placed country's forces, the group the report is
    # about; an indefinite one is a source of its own.
    (
        "en",
        "A roadside bomb hit an army patrol outside Maiduguri on Sunday, killing three soldiers, the military said.",
        "reported",
        ["the Nigerian military"],
    ),
    (
        "fr",
        "L'armée a repris mardi le contrôle de Kidal après deux jours de combats, a annoncé l'état-major.",
        "reported",
        ["the Malian general staff"],
    ),
    (
        "en",
        "Turkish drones struck a PKK position near Sinjar on Monday, killing two fighters, the group said.",
        "reported",
        ["Kurdistan Workers' Party"],
    ),
    (
        "fr",
        "Deux combattants du PKK ont été tués mardi par une frappe de drone turque près de Sinjar, selon un communiqué du parti.",
        "reported",
        ["Kurdistan Workers' Party"],
    ),
    (
        "en",
        "Security forces fired tear gas at protesters in Khartoum on Thursday, wounding 12 people, a medical group said.",
        "reported",
        ["medical group"],
    ),
    (
        "fr",
        "Une roquette a frappé mercredi un quartier de Baqouba, selon la police de Diyala.",
        "reported",
        ["Diyala police"],
    ),
    (
        "fr",
        "Un obus a tué jeudi quatre civils à Kramatorsk, a annoncé l'administration militaire régionale.",
        "reported",
        ["regional military administration"],
    ),
    (
        "fr",
        "Les derniers soldats français ont quitté samedi la base d'Abéché, rétrocédée à l'armée tchadienne, a indiqué l'état-major français.",
        "reported",
        ["French general staff"],
    ),
    (
        "fr",
        "Des colons ont incendié jeudi plusieurs maisons du village de Jit, près de Naplouse, a rapporté l'agence palestinienne Wafa.",
        "reported",
        ["WAFA"],
    ),
    (
        "fr",
        "Des obus ont tué dimanche onze civils sur le marché de Kadougli, selon le Réseau des médecins du Soudan.",
        "reported",
        ["Sudan Doctors Network"],
    ),
    (
        "fr",
        "Un drone israélien a visé mardi une voiture près de Tyr, tuant deux personnes, selon l'Agence nationale d'information (ANI).",
        "reported",
        ["the National News Agency"],
    ),
    (
        "fr",
        "Plusieurs centaines d'habitants ont manifesté dans le calme lundi devant le siège du gouvernorat de Bassora, a constaté un correspondant de l'AFP.",
        "reported",
        ["AFP"],
    ),
    (
        "fr",
        "Des démineurs de l'armée malienne ont désamorcé mardi deux engins explosifs près de Gao, a indiqué l'état-major général des armées.",
        "reported",
        ["the Malian general staff"],
    ),
    (
        "fr",
        "Le Hezbollah a de son côté revendiqué mardi le tir d'une salve de roquettes sur la ville de Safed.",
        "claimed",
        ["Hezbollah"],
    ),
    (
        "en",
        "In Yangon, police detained at least 30 young men at bus terminals on Monday, the Assistance Association for Political Prisoners (AAPP) said.",
        "reported",
        ["Assistance Association for Political Prisoners"],
    ),
    (
        "fr",
        "Un obus a tué jeudi quatre civils à Kramatorsk, a annoncé le chef de l'administration de la ville.",
        "reported",
        ["chef de l'administration de la ville"],
    ),
    (
        "fr",
        "Trois roquettes ont frappé lundi la base de Balad. Les Kataeb Hezbollah ont démenti toute implication.",
        "denied",
        ["Kataib Hezbollah"],
    ),
    (
        "en",
        "A drone struck the Harir air base on Monday. Iran denied any involvement in the attack.",
        "denied",
        ["Iran"],
    ),
    (
        "fr",
        "Trois roquettes ont visé lundi l'aéroport d'Erbil, selon la police kurde. La coalition fait état de cinq roquettes, selon un communiqué de la coalition.",
        "disputed",
        ["Kurdish police", "the US-led coalition"],
    ),
    (
        "en",
        "Three rockets hit Erbil airport on Monday, Kurdish police said. Fourteen rockets were fired, according to the coalition.",
        "disputed",
        ["Kurdish police", "the US-led coalition"],
    ),
    (
        "fr",
        "Des roquettes auraient frappé lundi la base d'Ain al-Asad. Les Kataeb Hezbollah ont revendiqué l'attaque.",
        "claimed",
        ["Kataib Hezbollah"],
    ),
    (
        "en",
        "Rockets reportedly hit Ain al-Asad air base on Monday. Kataib Hezbollah claimed responsibility for the attack.",
        "claimed",
        ["Kataib Hezbollah"],
    ),
    (
        "fr",
        "Selon l'OSDH, deux drones ont frappé mardi la base d'Al-Tanf.",
        "reported",
        ["Syrian Observatory for Human Rights"],
    ),
    (
        "en",
        "Two drones hit the Al-Tanf garrison on Tuesday, the Pentagon said.",
        "reported",
        ["the Pentagon"],
    ),
    (
        "fr",
        "Deux drones ont visé mardi la base d'Al-Tanf. Aucun groupe n'a revendiqué l'attaque.",
        "asserted",
        [],
    ),
    (
        "fr",
        "Sept roquettes ont frappé lundi la zone verte de Bagdad. Les sirènes ont retenti dans toute la ville. "
        "Des habitants ont filmé la scène depuis leurs toits. Les vitres de plusieurs immeubles ont volé en "
        "éclats. Et Ashab al-Kahf n'a pas tardé à revendiquer l'attaque.",
        "claimed",
        [],
    ),
]

TRAPS = [
    ("fr", "Depuis janvier, 133 attaques ont visé les convois de la coalition en Irak."),
    ("fr", "Les milices menacent de frapper les bases américaines si les troupes ne partent pas."),
    (
        "fr",
        "Aucun des missiles tirés n'a été intercepté, se félicitaient jeudi les comptes proches des factions.",
    ),
    (
        "fr",
        "Le Parlement irakien a voté dimanche une résolution demandant le départ des troupes étrangères.",
    ),
    (
        "fr",
        "L'armée irakienne a mené jeudi près de Bassora un exercice à tirs réels mobilisant artillerie et lance-roquettes.",
    ),
    (
        "en",
        "The militia will strike US bases again if the troops do not leave, its spokesman warned.",
    ),
    (
        "en",
        "There were 12 attacks on coalition convoys in 48 hours, a tally by the coalition shows.",
    ),
    ("en", "Will Washington ever learn the lesson of Ain al-Asad?"),
    (
        "fr",
        "Les soldats US de Harir tremblent à l'idée d'avoir à faire face aux drones qui s'abattent sur leurs bases.",
    ),
    (
        "fr",
        "C'est le même scénario qu'en Libye, où les missiles américains frappaient al-Watiya et en laissaient la gloire à Erdogan.",
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "sub", "weapon", "actor1", "munitions", "fatalities", "status", "day"),
    EVENTS,
)
def test_one_mention_with_exact_values(
    language: str,
    text: str,
    sub: str,
    weapon: str | None,
    actor1: str | None,
    munitions: int | None,
    fatalities: int | None,
    status: str,
    day: date,
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    mentions = analyse(document).mentions
    assert len(mentions) == 1, [m.sub_event_type for m in mentions]
    (m,) = mentions
    assert (m.sub_event_type, m.weapon, m.actor1) == (sub, weapon, actor1)
    assert (m.munitions, m.fatalities, m.claim_status, m.date) == (
        munitions,
        fatalities,
        status,
        day,
    )
    assert m.evidence in text
    for spans in m.spans.values():
        for span in spans:
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(("language", "text"), TRAPS)
def test_not_an_incident(language: str, text: str) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    assert analyse(document).mentions == []


@pytest.mark.parametrize(("language", "text", "status", "sources"), STATUSES)
def test_claim_status_and_sources(
    language: str, text: str, status: str, sources: list[str]
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    (mention,) = analyse(document).mentions
    assert (mention.claim_status, mention.sources) == (status, sources)
    assert mention.spans.get("claim_status") or status in ("reported", "asserted")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Two days after Saturday's drone attack on Ain al-Asad air base, a roadside bomb struck a coalition supply convoy near Hit on Monday.",
            [
                ("Remote explosive/landmine/IED", date(2021, 3, 1), "Hit"),
                ("Air/drone strike", date(2021, 2, 27), "Ain al-Asad Air Base"),
            ],
        ),
        (
            "fr",
            "Deux jours après les tirs de roquettes qui ont visé lundi la base aérienne de Balad, trois roquettes se sont abattues près de l'aéroport international de Bagdad.",
            [
                (
                    "Shelling/artillery/missile attack",
                    date(2021, 3, 3),
                    "Baghdad International Airport",
                ),
                ("Shelling/artillery/missile attack", date(2021, 3, 1), "Balad Air Base"),
            ],
        ),
    ],
)
def test_an_earlier_incident_named_in_passing_is_a_mention_of_its_own(
    language: str, text: str, expected: list[tuple[str, date, str]]
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    got = [(m.sub_event_type, m.date, m.location) for m in analyse(document).mentions]
    assert got == expected


def test_a_body_named_by_its_kind_is_the_one_named_before() -> None:
    text = (
        "The Security Media Cell said three rockets hit Balad air base on Tuesday. "
        "Hours later, a roadside bomb hit a convoy near Tikrit, the cell said."
    )
    document = build_document("t", text, origin="test", published=PUBLISHED, language="en")
    rockets, bomb = analyse(document).mentions
    assert (bomb.location, bomb.sources) == ("Tikrit", ["the Security Media Cell"])
    assert [span.text for span in bomb.spans["sources"]] == ["cell", "Security Media Cell"]
    assert rockets.sources == ["the Security Media Cell"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Des jihadistes ont attaqué mardi un poste militaire à Djibo, tuant trois soldats. "
            "Le lendemain, un drone de l'armée a frappé leur campement près d'Arbinda.",
        ),
        (
            "en",
            "Militants attacked an army post in Diffa on Tuesday, killing four soldiers. "
            "The next day, a drone strike hit their camp near Diffa.",
        ),
    ],
)
def test_the_next_day_is_the_day_after_the_one_told_before(language: str, text: str) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    attack, strike = analyse(document).mentions
    assert (attack.sub_event_type, attack.date) == ("Armed clash", date(2021, 3, 2))
    assert (strike.sub_event_type, strike.date) == ("Air/drone strike", date(2021, 3, 3))
    assert len(strike.spans["date"]) == 2  # the day told before, and "the next day"


def _mentions(language: str, text: str) -> list[Mention]:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    return analyse(document).mentions


def test_the_next_place_of_a_salvo_keeps_the_attacker_named_first() -> None:
    text = (
        "Russia fired 41 missiles at Ukraine overnight, killing at least four people, officials "
        "said on Saturday. In Ivano-Frankivsk, a cruise missile hit a combined heat and power "
        "plant, killing two workers, the regional governor said."
    )
    salvo, plant = _mentions("en", text)
    assert (plant.location, plant.actor1, salvo.actor1) == ("Ivano-Frankivsk", "Russia", "Russia")
    assert [text[s.start : s.end] for s in plant.spans["actor1"]] == ["Russia"]


def test_an_attacker_guessed_from_bare_troops_is_not_carried_on() -> None:
    text = "Troops fired two missiles at Balad air base on Saturday. On Sunday a missile hit Camp Taji."
    first, second = _mentions("en", text)
    assert (first.actor1, second.location, second.actor1) == (
        "Iraqi security forces",
        "Camp Taji",
        None,
    )


@pytest.mark.parametrize(
    ("language", "text", "actor"),
    [
        (
            "fr",
            "L'armée malienne a annoncé avoir repris samedi le contrôle d'Anéfis, dans la région de Kidal.",
            "Malian security forces",
        ),
        (
            "en",
            "Iraq's Counter-Terrorism Service said it arrested a senior Islamic State financier in a raid in Hawija on Wednesday.",
            "Iraqi security forces",
        ),
    ],
)
def test_the_side_that_says_it_did_the_deed_is_its_actor(
    language: str, text: str, actor: str
) -> None:
    (mention,) = _mentions(language, text)
    assert mention.actor1 == actor
    assert mention.spans["actor1"]


@pytest.mark.parametrize(
    ("language", "text", "fatalities"),
    [
        (
            "en",
            "Jihadists gunned down 17 farmers near Mafa in Borno state on Monday, residents said. "
            "More than 40,000 people have died in the insurgency since 2009.",
            17,
        ),
        (
            "fr",
            "Un obus a tué mardi trois civils sur le marché de Kadougli. Le conflit, qui dure "
            "depuis avril 2023, a fait plus de 20 000 morts.",
            3,
        ),
        (
            "fr",
            "Des insurgés ont tué lundi quatre villageois près de Macomia. L'insurrection, qui a "
            "éclaté en octobre 2017, a fait plus de 4 000 morts.",
            4,
        ),
        (
            "en",
            "An Israeli strike killed six people in Rafah on Monday, medics said. More than 39,000 "
            "Palestinians have been killed in the war, the health ministry says.",
            6,
        ),
    ],
)
def test_a_toll_over_years_told_next_is_no_toll_of_the_incident(
    language: str, text: str, fatalities: int
) -> None:
    (mention,) = _mentions(language, text)
    assert mention.fatalities == fatalities


def test_a_nationality_beside_a_common_noun_alias_names_its_owner() -> None:
    text = "Mexican marines captured a cartel leader in Guadalajara this morning, the navy said."
    (mention,) = _mentions("en", text)
    assert (mention.actor1, mention.sources) == ("Mexican security forces", ["the Mexican navy"])


def test_the_side_that_counts_its_dead_is_the_target() -> None:
    text = (
        "Samedi, les occupants américains ont compté leurs premiers morts après le tir de "
        "missiles sur la base de Balad."
    )
    document = build_document("t", text, origin="test", published=PUBLISHED, language="fr")
    (m,) = analyse(document).mentions
    assert (m.sub_event_type, m.actor1, m.actor2) == (
        "Shelling/artillery/missile attack",
        None,
        "United States",
    )
    assert [s.text for s in m.spans["actor2"]] == ["américains"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "Jeudi, un double attentat suicide a fait 32 morts place Tayaran, à Bagdad. "
            "Des hélicoptères américains auraient amené de Syrie à al-Tanf les kamikazes "
            "chargés de commettre l'attentat suicide de jeudi.",
            [("Suicide bomb", date(2021, 3, 4), "Tayaran Square", 32)],
        ),
        (
            "fr",
            "Un double attentat suicide a fait 32 morts jeudi place Tayaran, "
            "à Bagdad. Des sources affirment que l'un des deux kamikazes aurait transité par "
            "l'Arabie saoudite avant de rejoindre Bagdad jeudi.",
            [("Suicide bomb", date(2021, 3, 4), "Tayaran Square", 32)],
        ),
        (
            "en",
            "A car bomb killed nine people in Mosul on Tuesday. The bombing was condemned "
            "on Wednesday by officials gathered in Erbil.",
            [("Remote explosive/landmine/IED", date(2021, 3, 2), "Mosul", 9)],
        ),
        (
            "fr",
            "Une roquette a frappé mardi la base de Balad. Mercredi, l'attaque à la roquette "
            "contre la base de Taji a fait deux blessés.",
            [
                ("Shelling/artillery/missile attack", date(2021, 3, 2), "Balad Air Base", None),
                ("Shelling/artillery/missile attack", date(2021, 3, 3), "Camp Taji", None),
            ],
        ),
    ],
)
def test_an_incident_recalled_by_a_definite_noun_keeps_its_first_place(
    language: str, text: str, expected: list[tuple[str, date, str, int | None]]
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    got = [(m.sub_event_type, m.date, m.location, m.fatalities) for m in analyse(document).mentions]
    assert got == expected


# (language, text, sub_event_type, weapon): wordings of the language beyond the first triggers.
WORDINGS = [
    (
        "fr",
        "Mercredi, six ouvriers ont été tués par balle près de Mpeketoni par des assaillants venus de la forêt.",
        "Attack",
        "small_arms",
    ),
    (
        "fr",
        "Accusé d'avoir volé une moto, un jeune homme a été battu à mort mardi à Goma par une foule en colère.",
        "Mob violence",
        None,
    ),
    (
        "fr",
        "Une grenade a été lancée lundi soir contre un bureau de vote de Cotabato, blessant trois personnes.",
        "Grenade",
        "unknown",
    ),
    (
        "fr",
        "La ville de Kamanyola est passée samedi sous le contrôle des rebelles du M23.",
        "Non-state actor overtakes territory",
        "unknown",
    ),
    (
        "fr",
        "Deux avions de l'armée ont largué leurs bombes lundi sur un marché de Kutum, tuant sept civils.",
        "Air/drone strike",
        "air_strike",
    ),
    (
        "en",
        "Two jets dropped bombs on a market in Kutum on Monday, killing seven civilians.",
        "Air/drone strike",
        "air_strike",
    ),
    (
        "fr",
        "Le chef de la milice a ordonné vendredi la remise de leurs armes lourdes à l'État à Bassora.",
        "Change to group/activity",
        None,
    ),
    (
        "fr",
        "Dix-sept habitants d'un village proche de Makurdi ont été abattus dimanche par des hommes armés, a déclaré la police.",
        "Attack",
        "small_arms",
    ),
    (
        "fr",
        "Des combattants du JNIM ont pris possession mardi de la ville de Boni, abandonnée par l'armée.",
        "Non-state actor overtakes territory",
        "unknown",
    ),
    (
        "en",
        "Fighters of the group took possession of the town of Boni on Tuesday after the army left.",
        "Non-state actor overtakes territory",
        "unknown",
    ),
    (
        "fr",
        "Des obus chargés de chloropicrine ont été tirés mardi sur des tranchées près de Toretsk, selon l'armée.",
        "Chemical weapon",
        "artillery",
    ),
    (
        "en",
        "Drones dropped canisters of chloropicrin on trenches near Toretsk on Tuesday, the army said.",
        "Chemical weapon",
        "drone",
    ),
    (
        "fr",
        "Un engin artisanal a explosé mardi au passage d'un convoi près de Mopti, tuant deux soldats.",
        "Remote explosive/landmine/IED",
        "ied",
    ),
    (
        "fr",
        "Deux commerçants ont été emmenés mardi par des hommes armés à la sortie de Gao.",
        "Abduction/forced disappearance",
        "small_arms",
    ),
    (
        "fr",
        "Un manifestant a été tué par balle mardi à Bagdad lorsque la police a tiré sur la foule.",
        "Excessive force against protesters",
        "small_arms",
    ),
    (
        "en",
        "Police fired live rounds at youths burning tyres on a road in Beira on Tuesday, killing one.",
        "Excessive force against protesters",
        "small_arms",
    ),
    (
        "fr",
        "L'armée turque a commencé mardi à aménager une base près de Tal Abyad.",
        "Headquarters or base established",
        None,
    ),
    (
        "fr",
        "Une explosion d'origine inexpliquée a détruit mardi un dépôt de munitions près de Homs.",
        "Other",
        None,
    ),
    (
        "en",
        "Security forces scattered a protest of teachers in Erbil on Tuesday and detained ten of them.",
        "Protest with intervention",
        None,
    ),
    (
        "en",
        "Israeli troops pulled out of the town of Khiam on Tuesday and Lebanese soldiers moved in behind them.",
        "Non-violent transfer of territory",
        None,
    ),
    (
        "en",
        "The group said on Tuesday it was handing its heavy weapons over to the army in Koya.",
        "Change to group/activity",
        None,
    ),
    (
        "en",
        "Government troops reclaimed the town of Kafr Nabl from rebels on Tuesday, state media said.",
        "Government regains territory",
        "unknown",
    ),
    (
        "en",
        "Islamic State fighters took over the army camp at Baiji on Monday.",
        "Non-state actor overtakes territory",
        "unknown",
    ),
    (
        "en",
        "French troops pulled out of their camp at Gossi on Tuesday and handed it over to the Malian army.",
        "Non-violent transfer of territory",
        None,
    ),
    (
        "en",
        "Forty al-Shabaab fighters defected to the government in Kismayo on Sunday.",
        "Change to group/activity",
        None,
    ),
    (
        "en",
        "Insurgents fired shells filled with sulphur mustard at the town of Tal Afar on Monday.",
        "Chemical weapon",
        "artillery",
    ),
    (
        "en",
        "A US strike near Jilib on Wednesday killed five al-Shabaab militants.",
        "Air/drone strike",
        "air_strike",
    ),
    (
        "en",
        "Investigators began exhuming a mass grave near Sinjar on Monday.",
        "Other",
        None,
    ),
    (
        "en",
        "A crowd set upon two men accused of kidnapping in Kano on Friday and burned them alive.",
        "Mob violence",
        None,
    ),
    (
        "en",
        "Demonstrators hurled petrol bombs at the governor's office in Nasiriyah on Sunday.",
        "Violent demonstration",
        None,
    ),
    (
        "en",
        "Militias and tribal fighters battled for hours around Sirte on Thursday.",
        "Armed clash",
        "unknown",
    ),
    (
        "en",
        "Settlers attacked Palestinian shepherds near Masafer Yatta on Saturday, beating two of them.",
        "Attack",
        None,
    ),
    (
        "fr",
        "Un kamikaze portant une ceinture d'explosifs s'est fait exploser lundi devant un marché de Gao.",
        "Suicide bomb",
        "suicide_bomb",
    ),
    (
        "fr",
        "Trois villageois ont péri mardi quand leur charrette a sauté sur une mine près de Ménaka.",
        "Remote explosive/landmine/IED",
        "ied",
    ),
    (
        "fr",
        "Une fosse commune contenant une vingtaine de corps a été découverte jeudi près de Sévaré.",
        "Other",
        None,
    ),
    (
        "fr",
        "Des obus chargés de gaz suffocant ont frappé samedi un quartier de Douma.",
        "Chemical weapon",
        "artillery",
    ),
]


# Found in articles: what the sentence around the trigger says decides.
WORDINGS += [
    # Ambushes, riots, disabled devices, arson and territory told without the usual words.
    (
        "fr",
        "Mardi, une patrouille de l'armée est tombée dans une embuscade près de Ouallam : cinq soldats ont péri.",
        "Armed clash",
        "unknown",
    ),
    (
        "en",
        "Young men hurled stones at the governor's office in Nasiriyah on Monday night.",
        "Violent demonstration",
        None,
    ),
    (
        "en",
        "Soldiers found and disabled four homemade explosive devices near Aguililla on Monday.",
        "Disrupted weapons use",
        "ied",
    ),
    (
        "fr",
        "Des colons ont mis le feu à des maisons dans le village de Douma jeudi soir.",
        "Looting/property destruction",
        None,
    ),
    (
        "en",
        "Heavily armed gang members swept into the town of Mirebalais on Monday.",
        "Non-state actor overtakes territory",
        "unknown",
    ),
    (
        "fr",
        "Jeudi, un drone américain a assassiné un commandant des Nujaba à Bagdad.",
        "Air/drone strike",
        "drone",
    ),
    # Air strikes told by their aircraft; interceptions told with a pronoun, with "ne … que",
    # or by making a device harmless; mobs, abductions and territory told by what was done.
    (
        "en",
        "On Tuesday, Israeli jets struck the port of Hodeidah, killing nine people.",
        "Air/drone strike",
        "air_strike",
    ),
    (
        "fr",
        "Samedi, des avions de guerre turcs ont bombardé des positions du PKK près d'Amadiya.",
        "Air/drone strike",
        "air_strike",
    ),
    (
        "en",
        "Air defences brought two of them down over Erbil on Tuesday.",
        "Disrupted weapons use",
        "air_defense",
    ),
    (
        "en",
        "Police bomb technicians rendered harmless a roadside device near Afgoye on Monday.",
        "Disrupted weapons use",
        "ied",
    ),
    (
        "en",
        "A man accused of theft was stoned and beaten to death by residents in Goma on Friday.",
        "Mob violence",
        None,
    ),
    (
        "en",
        "Gunmen seized six aid workers at gunpoint near Kidal on Sunday.",
        "Abduction/forced disappearance",
        "small_arms",
    ),
    (
        "fr",
        "Des jihadistes se sont rendus maîtres jeudi de la ville de Bourem.",
        "Non-state actor overtakes territory",
        "unknown",
    ),
    (
        "en",
        "An explosion of unknown origin ripped through an arms depot near Tikrit on Monday.",
        "Other",
        None,
    ),
    (
        "en",
        "The two factions signed a pledge to halt the killings in Basra on Sunday.",
        "Agreement",
        None,
    ),
    (
        "fr",
        "La Minusma a remis mardi les clés du camp de Tessalit à l'armée malienne.",
        "Non-violent transfer of territory",
        None,
    ),
    (
        "en",
        "The base's C-RAM system brought down two of them near Ain al-Asad on Monday.",
        "Disrupted weapons use",
        "air_defense",
    ),
    (
        "en",
        "Bomb disposal teams defused a car bomb parked near a market in Tikrit on Tuesday.",
        "Disrupted weapons use",
        "vbied",
    ),
    (
        "en",
        "Supporters of a barred candidate set fire to the gate of the electoral office in Kut on Monday.",
        "Violent demonstration",
        None,
    ),
    (
        "en",
        "More than 300 fighters surrendered to Nigerian troops in Bama on Sunday.",
        "Change to group/activity",
        None,
    ),
]

WORDINGS += [
    (
        "en",
        "Bomb-disposal engineers made safe two explosive devices under a bridge in Tarmiyah on Monday.",
        "Disrupted weapons use",
        "ied",
    ),
    (
        "fr",
        "Huit civils ont péri mercredi lorsque leur minibus a roulé sur une mine artisanale près de Boni.",
        "Remote explosive/landmine/IED",
        "ied",
    ),
    (
        "fr",
        "Des paramilitaires ont mis à sac lundi le grand marché de Wad Madani.",
        "Looting/property destruction",
        None,
    ),
]

# A strike that an attack verb tells, with whose it is said beside it; aerial bombs are air
# strikes; people seized are abducted; a new military position is a base established.
WORDINGS += [
    (
        "fr",
        "Des frappes américaines ont visé mardi plusieurs positions des Houthis à Saada, faisant trois blessés.",
        "Air/drone strike",
        "air_strike",
    ),
    ("en", "Israeli strikes hit Rafah on Monday.", "Air/drone strike", "air_strike"),
    (
        "en",
        "Two Russian guided aerial bombs struck an industrial area of Zaporizhzhia on Friday, injuring five workers.",
        "Air/drone strike",
        "air_strike",
    ),
    (
        "en",
        "Armed bandits seized 15 farm labourers on the outskirts of Kankara in Katsina state on Thursday.",
        "Abduction/forced disappearance",
        None,
    ),
    (
        "en",
        "Israeli troops set up a new military position on a hill overlooking Quneitra on Thursday.",
        "Headquarters or base established",
        None,
    ),
    (
        "en",
        "Police shot dead two demonstrators in Kisumu on Tuesday as crowds protesting against police brutality tried to march on the county offices.",
        "Excessive force against protesters",
        "small_arms",
    ),
]

# Crowd control is no weapon; arrests that break up a gathering are an intervention; a crowd
# that beats men "suspected of" a crime is a mob.
WORDINGS += [
    (
        "fr",
        "La police kurde a dispersé mercredi à coups de canons à eau un rassemblement d'enseignants qui réclamaient leurs salaires devant le parlement régional, à Souleimaniyeh.",
        "Protest with intervention",
        None,
    ),
    (
        "en",
        "Police fired tear gas and detained dozens of supporters of the party who had gathered in Lahore on Friday to demand the release of their leaders.",
        "Protest with intervention",
        None,
    ),
    (
        "en",
        "Residents of Juchitan in Oaxaca beat two men suspected of robbing a grocery store on Wednesday, killing one of them.",
        "Mob violence",
        None,
    ),
    (
        "en",
        "Gunmen killed three villagers suspected of collaborating with the army near Djibo on Monday.",
        "Attack",
        "small_arms",
    ),
]

# Not incidents, though an event word stands in them.
TRAPS += [
    ("en", "A general strike hit the ports of Marseille on Monday."),
    (
        "fr",
        "Les marines américaine et française ont conduit mardi au large de Djibouti des manœuvres simulant l'interception de drones.",
    ),
    ("en", "The government said on Monday in Damascus that it had never used chemical weapons."),
    ("en", "Kidnappings for ransom have surged across Zamfara since Monday, officials say."),
    ("en", "The council accused the men on Tuesday in Erbil of planning bomb attacks."),
    ("fr", "Les assaillants ont rassemblé mardi les hommes du village de Djibo."),
]


@pytest.mark.parametrize(("language", "text", "sub", "weapon"), WORDINGS)
def test_wordings_of_each_sub_event_type(
    language: str, text: str, sub: str, weapon: str | None
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    mentions = analyse(document).mentions
    assert [(m.sub_event_type, m.weapon) for m in mentions] == [(sub, weapon)]


@pytest.mark.parametrize(
    ("language", "text", "interceptor", "firer"),
    [
        (
            "en",
            "Ukraine's air force said it shot down all six ballistic missiles Russia fired at Kyiv overnight.",
            "Ukraine",
            "Russia",
        ),
        (
            "en",
            "Israel's Iron Dome intercepted 12 rockets fired by Hamas at Sderot on Monday.",
            "Israel",
            "Hamas",
        ),
    ],
)
def test_an_interception_and_its_attack_have_opposite_sides(
    language: str, text: str, interceptor: str, firer: str
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    stopped, attack = analyse(document).mentions
    assert (stopped.sub_event_type, stopped.actor1, stopped.actor2) == (
        "Disrupted weapons use",
        interceptor,
        firer,
    )
    assert (attack.actor1, attack.actor2) == (firer, interceptor)
    # The side that says it shot the missiles down claims the interception, not the attack.
    assert attack.claim_status != "claimed"


@pytest.mark.parametrize(
    ("language", "text", "sub", "actor1", "actor2"),
    [
        # A foreign army that takes a place overtakes it, whatever the verb.
        (
            "en",
            "Russian troops liberated the village of Krasnohorivka near Donetsk on Tuesday.",
            "Non-state actor overtakes territory",
            "Russia",
            None,
        ),
        # Those who fall into an ambush, or die in it, are the side hit.
        (
            "en",
            "Jihadists ambushed an army convoy near Torodi on Tuesday, killing 17 soldiers.",
            "Armed clash",
            None,
            "Nigerien security forces",
        ),
        (
            "fr",
            "Mardi, une patrouille de l'armée est tombée dans une embuscade près de Ouallam : cinq soldats ont péri.",
            "Armed clash",
            None,
            "Nigerien security forces",
        ),
    ],
)
def test_who_took_or_fell_into_it(
    language: str, text: str, sub: str, actor1: str | None, actor2: str | None
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    (mention,) = analyse(document).mentions
    assert (mention.sub_event_type, mention.actor1, mention.actor2) == (sub, actor1, actor2)


def test_a_day_earlier_counts_from_the_last_date_told_and_a_source_keeps_its_name() -> None:
    text = (
        "Rockets hit Ain al-Asad air base on Saturday evening, wounding two US soldiers. "
        "The Islamic Resistance in Iraq, an umbrella of armed factions, said in a Telegram post "
        "that its fighters had fired them. "
        "Officials said the launcher was later found abandoned. "
        "Nobody else commented on the strike. "
        "A day earlier, a drone packed with explosives crashed near the runway of Erbil airport."
    )
    document = build_document("t", text, origin="test", published=PUBLISHED, language="en")
    rockets, drone = analyse(document).mentions
    assert (rockets.date, rockets.claim_status) == (date(2021, 2, 27), "claimed")
    assert "Islamic Resistance in Iraq" in rockets.sources
    assert not any("Telegram post" in name for name in rockets.sources)
    assert (drone.sub_event_type, drone.location, drone.date) == (
        "Air/drone strike",
        "Erbil International Airport",
        date(2021, 2, 26),
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "A drone struck Odesa on Monday, according to"),
        ("fr", "Une roquette a frappé lundi Bagdad, selon"),
    ],
)
def test_a_cue_that_ends_the_text_names_no_source(language: str, text: str) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    analysis = analyse(document)
    assert analysis.document.error is None
    assert [m.sources for m in analysis.mentions] == [[]]


@pytest.mark.parametrize(
    ("text", "subs"),
    [
        # "sites de pillage" says what the fields are called; the drones are the incident.
        (
            "Mardi, les drones ont visé à Deir ez-Zor les champs pétroliers que Damas appelle des sites de pillage.",
            ["Air/drone strike"],
        ),
        (
            "Des miliciens ont pillé mardi les entrepôts du port de Goma.",
            ["Looting/property destruction"],
        ),
    ],
)
def test_a_looting_word_that_names_a_place_is_no_looting(text: str, subs: list[str]) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language="fr")
    assert [m.sub_event_type for m in analyse(document).mentions] == subs


def test_ne_que_restricts_and_does_not_deny() -> None:
    text = "Le système C-RAM de l'ambassade n'a réussi à abattre qu'un seul des trois drones lundi à Bagdad."
    document = build_document("t", text, origin="test", published=PUBLISHED, language="fr")
    mentions = analyse(document).mentions
    assert [(m.sub_event_type, m.location) for m in mentions] == [
        ("Disrupted weapons use", "Baghdad"),
        ("Air/drone strike", "Baghdad"),
    ]


def test_one_demonstration_told_twice_is_coded_by_its_gravest_turn() -> None:
    text = (
        "Hundreds of students marched in Sidon on Tuesday to protest against rising prices. "
        "Riot police in Sidon responded on Tuesday with tear gas and water cannon."
    )
    document = build_document("t", text, origin="test", published=PUBLISHED, language="en")
    got = [(m.sub_event_type, m.location, m.date) for m in analyse(document).mentions]
    assert got == [("Protest with intervention", "Sidon", date(2021, 3, 2))]


def test_a_clash_named_as_the_time_of_another_event_needs_its_own_place_or_date() -> None:
    text = (
        "Islamic State fighters overran an army base in Magumeri on Saturday evening after a "
        "two-hour gun battle, a military source said."
    )
    document = build_document("t", text, origin="test", published=PUBLISHED, language="en")
    got = [(m.sub_event_type, m.location) for m in analyse(document).mentions]
    assert got == [("Non-state actor overtakes territory", "Magumeri")]


@pytest.mark.parametrize(
    ("language", "text", "defender"),
    [
        (
            "en",
            "The base's C-RAM system brought down two drones near Ain al-Asad on Wednesday.",
            "United States",
        ),
        (
            "en",
            "Iron Dome batteries intercepted most of the rockets fired at Ashdod on Wednesday.",
            "Israel",
        ),
    ],
)
def test_an_air_defence_that_names_its_operator_makes_it_the_interceptor(
    language: str, text: str, defender: str
) -> None:
    document = build_document("t", text, origin="test", published=PUBLISHED, language=language)
    interception, attack = analyse(document).mentions
    assert (interception.sub_event_type, interception.actor1) == ("Disrupted weapons use", defender)
    assert (attack.actor1, attack.actor2) == (None, defender)


def test_a_recall_adds_no_actor_or_hedge_of_the_sentence_it_sits_in() -> None:
    text = (
        "Un double attentat suicide a fait 32 morts jeudi place Tayaran, à Bagdad. Le "
        "gouvernement a décrété un deuil national. Les analystes s'interrogent sur les failles du "
        "renseignement. L'un des deux kamikazes saoudiens aurait transité par la frontière "
        "jordanienne avant de frapper Bagdad jeudi."
    )
    document = build_document("t", text, origin="test", published=PUBLISHED, language="fr")
    (mention,) = analyse(document).mentions
    assert (mention.location, mention.actor1, mention.claim_status, mention.fatalities) == (
        "Tayaran Square",
        None,
        "asserted",
        32,
    )


@pytest.mark.parametrize(
    ("language", "text", "status"),
    [
        (
            "en",
            "A drone slammed into an apartment block in Poltava on Tuesday, killing two residents, "
            "the regional administration said. On the front line, the general staff said its "
            "troops had repelled 48 Russian assaults near Pokrovsk.",
            "reported",
        ),
        (
            "fr",
            "Un drone s'est abattu mardi sur un immeuble de Poltava, tuant deux habitants, selon "
            "l'administration régionale. Sur le front, l'armée affirme avoir repoussé 48 assauts "
            "russes près de Pokrovsk.",
            "reported",
        ),
        (
            "en",
            "Rockets hit the Ain al-Asad air base on Tuesday, a security source said. The Islamic "
            "Resistance in Iraq said its fighters had fired a barrage of rockets at the base.",
            "claimed",
        ),
        (
            "fr",
            "Des roquettes ont frappé mardi la base d'Aïn al-Assad, selon une source sécuritaire. "
            "La Résistance islamique en Irak a affirmé avoir tiré une salve de roquettes sur la base.",
            "claimed",
        ),
        # A source that names the culprit reports; it does not hedge.
        (
            "en",
            "A roadside bomb killed two soldiers near Maiduguri on Monday, the army said, "
            "blaming Boko Haram.",
            "reported",
        ),
        (
            "fr",
            "Un obus a tué deux civils dimanche à Marhanets, a indiqué le gouverneur, qui impute "
            "le tir aux forces russes.",
            "reported",
        ),
        # Marchers contesting an election result deny nothing.
        (
            "fr",
            "Quatre manifestants ont été tués par balle lundi à Garoua lorsque des gendarmes ont "
            "ouvert le feu sur un cortège qui contestait les résultats, selon des avocats.",
            "reported",
        ),
    ],
)
def test_the_status_of_a_later_claim_blame_or_contest(
    language: str, text: str, status: str
) -> None:
    (mention,) = _mentions(language, text)
    assert mention.claim_status == status


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Bandits abducted 31 passengers on the Gusau-Funtua highway on Sunday, police said. "
            "In Sokoto State, residents said an air force jet had bombed a village near Isa on "
            "Saturday; the air force denied carrying out any strike in the area.",
        ),
        (
            "fr",
            "Des bandits ont enlevé dimanche 31 passagers sur la route de Gusau, selon la police. "
            "Dans l'État de Sokoto, des habitants affirment qu'un avion de l'armée de l'air a "
            "bombardé samedi un village près d'Isa ; l'armée de l'air a démenti toute frappe dans "
            "la zone.",
        ),
    ],
)
def test_a_denial_after_another_kind_of_incident_is_that_ones(language: str, text: str) -> None:
    abduction, strike = _mentions(language, text)
    assert (abduction.sub_event_type, abduction.claim_status) == (
        "Abduction/forced disappearance",
        "reported",
    )
    assert (strike.sub_event_type, strike.claim_status) == ("Air/drone strike", "denied")


@pytest.mark.parametrize(
    ("language", "text", "sub"),
    [
        (
            "fr",
            "Des militaires ont ouvert le feu mardi soir sur des jeunes qui manifestaient à "
            "Lagos, tuant douze personnes, a affirmé Amnesty International. L'armée nie avoir "
            "tiré à balles réelles.",
            "Excessive force against protesters",
        ),
        (
            "en",
            "A cruise missile tore through a children's hospital in Kyiv on Monday, killing two "
            "people, the city administration said. Moscow denied striking the hospital.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_an_act_denied_after_its_incident_is_that_incidents_denial(
    language: str, text: str, sub: str
) -> None:
    (mention,) = _mentions(language, text)
    assert (mention.sub_event_type, mention.claim_status) == (sub, "denied")
    assert mention.spans["claim_status"]


def test_an_act_told_only_as_denied_is_the_incident() -> None:
    text = "The Sudanese army denied using chemical weapons in Kutum on Thursday."
    (mention,) = _mentions("en", text)
    assert (mention.sub_event_type, mention.location, mention.claim_status) == (
        "Chemical weapon",
        "Kutum",
        "denied",
    )


@pytest.mark.parametrize(
    ("language", "text", "sources"),
    [
        (
            "en",
            "An Israeli drone strike killed two people in Bint Jbeil on Saturday, Lebanon's "
            "state-run National News Agency said.",
            ["the National News Agency"],
        ),
        (
            "en",
            "Police fired tear gas at protesters in Maputo on Friday, the election-monitoring "
            "group Plataforma Decide said.",
            ["Plataforma Decide"],
        ),
        (
            "en",
            "Four people were killed in air raids on Saada on Sunday, the Houthi-run Al-Masirah "
            "TV said.",
            ["Al-Masirah"],
        ),
        (
            "fr",
            "Un drone turc a frappé lundi un véhicule près de Qamichli, selon l'agence kurde Firat.",
            ["Firat"],
        ),
        (
            "fr",
            "Une frappe de drone a tué deux hommes mercredi près de Tyr, selon des sources proches "
            "du Hezbollah.",
            ["sources proches du Hezbollah"],
        ),
        (
            "en",
            "Iranian drones struck a camp near Koya on Monday, the Kurdistan Democratic Party of "
            "Iran said.",
            ["Kurdistan Democratic Party of Iran"],
        ),
        # A police force told by where it serves is the police.
        (
            "en",
            "Gunmen shot dead six farmers near Gusau on Wednesday, Nigerian police said.",
            ["the police"],
        ),
        (
            "fr",
            "Une grenade a été lancée lundi soir contre un bureau de vote de Cotabato, blessant "
            "trois personnes, selon la police régionale.",
            ["the police"],
        ),
    ],
)
def test_a_source_described_before_its_name_is_the_name(
    language: str, text: str, sources: list[str]
) -> None:
    (mention,) = _mentions(language, text)
    assert mention.sources == sources


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The Islamic Resistance in Iraq has vowed to expel the occupiers. At dawn today its "
            "fighters struck the base at Harir airport with a drone, the Resistance said.",
        ),
        (
            "fr",
            "La Résistance islamique en Irak promet de chasser l'occupant. Mardi soir, deux "
            "drones ont frappé la base de Harir, selon un communiqué de la Résistance.",
        ),
    ],
)
def test_a_group_named_by_one_of_its_words_is_the_group_named_before(
    language: str, text: str
) -> None:
    (mention,) = _mentions(language, text)
    assert "Islamic Resistance in Iraq" in mention.sources
    assert "Resistance" not in mention.sources and "Résistance" not in mention.sources
