"""Facts from the 2009 brochure of Lianes coopération, as the brochure states them.

This is the only place where the brochure's words and figures are typed in; the files
in ``data/links/brochure_*.csv`` are written from here by ``python -m lianes_dash.build.links``
(codes are resolved against the reference data, never typed).
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "Lianes coopération, « La coopération décentralisée » (brochure, 2009)"
SOURCE_SHORT = "Brochure Lianes coopération (2009)"
YEAR = 2009

#: Figures the brochure publishes for France in 2009.
PUBLISHED_COLLECTIVITIES = 3250
PUBLISHED_LINKS = 6000  # « près de 6 000 liens de coopération »
PUBLISHED_COUNTRIES = 115
PUBLISHED_MEDIUM_TOWNS_SHARE = 0.60  # « Près de 60 % des villes moyennes sont engagées »

#: Figures of the Ministry's Atlas, shown beside the brochure's for comparison.
ATLAS_SOURCE = (
    "Atlas de l'action extérieure des collectivités territoriales (ministère de l'Europe et des Affaires étrangères)"
)
#: When the Atlas published these figures (the overview says it beside them).
ATLAS_WHEN = "à son lancement, vers 2010"
ATLAS_PROJECTS = 12129
ATLAS_COLLECTIVITIES = 4756
ATLAS_PARTNERS = 9889
ATLAS_COUNTRIES = 140


@dataclass(frozen=True)
class Named:
    """An engaged collectivity the brochure names, and what it is called today."""

    brochure_name: str
    type: str
    current_name: str
    departement: str | None = None
    note: str | None = None


#: « Il s'agit notamment des villes de Boulogne sur mer, Calais, Douai, … » (brochure order).
NAMED: tuple[Named, ...] = (
    Named("Boulogne sur mer", "commune", "Boulogne-sur-Mer", "62"),
    Named("Calais", "commune", "Calais", "62"),
    Named("Douai", "commune", "Douai", "59"),
    Named("Dunkerque", "commune", "Dunkerque", "59"),
    Named("Halluin", "commune", "Halluin", "59"),
    Named("Le Portel", "commune", "Le Portel", "62"),
    Named("Lille", "commune", "Lille", "59"),
    Named("Maubeuge", "commune", "Maubeuge", "59"),
    Named("Neuville en Ferrain", "commune", "Neuville-en-Ferrain", "59"),
    Named("Roubaix", "commune", "Roubaix", "59"),
    Named("Saint Laurent Blangy", "commune", "Saint-Laurent-Blangy", "62"),
    Named("Villeneuve d'Ascq", "commune", "Villeneuve-d'Ascq", "59"),
    Named(
        "Communauté de communes de Cœur d'Ostrevent",
        "epci",
        "Communauté d'agglomération Cœur d'Ostrevent",
        note="Communauté de communes en 2009, communauté d'agglomération aujourd'hui",
    ),
    Named(
        "Communauté urbaine de Lille Métropole",
        "epci",
        "Métropole Européenne de Lille",
        note="Devenue la Métropole européenne de Lille en 2015",
    ),
    Named("Communauté urbaine de Dunkerque", "epci", "Communauté urbaine de Dunkerque"),
    Named("Département du Nord", "departement", "Nord"),
    Named("Département du Pas de Calais", "departement", "Pas-de-Calais"),
    Named(
        "Région Nord - Pas de Calais",
        "region",
        "Hauts-de-France",
        note="Fusionnée avec la Picardie en 2016 dans la région Hauts-de-France",
    ),
)


@dataclass(frozen=True)
class DocumentedLink:
    """A partnership the brochure documents, with its facts."""

    fr_current_name: str
    fr_departement: str
    fr_brochure_name: str
    partner_name: str
    partner_country: str  # ISO alpha-3
    kind: str
    themes: tuple[str, ...]
    start_year: int | None
    description: str
    #: The partner is not in the gazetteer: it is drawn at this nearby place of the gazetteer, flagged approximate.
    partner_placed_at: str
    partner_location_note: str


LINKS: tuple[DocumentedLink, ...] = (
    DocumentedLink(
        "Halluin",
        "59",
        "Halluin",
        "Nkong-Zem",
        "CMR",
        "coopération décentralisée",
        ("gestion de l'eau", "santé", "tourisme"),
        2003,
        "Depuis 2003 : accès à l'eau potable, santé communautaire et tourisme intégré, avec les associations, "
        "la Maison des Jeunes et de la Culture, le lycée professionnel et un collège.",
        "Dschang",
        "Nkong-Zem, commune de la Menoua (Cameroun) absente du répertoire GeoNames, est placée à Dschang, "
        "chef-lieu voisin de la Menoua.",
    ),
    DocumentedLink(
        "Le Portel",
        "62",
        "Le Portel",
        "Kawara",
        "BFA",
        "jumelage",
        ("éducation", "gestion de l'eau", "santé"),
        None,
        "Jumelage ; 2004 : année de sensibilisation à l'Afrique pilotée par la Ville ; 2005 : une délégation "
        "porteloise dégage trois axes de coopération : l'éducation, l'eau et l'alimentation, la santé. "
        "L'année de début du jumelage n'est pas donnée par la brochure.",
        "Tougan",
        "Kawara, village du Sourou (Burkina Faso) absent du répertoire GeoNames, est placé à Tougan, chef-lieu "
        "du Sourou.",
    ),
)


@dataclass(frozen=True)
class Testimonial:
    """« Elles témoignent »: a testimonial as printed in the brochure."""

    town: str
    fr_current_name: str
    fr_departement: str
    town_population: int
    person: str
    role: str
    partner_name: str
    partner_country: str
    quote: str


TESTIMONIALS: tuple[Testimonial, ...] = (
    Testimonial(
        "Halluin",
        "Halluin",
        "59",
        20000,
        "Marc DESBUQUOIS",
        "Adjoint au Maire, chargé de la coordination des projets Nord-Sud",
        "Nkong-Zem",
        "CMR",
        "Depuis 2003, la municipalité d'Halluin mène une coopération avec son homologue de Nkong-zem au Cameroun. "
        "Le partenariat porte sur l'accès à l'eau potable mais aussi, en collaboration avec les associations, "
        "la Maison des Jeunes et de la Culture, le lycée professionnel et un collège, sur la santé communautaire "
        "et le tourisme intégré. Toutes ces structures sont parties prenantes du partenariat et de la "
        "sensibilisation.\n\n"
        "Je pense que l'international a contribué à l'animation de la commune, au développement du lien social "
        "entre les habitants, tout en mettant du concret sur la mondialisation et le développement durable, "
        "ici et là bas.\n\n"
        "J'observe une reconnaissance réciproque de l'institution municipale et des différentes communautés "
        "étrangères présentes. Cela nous a aussi permis d'entrer en contact avec d'autres collectivités et de "
        "nouer des liens forts avec certaines.",
    ),
    Testimonial(
        "Le Portel",
        "Le Portel",
        "62",
        11000,
        "Frédérique THOURET",
        "Coordinatrice de la Politique Jeunesse et Éducation",
        "Kawara",
        "BFA",
        "Pour faire connaître au plus grand nombre de Portelois le jumelage avec Kawara au Burkina Faso, la Ville "
        "a piloté en 2004 une année de sensibilisation à l'Afrique. Élèves, associations, particuliers, services "
        "municipaux (crèches, centres de loisirs, ...) ont pu ainsi répondre à un appel à projets et participer à "
        "des manifestations festives et culturelles.\n\n"
        "Chargée de coordonner les services Culture, Sports, Éducation, Jeunesse, j'ai intégré ce partenariat avec "
        "Kawara comme un axe transversal de la politique Éducation-Jeunesse ici et là-bas. En 2005, une délégation "
        "porteloise a permis de dégager, avec les partenaires au Burkina Faso, trois axes de coopération : "
        "l'éducation, l'eau et l'alimentation, la santé.\n\n"
        "Depuis, j'accompagne chaque année un petit groupe de portelois au village pour réaliser des actions. "
        "Chacun en revient redynamisé personnellement et professionnellement.",
    ),
)

#: What the brochure says decentralised cooperation is, its legal basis and its funders.
LEGAL_BASIS = (
    "Loi d'orientation n° 92-125 du 6 février 1992 relative à l'administration territoriale de la République, "
    "art. 131 (titre IV) : « les collectivités territoriales et leurs groupements peuvent conclure des conventions "
    "avec des collectivités territoriales étrangères et leurs groupements dans les limites de leurs compétences et "
    "dans le respect des engagements internationaux de la France ».",
    "Loi Thiollière du 2 février 2007, qui conforte et élargit la loi de 1992 et fait de l'action internationale "
    "une compétence à part entière des collectivités territoriales.",
)
DEFINITION = (
    "Au sens français, il y a coopération décentralisée lorsqu'une ou plusieurs collectivités locales françaises "
    "développent des relations avec une ou plusieurs collectivités locales étrangères : relations d'amitié ou de "
    "jumelage, aide au développement, assistance technique, coopération transfrontalière ou interrégionale."
)
FIELDS_OF_COMPETENCE = (
    "culture", "éducation", "artisanat", "économie", "énergie", "aménagement urbain",
    "gestion de l'eau", "transports urbains", "environnement", "santé", "tourisme",
)  # fmt: skip
COFINANCING = (
    "Le ministère des Affaires étrangères et européennes, par appels à projets",
    "Les Départements du Nord et du Pas de Calais (appels à propositions et à projets)",
    "La Région Nord - Pas de Calais",
    "L'Union européenne",
    "L'Organisation internationale de la Francophonie",
    "D'autres organisations publiques ou privées",
)
SERVICES = (
    "Approfondir les motivations et la pertinence d'engager votre collectivité",
    "Analyser et renforcer la cohérence avec vos politiques existantes",
    "Préciser le type de coopération à promouvoir",
    "Développer les moyens de sensibilisation et de mobilisation des parties prenantes",
    "Organiser la mise en place de diagnostic, de concertation territoriale et d'identification des acteurs "
    "potentiels au sein de votre territoire",
    "Orienter la recherche et le rapprochement avec une collectivité étrangère",
    "Organiser des délégations en France et à l'étranger",
    "Conforter la conception et la réalisation d'actions concrètes",
    "Dynamiser l'animation du projet et son suivi",
    "Créer du lien entre les acteurs de votre territoire par l'organisation de temps forts : Semaine de la "
    "solidarité internationale, Semaine du développement durable…",
)
RESOURCES = (
    "des fiches méthodologiques et thématiques",
    "des bases de données, notre documentation",
    "de nombreux contacts-ressources au sein de collectivités engagées et de réseaux en ou hors région",
)
CONTACT = {
    "name": "Lianes coopération",
    "tagline": "Réseau d'appui à la Solidarité internationale en Nord - Pas de Calais",
    "address": "S/c Maison régionale de l'environnement et des solidarités, 23 rue Gosselet, 59000 Lille",
    "phone": "03 20 85 10 96",
    "email": "lianescooperation@wanadoo.fr",
    "web": "www.lianescooperation.org",
}
#: The region as the brochure names it, and its code today (looked up, not typed, in the demo build).
#: The former région, in the usual French spelling (the brochure writes « Nord - Pas de Calais »:
#: its own spelling stays only where the brochure is quoted).
REGION_NAME = "Nord-Pas-de-Calais"
REGION_DEPARTEMENTS = ("59", "62")
