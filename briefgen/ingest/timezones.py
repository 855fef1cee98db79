"""Time-zone abbreviations and month names as news pages print them: data for ``dates``.

Abbreviations are ambiguous in the world at large (IST is India, Ireland and
Israel); briefgen picks the reading news sites use most and says so here, so a
change of mind is a one-line edit rather than a change of algorithm.
"""

from __future__ import annotations

# abbreviation → fixed UTC offset in minutes
FIXED_ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0,
    "BST": 60, "IST": 330, "WEST": 60, "CET": 60, "MEZ": 60, "CEST": 120, "MESZ": 120,
    "EET": 120, "EEST": 180, "MSK": 180, "TRT": 180, "AST": 180,  # Arabia (news use) rather than Atlantic
    "GST": 240, "PKT": 300, "NPT": 345, "BDT": 360, "ICT": 420, "WIB": 420,
    "HKT": 480, "SGT": 480, "PHT": 480, "AWST": 480, "MYT": 480, "WITA": 480,
    "KST": 540, "JST": 540, "WIT": 540, "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660,
    "NZST": 720, "NZDT": 780,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
    "BRT": -180, "ART": -180, "CLT": -240,
}

# abbreviation whose offset follows daylight saving → IANA zone, resolved per date
SEASONAL_ZONES: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

# month names (lower case, no trailing dot) in the languages of the pages seen → month number
_MONTHS_BY_LANGUAGE: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
           ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
           ("october", "oct"), ("november", "nov"), ("december", "dec")),
    "fr": (("janvier", "janv"), ("février", "fevrier", "févr", "fév"), ("mars",), ("avril", "avr"), ("mai",),
           ("juin",), ("juillet", "juil"), ("août", "aout"), ("septembre",), ("octobre",),
           ("novembre",), ("décembre", "decembre", "déc")),
    "es": (("enero", "ene"), ("febrero",), ("marzo",), ("abril", "abr"), ("mayo",), ("junio",),
           ("julio",), ("agosto", "ago"), ("septiembre", "setiembre"), ("octubre",),
           ("noviembre",), ("diciembre", "dic")),
    "pt": (("janeiro",), ("fevereiro", "fev"), ("março", "marco"), ("abril",), ("maio",), ("junho",),
           ("julho",), ("agosto",), ("setembro", "set"), ("outubro", "out"), ("novembro",),
           ("dezembro", "dez")),
    "de": (("januar", "jänner"), ("februar",), ("märz", "maerz"), ("april",), ("mai",), ("juni",),
           ("juli",), ("august",), ("september",), ("oktober", "okt"), ("november",), ("dezember",)),
    "it": (("gennaio",), ("febbraio",), ("marzo",), ("aprile",), ("maggio", "mag"), ("giugno",),
           ("luglio",), ("agosto",), ("settembre",), ("ottobre",), ("novembre",), ("dicembre",)),
    "nl": (("januari",), ("februari",), ("maart",), ("april",), ("mei",), ("juni",), ("juli",),
           ("augustus",), ("september",), ("oktober",), ("november",), ("december",)),
}

MONTHS: dict[str, int] = {
    spelling: number
    for names in reversed(tuple(_MONTHS_BY_LANGUAGE.values()))
    for number, spellings in enumerate(names, start=1)
    for spelling in spellings
}

WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
)
