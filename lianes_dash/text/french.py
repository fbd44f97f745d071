"""French text conventions: number formats, accent-insensitive keys, sorting, dates.

NOTE: we do not rely on the ``fr_FR`` locale: it is often absent from servers and
from the laptops used at events, and ``locale.setlocale`` is process-global.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable

from lianes_dash.text.i18n import language

#: Narrow no-break space: the French thousands separator (« 3 250 »).
NNBSP = "\u202f"
#: No-break space, before « % » and « : » in French typography.
NBSP = "\u00a0"

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def fmt_int(value: float | int | None) -> str:
    """« 3 250 »: an integer with French thousands separators (« 3,250 » in English); « – » when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if language() == "en":
        return f"{round(value):,}"
    return f"{round(value):,}".replace(",", NNBSP)


def fmt_float(value: float | None, digits: int = 1) -> str:
    """« 12,5 »: a decimal number with a comma and French thousands separators."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{digits}f}"
    if language() == "en":
        return text
    return text.replace(",", NNBSP).replace(".", ",")


def fmt_pct(share: float | None, digits: int = 1) -> str:
    """« 12,5 % » from a share between 0 and 1 (« 12.5% » in English)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    if language() == "en":
        return f"{fmt_float(share * 100, digits)}%"
    return f"{fmt_float(share * 100, digits)}{NBSP}%"


def fmt_date(day: dt.date) -> str:
    """« 26 novembre 2026 » (« 1er » for the first of the month); « 26 November 2026 » in English."""
    if language() == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: object) -> str:
    """Accent-, case- and punctuation-insensitive key: « Côte-d'Ivoire » → « cote d ivoire »."""
    s = str(text)
    # ASCII text (three names in four) has no mark or ligature to undo: straight to lower case.
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = s.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return _NOT_ALNUM.sub(" ", s.casefold()).strip()


def sort_key(text: object) -> tuple[str, str]:
    """Sort key that ignores accents and case, as a French reader expects (É with E)."""
    return (fold(text), str(text))


def sorted_fr(values: Iterable[str]) -> list[str]:
    """Values sorted the French way (accents and case ignored)."""
    return sorted(values, key=sort_key)


_ELIDING = frozenset("aeiouyhàâäéèêëîïôöùûüœAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ")


def of_place(name: str) -> str:
    """« de Lille », « d'Halluin », « du Portel », « des Lilas »: the French « de » before a place name.

    The article of a name contracts (« Le Portel » → « du Portel »), « de » elides before a
    vowel or an « h » (« d'Halluin », as the brochure writes it); « La » and « L' » stay (« de La Rochelle »).
    """
    name = " ".join(str(name).split())
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1] in _ELIDING:
        return "d'" + name
    return "de " + name


#: English administrative words that the English Wikipedia adds to a foreign place's name, and their French
#: form before the name (« Kočevje Municipality » → « municipalité de Kočevje »).
_ENGLISH_SUFFIXES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), french)
    for pattern, french in (
        (r"^([^,]+?) County Borough$", "borough de comté"),
        (r"^([^,]+?) Municipality$", "municipalité"),
        (r"^([^,]+?) District$", "district"),
        (r"^([^,]+?) County$", "comté"),
        (r"^([^,]+?) Department$", "département"),
        (r"^([^,]+?) Prefecture$", "préfecture"),
        (r"^([^,]+?) Province$", "province"),
        (r"^([^,]+?) \(district\)$", "arrondissement"),
        (r"^([^,]+?) \(rural gmina\)$", "gmina rurale"),
    )
)


def place_name(name: object) -> str:
    """A foreign place's name as the page's language writes it: on a French page, the English administrative
    word the sources add goes before the name in French (« Kočevje Municipality » → « municipalité de
    Kočevje », « Bérégadougou Department » → « département de Bérégadougou »); in English, as it is.

    NOTE: names keep their own language otherwise (« Köln », « Rufisque »); only the English word is translated.
    """
    text = str(name)
    if language() == "en" or " " not in text:
        return text
    for pattern, french in _ENGLISH_SUFFIXES:
        hit = pattern.match(text)
        if hit:
            return f"{french} {of_place(hit.group(1))}"
    return text


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 lien », « 0 lien », « 3 250 liens » (French: 0 and 1 are singular).

    In English the words go through the catalogue and only 1 is singular (« 0 links », « 1 link »).
    """
    if language() == "en":
        from lianes_dash.text.i18n import counted

        return f"{fmt_int(n)} {counted(n, singular, plural_form or singular + 's')}"
    word = singular if abs(n) < 2 else (plural_form or singular + "s")
    return f"{fmt_int(n)} {word}"


# ---------------------------------------------------------------------------
# Safe rendering of user-supplied text (names from an imported file, a file name, a URL)
# ---------------------------------------------------------------------------
#: Markdown, HTML and Streamlit specials (``$`` maths, ``:`` emoji and ``:red[…]`` directives).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^])")


def escape_hover(text: object) -> str:
    """Text made literal for plotly (hover, tick and bar labels read ``<b>``, ``<a href>``, ``&…;``).

    plotly.js decodes the entities back, so « A & B <x> » still reads « A & B <x> ».
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_markdown(text: object) -> str:
    """Text made literal inside ``st.markdown``/``st.caption``/``st.info``… (no link, no HTML, no maths).

    Line breaks become spaces, so a name cannot open a heading or a list.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(text).split()))


# ---------------------------------------------------------------------------
# Prepositions of countries, lists of themes
# ---------------------------------------------------------------------------
_AT = {
    "aruba", "anguilla", "aland", "antigua et barbuda", "bahrein", "bonaire", "saint barthelemy", "chypre", "cuba",
    "curacao", "djibouti", "guernesey", "gibraltar", "haiti", "hong kong", "jersey", "kiribati", "macau", "monaco",
    "saint christophe et nieves", "sainte lucie", "madagascar", "malte", "montserrat", "maurice", "mayotte", "nauru",
    "oman", "porto rico", "singapour", "sainte helene", "saint marin", "saint pierre et miquelon", "taiwan", "tuvalu",
    "sao tome et principe", "tonga", "trinite et tobago", "samoa", "wallis et futuna", "grenade",
    "saint martin partie francaise", "saint martin partie neerlandaise", "saint vincent et les grenadines",
    "brunei darussalam", "ile de man", "macao", "bonaire saint eustache et saba",
    "sainte helene ascension et tristan da cunha",
}  # fmt: skip
_AT_THE = {
    "dominique": "à la Dominique", "barbade": "à la Barbade", "reunion": "à La Réunion", "la reunion": "à La Réunion",
}  # fmt: skip
_PLURAL = {
    "emirats arabes unis", "bahamas", "comores", "maldives", "pays bas", "philippines", "seychelles", "etats unis",
    "salomon", "fidji", "palaos", "malouines", "samoa americaines", "bermudes", "terres australes francaises",
    "terres australes et antarctiques francaises",
}  # fmt: skip
_MASCULINE_E = {"mexique", "cambodge", "mozambique", "zimbabwe", "belize", "royaume uni", "suriname"}


def in_country(name: str) -> str:
    """« au Burkina Faso », « en Côte d'Ivoire », « aux États-Unis », « à Madagascar »."""
    key = fold(name)
    if key in _AT_THE:
        return _AT_THE[key]
    if key in _AT:
        return f"à {name}"
    if key in _PLURAL or key.startswith("iles "):
        return f"aux {name}"
    first_word = key.split(" ")[0]
    if key[:1] in "aeiouy" or (first_word.endswith("e") and first_word not in _MASCULINE_E):
        return f"en {name}"
    return f"au {name}"


def themes_phrase(themes: tuple[str, ...]) -> str:
    """« « gestion de l'eau » » or « « eau » ou « santé » » (English: « “water management” or “health” »)."""
    if language() == "en":
        from lianes_dash.text.i18n import t as translate

        english = [f"“{translate(theme)}”" for theme in themes]
        if len(english) <= 1:
            return "".join(english)
        return ", ".join(english[:-1]) + " or " + english[-1]
    quoted = [f"« {t} »" for t in themes]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]
