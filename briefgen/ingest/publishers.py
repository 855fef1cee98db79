"""Publisher names for web domains: data for readers that know a page's URL but not its masthead.

Only names a domain does not spell out belong here; ``publisher_for_url``
falls back to reading a hyphenated domain ("business-standard.com").
"""

from __future__ import annotations

from urllib.parse import urlsplit

PUBLISHER_DOMAINS: dict[str, str] = {
    "business-standard.com": "Business Standard",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian",
    "bbc.com": "BBC", "bbc.co.uk": "BBC",
    "cnn.com": "CNN", "cnbc.com": "CNBC", "foxnews.com": "Fox News", "foxbusiness.com": "Fox Business",
    "apnews.com": "AP", "reuters.com": "Reuters", "aljazeera.com": "Al Jazeera",
    "latimes.com": "Los Angeles Times", "nypost.com": "New York Post", "thehill.com": "The Hill",
    "thesun.co.uk": "The Sun", "express.co.uk": "Daily Express", "jpost.com": "The Jerusalem Post",
    "koreaherald.com": "The Korea Herald", "koreatimes.co.kr": "The Korea Times",
    "yna.co.kr": "Yonhap", "en.yna.co.kr": "Yonhap", "japantimes.co.jp": "The Japan Times",
    "nknews.org": "NK News", "scmp.com": "South China Morning Post", "hindustantimes.com": "Hindustan Times",
    "thehindu.com": "The Hindu", "indianexpress.com": "The Indian Express",
    "timesofindia.indiatimes.com": "The Times of India", "deccanherald.com": "Deccan Herald",
    "wikinews.org": "Wikinews", "en.wikinews.org": "Wikinews",
}


def publisher_for_url(url: str | None) -> str | None:
    """The masthead a URL's domain stands for, if the table or the domain itself says so."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    host = host.removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = PUBLISHER_DOMAINS.get(".".join(parts[i:]))
        if name:
            return name
    label = parts[-3] if len(parts) >= 3 and len(parts[-1]) == 2 and len(parts[-2]) <= 3 else \
        (parts[-2] if len(parts) >= 2 else "")
    if "-" in label:  # "business-standard" reads as a name; "nytimes" does not
        return " ".join(word.capitalize() for word in label.split("-"))
    return None
