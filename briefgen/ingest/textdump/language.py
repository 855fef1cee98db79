"""Guess a story's language from its stop words (or its script, for CJK)."""

from __future__ import annotations

import re
from collections import Counter

from briefgen.ingest.textdump.words import STOPWORDS_BY_LANGUAGE

_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in STOPWORDS_BY_LANGUAGE.items():
    for _word in _words.split():
        _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, ()) + (_lang,)
_WORD = re.compile(r"\w+")


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the likeliest language, ``None`` when there is too little to tell."""
    sample = text[:4000]
    if re.search(r"[\u3040-\u30ff]", sample):
        return "ja"
    if len(re.findall(r"[\uac00-\ud7a3]", sample)) > 20:
        return "ko"
    if len(re.findall(r"[\u4e00-\u9fff]", sample)) > 40:
        return "zh"
    words = _WORD.findall(sample.casefold())
    if len(words) < 20:
        return None
    scores = Counter(lang for word in words for lang in _LANGUAGES_OF.get(word, ()))
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 0.08 * len(words) else None
