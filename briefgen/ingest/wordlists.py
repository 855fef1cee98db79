"""Word lists the cleaning rules consult: data, kept apart from the algorithms.

Each list is general — phrases many outlets use, in the languages briefgen
meets — never one page's quirk.  Matching is case-insensitive.
"""

from __future__ import annotations

# --- body edges --------------------------------------------------------------
# A short block at either end of the body that *starts* with one of these is
# page furniture, not story.
BOILERPLATE_STARTS: tuple[str, ...] = (
    "related:", "related articles", "related stories", "related coverage", "related content",
    "more:", "also:", "also read", "read more", "read also", "see also", "more from",
    "more on this", "more stories", "you may also like", "you might also like", "recommended",
    "filed under", "tags:", "topics:", "categories:", "source:", "sources:", "photo:", "image:",
    "share this", "share on", "click here", "sign up", "subscribe", "get the latest",
    "updated at", "last updated", "copyright", "©", "(c) ", "all rights reserved",
    "have a tip", "got a tip", "follow us", "follow @", "like us on", "join us on",
    "if you enjoyed this article", "if you enjoyed this story", "if you liked this",
    "this article was originally published", "originally published", "disclaimer:",
    # pt / es
    "leia também", "leia mais", "veja também", "veja mais", "saiba mais", "compartilhe",
    "tempo de leitura", "lea también", "lee también", "ver también", "comparte",
    # de / fr / it
    "lesen sie auch", "mehr zum thema", "weiterlesen", "lire aussi", "à lire aussi",
    "voir aussi", "leggi anche",
    # ja / ko / zh
    "関連記事", "あわせて読みたい", "この記事を共有", "관련기사", "관련 기사", "相关阅读", "相关新闻",
)
# A short block at an edge that *contains* one of these is a pitch or a footer.
BOILERPLATE_CONTAINS: tuple[str, ...] = (
    "newsletter", "in your inbox", "to your inbox", "sign up for", "subscribe to",
    "subscribing to", "subscription", "all rights reserved", "follow us on", "follow him on",
    "follow her on", "follow them on", " on twitter @", "may be reached at", "can be reached at",
    "click here", "this material may not be published", "may not be published, broadcast",
    "reproduction in whole or in part", "for as little as", "paywall", "listen back", "listen again",
    "listen live", "watch live", "download our app", "download the app",
    "무단 전재", "무단전재", "재배포 금지", "재배포금지", "無断転載", "版权所有",
    "todos os direitos reservados", "todos los derechos reservados", "alle rechte vorbehalten",
    "tous droits réservés", "©",
)
# "Follow Newsbeat on Instagram …": a short block asking readers to follow on one of these.
SOCIAL_NETWORKS: tuple[str, ...] = ("twitter", "facebook", "instagram", "linkedin", "youtube", "tiktok",
                                    "telegram", "whatsapp", "threads", "mastodon", "bluesky", "x")
# A block that is exactly one of these (punctuation aside) is a widget's label.
BOILERPLATE_WHOLE: frozenset[str] = frozenset({
    "comments", "comment", "advertisement", "sponsored", "share", "tweet", "print", "email",
    "more", "related", "top stories", "trending", "most read", "most popular", "publicidade",
    "publicidad", "anzeige", "werbung", "광고", "広告",
})
BOILERPLATE_MAX_CHARS = 300  # longer blocks are story text whatever words they hold
# Inside the body, a short block that starts with one of these is a link to another story
# ("Related: …", "READ MORE: …", "DON'T MISS …"), never the story's own text.
INLINE_LINK_STARTS: tuple[str, ...] = (
    "related:", "related story:", "related stories:", "related article:", "related coverage:",
    "read more:", "read more", "read also:", "also read:", "also read", "see also:", "see more",
    "more:", "don't miss", "don’t miss", "must read", "recommended:",
    "watch:", "watch now", "listen:", "leia também", "leia mais:", "veja também",
    "veja mais:", "saiba mais:", "lea también", "lee también", "ver también", "lesen sie auch",
    "mehr zum thema", "lire aussi", "à lire aussi", "voir aussi", "leggi anche", "관련기사", "관련 기사",
    "関連記事", "あわせて読みたい", "相关阅读",
)
INLINE_LINK_MAX_CHARS = 200  # longer blocks are story text whatever words they hold

# --- topics ------------------------------------------------------------------
# Keywords CMSs attach to every page, or use as internal labels: never a story's topic.
GENERIC_TOPICS: frozenset[str] = frozenset({
    "news", "article", "articles", "story", "stories", "home", "home page", "homepage", "top stories",
    "featured", "feature", "popular", "trending", "latest", "latest news", "breaking news", "all",
    "uncategorized", "uncategorised", "general", "misc", "other", "premium", "premium content",
    "free", "paid", "video", "videos", "photos", "gallery", "blog", "blogs", "post", "posts", "direct",
    "person", "organization", "organisation", "location", "place", "notícias", "noticias", "nachrichten",
})

# --- titles ------------------------------------------------------------------
# Separators between a headline and the site's name in <title> and og:title.
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " – ", " — ", " - ", " :: ", " · ", " • ", " « ", " » ", " ｜ ", "｜")
# Words that make a title segment look like a brand rather than part of a headline.
BRAND_WORDS: tuple[str, ...] = (
    "news", "times", "post", "daily", "herald", "tribune", "journal", "gazette", "online",
    "magazine", "mag", "press", "today", "weekly", "media", "network", "tv", "radio", "blog",
    "standard", "telegraph", "guardian", "express", "observer", "chronicle", "review", "report",
    "insider", "wire", "reporter", "examiner", "sun", "mail", "star", "globe", "record", "courier",
    "notícias", "noticias", "jornal", "diário", "diario", "folha", "zeitung", "nachrichten",
    "le monde", "新聞", "ニュース", "通信", "신문", "뉴스", "일보", "日報", "日报", "新闻", "时报", "時報",
    "经济", "經濟", "경제", "타임스", "방송", "テレビ",
)

# --- bylines -----------------------------------------------------------------
BYLINE_PREFIXES: tuple[str, ...] = (
    "by", "written by", "words by", "reporting by", "story by", "text by", "posted by",
    "author:", "por", "par",
)
# Bylines that name no person: dropped from the author list.
PLACEHOLDER_AUTHORS: frozenset[str] = frozenset({
    "admin", "administrator", "staff", "staff writer", "staff reporter", "our staff",
    "editor", "editors", "the editors", "editorial", "editorial staff", "editorial team",
    "editorial board", "news desk", "newsdesk", "web desk", "webdesk", "online desk",
    "digital desk", "news team", "web team", "team", "guest", "guest author", "contributor",
    "contributors", "anonymous", "unknown", "user", "webmaster", "author", "redação",
    "redacción", "redaktion", "rédaction", "redazione", "편집부", "編集部", "wikinews",
    "wikinews contributors", "wire services", "wire service", "news service", "news services",
    "news agencies", "agencies", "wires", "wire reports",
})
# Credentials and roles written after a name ("Jane Doe, MD", "John Smith | Staff Writer").
CREDENTIALS: frozenset[str] = frozenset({
    "md", "m.d.", "phd", "ph.d.", "rd", "rdn", "ld", "cde", "cpt", "np", "rn", "do", "dds",
    "mph", "ms", "msc", "ma", "mba", "jd", "cfa", "cpa", "esq", "jr", "jr.", "sr", "sr.", "ii",
    "iii", "facs", "facp", "lcsw", "lpc", "psyd", "cscs",
})
# Roles written right after the name in Korean and Japanese bylines ("홍길동 기자").
NAME_SUFFIX_ROLES: tuple[str, ...] = ("기자", "특파원", "선임기자", "논설위원", "記者", "特派員", "編集委員")
# A byline segment that begins or ends with one of these is a role, not a name.
ROLE_WORDS: tuple[str, ...] = (
    "writer", "reporter", "correspondent", "editor", "columnist", "contributor", "producer",
    "analyst", "staff", "journalist", "photographer", "intern", "critic", "chief", "senior",
    "contributing", "associate", "managing", "special", "bureau", "desk", "team", "staffer",
    "redator", "repórter", "redactor", "periodista", "redakteur", "journaliste",
)
