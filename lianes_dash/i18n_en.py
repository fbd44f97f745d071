"""The English catalogue: French text → English text (provenance: written here, for Lianes Dash).

Keys are the exact French strings the app passes to :func:`lianes_dash.i18n.t`; ``{name}``
placeholders must be the same on both sides (tests/test_i18n.py checks it). Names of
collectivities, places and sources are never in it: they stay as they are.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # -- App, navigation -------------------------------------------------------------------------------
    "Lianes Dash · coopération décentralisée": "Lianes Dash · decentralised cooperation",
    "Tableau de bord": "Dashboard",
    "Chercher": "Search",
    "Outils": "Tools",
    # -- Shared pieces (banner, errors, « Partager ») ------------------------------------------------------
    "**Données importées.** Vous consultez {name}, dans cette session seulement "
    "(personne d'autre ne les voit ; les données livrées ne sont pas modifiées).": "**Imported data.** You are "
    "viewing {name}, in this session only (nobody else sees it; the bundled data is not changed).",
    "Jeu d'essai : {n} lignes fictives dans la sélection (aucune ne décrit un partenariat).": "Test set: {n} "
    "fictional rows in the selection (none describes a partnership).",
    "Données importées : {name}": "Imported data: {name}",
    "**Les données ne peuvent pas être chargées.**\n\n{reason}\n\n"
    "Fichier : `{file}` (dans le dossier des données)": "**The data cannot be loaded.**\n\n{reason}\n\n"
    "File: `{file}` (in the data folder)",
    "Pour le reconstruire, depuis le dossier du projet :": "To rebuild it, from the project's folder:",
    "Page générée le {day}.": "Page generated on {day}.",
    "**Une erreur inattendue empêche d'afficher cette page.** Les autres pages restent disponibles ; "
    "réessayez, changez les filtres ou revenez à la vue d'ensemble. Si le problème persiste, "
    "signalez-le en citant la référence **{ref}** (elle permet de retrouver le détail dans le journal "
    "du serveur).": "**An unexpected error prevents this page from being shown.** The other pages are still "
    "available; try again, change the filters or go back to the overview. If the problem persists, report it "
    "quoting the reference **{ref}** (it finds the details in the server's log).",
    "Partager : lien, images, intégration": "Share: link, images, embedding",
    "**Copier le lien** de cette vue, filtres compris (bouton à droite du cadre) :": "**Copy the link** of this "
    "view, filters included (button on the right of the box):",
    "Format des images (bouton appareil photo d'un graphique)": "Image format (a chart's camera button)",
    "L'image porte le titre, les filtres, les sources et la date, au format d'un article "
    "({width} × {height}).": "The image carries the title, the filters, the sources and the date, at an "
    "article's size ({width} × {height}).",
    "Intégrer un graphique dans une page web": "Embed a chart in a web page",
    "Le graphique intégré suit les filtres de cette vue et se met à jour avec les données.": "The embedded chart "
    "follows the filters of this view and updates with the data.",
    # -- Charts (lianes_dash/charts.py) ---------------------------------------------------------------------
    "Liens de coopération décentralisée par pays partenaire": "Decentralised cooperation links by partner country",
    "Liens par type de collectivité française": "Links by type of French local authority",
    "Liens par thème": "Links by theme",
    "Liens par pays partenaire (les 15 premiers)": "Links by partner country (top 15)",
    "Liens commencés par décennie": "Links started by decade",
    # -- Vocabulary: words, kinds of link, types, continents, themes ------------------------------------
    "lien": "link",
    "liens": "links",
    "collectivité": "local authority",
    "collectivités": "local authorities",
    "pays": "country",
    "partenaire": "partner",
    "partenaires": "partners",
    "jumelage": "twinning",
    "relations d'amitié": "friendship",
    "aide au développement": "development aid",
    "assistance technique": "technical assistance",
    "coopération transfrontalière": "cross-border cooperation",
    "coopération interrégionale": "interregional cooperation",
    "coopération décentralisée": "decentralised cooperation",
    "Commune": "Commune",
    "Intercommunalité (EPCI)": "Inter-municipal body (EPCI)",
    "Département": "Département",
    "Région": "Région",
    "Afrique": "Africa",
    "Asie": "Asia",
    "Europe": "Europe",
    "Amérique du Nord": "North America",
    "Amérique du Sud": "South America",
    "Océanie": "Oceania",
    "Antarctique": "Antarctica",
    "culture": "culture",
    "éducation": "education",
    "artisanat": "crafts",
    "économie": "economy",
    "énergie": "energy",
    "aménagement urbain": "urban planning",
    "gestion de l'eau": "water management",
    "transports urbains": "urban transport",
    "environnement": "environment",
    "santé": "health",
    "tourisme": "tourism",
    "jeunesse": "youth",
    "état civil": "civil registration",
    "gestion des déchets": "waste management",
    "développement rural": "rural development",
    "appui institutionnel": "institutional support",
    "autre": "other",
    "non renseigné": "not given",
    "non renseigné (aucun thème connu)": "not given (no known theme)",
    # -- URL note ---------------------------------------------------------------------------------------
    "paramètre inconnu sur cette page": "parameter unknown on this page",
    "valeur non reconnue": "value not recognised",
    "valeur trop longue": "value too long",
    "année hors des données": "year outside the data",
    "valeurs en partie non reconnues": "values partly not recognised",
    "(sans nom)": "(no name)",
    "et {n} autre": "and {n} more",
    "et {n} autres": "and {n} more",
    " et ": " and ",
    "**Lien en partie ignoré** : un paramètre de l'adresse n'a pas été reconnu et a été ignoré, "
    "{item} ; la page s'affiche sans lui.": "**Link partly ignored**: a parameter of the address was not recognised "
    "and was ignored, {item}; the page is shown without it.",
    "**Lien en partie ignoré** : {n} paramètres de l'adresse n'ont pas été reconnus et ont été "
    "ignorés, {listed} ; la page s'affiche sans eux.": "**Link partly ignored**: {n} parameters of the address "
    "were not recognised and were ignored, {listed}; the page is shown without them.",
    # -- Sidebar ----------------------------------------------------------------------------------------
    "Filtres": "Filters",
    "{label} (collectivité, partenaire, pays)": "{label} (local authority, partner, country)",
    "ex. Halluin, Kawara, Sénégal": "e.g. Halluin, Kawara, Senegal",
    "Tous": "All",
    "{n} sans thème connu est écarté par ce filtre (choisissez « {unknown} » pour le garder).": "{n} with no "
    "known theme is left out by this filter (choose “{unknown}” to keep it).",
    "{n} sans thème connu sont écartés par ce filtre (choisissez « {unknown} » pour les garder).": "{n} with no "
    "known theme are left out by this filter (choose “{unknown}” to keep them).",
    "Inclure les liens sans année connue ({n} sur {total})": "Include the links with no known year ({n} of {total})",
    "L'année de début n'est connue que pour une partie des liens : décochez pour ne garder que "
    "les liens datés.": "The start year is known for only part of the links: untick to keep only the dated links.",
    "Réinitialiser les filtres": "Reset the filters",
    "**{kept}** liens sur {total}": "**{kept}** links of {total}",
}
