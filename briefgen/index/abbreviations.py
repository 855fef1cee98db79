"""Words that end with a full stop without ending a sentence (data, not code)."""

ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "lt", "col", "maj",
    "capt", "cmdr", "adm", "sgt", "gov", "sen", "rep", "pres", "rev", "hon", "amb", "no",
    "vs", "etc", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "approx", "est", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "d.c", "n.y", "l.a",
})
