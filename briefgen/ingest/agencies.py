"""Wire agencies: the names a page may give them, mapped to the short form briefgen records.

Data, not algorithm: readers ask :func:`agency_of` whether a byline or a
dateline token is a wire service ("The Associated Press" → "AP").
"""

from __future__ import annotations

import re

# short name → the spellings seen in bylines, credits and datelines
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press", "A.P."),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "Agence France‑Presse"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "ANI": ("ANI", "Asian News International"),
    "UNI": ("UNI", "United News of India"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Jiji": ("Jiji", "Jiji Press"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "KCNA": ("KCNA", "Korean Central News Agency"),
    "TASS": ("TASS", "ITAR-TASS"),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "UPI": ("UPI", "United Press International"),
    "CNA": ("CNA", "Central News Agency"),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "PA": ("PA", "PA Media", "Press Association"),
    "AAP": ("AAP", "Australian Associated Press"),
    "CP": ("The Canadian Press", "Canadian Press"),
    "Lusa": ("Lusa",),
    "Agência Brasil": ("Agência Brasil", "Agencia Brasil"),
    "ANP": ("ANP",),
    "APA": ("APA",),
    "NTB": ("NTB",),
    "TT": ("TT",),
    "Ritzau": ("Ritzau",),
    "WAM": ("WAM",),
    "SPA": ("SPA", "Saudi Press Agency"),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "PNA": ("PNA", "Philippine News Agency"),
    "Sputnik": ("Sputnik",),
}

_LOOKUP = {spelling.casefold(): short for short, spellings in AGENCIES.items() for spelling in spellings}
# Short forms that are also ordinary words or initials: accept them only as written.
_CASE_SENSITIVE = {"AP", "AA", "PA", "TT", "CP", "ANP", "APA", "RIA", "CNA", "SPA", "PNA", "ANI", "UNI"}


def agency_of(text: str) -> str | None:
    """The agency a credit names ("The Associated Press", "AP", "Reuters"), else ``None``."""
    cleaned = re.sub(r"^(?:by|from|via|source:?)\s+", "", text.strip(), flags=re.I).strip(" .,:;|()[]")
    cleaned = re.sub(r"\s+(?:staff|wire|news service|reporters?)$", "", cleaned, flags=re.I)
    if cleaned.upper() in _CASE_SENSITIVE and cleaned != cleaned.upper():
        return None
    return _LOOKUP.get(cleaned.casefold())


def agencies_in(text: str) -> list[str]:
    """Agencies named in a short credit line such as "AP / Reuters" or "With inputs from PTI"."""
    found: list[str] = []
    for part in re.split(r"\s*(?:/|,|;|\band\b|&|\|)\s*|\bwith inputs from\b", text, flags=re.I):
        short = agency_of(part) if part else None
        if short and short not in found:
            found.append(short)
    return found
