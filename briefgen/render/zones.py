"""Zone abbreviations for UTC offsets that have one unambiguous common name (data).

Front matter keeps only an offset (``+05:30``); where an offset is shared by
several well-known zones (+09:00 is KST and JST) no abbreviation is guessed,
and an article may name its zone with ``timezone: Asia/Seoul`` instead.
"""

OFFSET_ABBREVIATIONS: dict[str, str] = {
    "+00:00": "UTC",
    "+05:30": "IST",
    "+05:45": "NPT",
    "+06:30": "MMT",
    "+08:45": "ACWST",
    "+10:30": "ACDT",
    "+12:45": "CHAST",
    "-02:30": "NDT",
    "-03:30": "NST",
    "-09:30": "MART",
}
