"""The wording of attribution, as regular expressions: verbs of saying, speakers, the forms.

Kept apart from :mod:`briefgen.index.quotes` (which applies them and resolves the
speaker) so that the forms read as one list. A verb of saying comes in every
tense a report uses ("says", "said", "has said", "stating", "also told"); weak
verbs of thinking and finding ("believes", "found", "estimated") count only with
a clause after them, as GUM's annotators count them.
"""

from __future__ import annotations

import re


_ALL_FORMS: set[str] = set()
# verbs whose bare form is far more often a noun ("the state will not …", "the report"): the
# other forms only
_NOUNS = frozenset("state report comment note claim recall tweet stress".split())


def _forms(regular: str, irregular: str) -> str:
    """Every inflection of the regular verbs (``note`` → note, notes, noted, noting) and the
    irregular forms as listed, as one alternation (longest first)."""
    out: list[str] = irregular.split()
    for base in regular.split():
        stem = base[:-1] if base.endswith("e") else base
        out += [base + ("s" if not base.endswith("s") else "es"), stem + "ed", stem + "ing"]
        if base not in _NOUNS:
            out.append(base)
    _ALL_FORMS.update(out)
    return "|".join(sorted(set(out), key=len, reverse=True))


# verbs whose object is what was said
SAY = _forms("add announce argue assert claim comment complain confirm declare "
             "explain insist note observe recall reply report state stress tweet warn "
             "admit allege acknowledge caution concede contend emphasise emphasize "
             "maintain predict reveal suggest urge write",
             "say says said saying wrote written writes writing "
             "replies replied replying reads")
# verbs of thinking and finding: a quote only with a clause after them
THINK = _forms("believe estimate conclude reason",
               "think thinks thought thinking find finds found finding show shows showed shown "
               "showing indicate indicates indicated learn learns learned learnt "
               "realise realises realised realize realizes realized")
VERBS = rf"(?:{SAY}|{THINK})"
TELL = r"(?:tell|tells|told|telling)"
AUX = (r"(?:(?:has|have|had|would|will|did|does|do|also|later|then|further|previously|"
       r"earlier|once|not|n't|never|[a-z]{3,}ly)\s+)*")
# a lower-case word inside a speaker's title or description: never a verb or a preposition that
# would make the speaker a clause ("Ibrahim cautioned listeners against …", "issued a statement")
_NOT_TITLE = (r"has|have|had|is|was|were|are|be|been|met|against|to|in|on|at|from|by|that|about|"
              r"into|over|after|before|during")
TITLE_WORD = rf"(?!(?:{_NOT_TITLE})\b)[a-z][\w\-'’]*"  # "leaked", "senior", "police"
VERBLESS_WORD = rf"(?!(?:{_NOT_TITLE}|[a-z]+ed)\b)[a-z][\w\-'’]*"  # and no "cautioned" either
NAME = r"(?:[A-Z][\w'’.\-]*(?:\s+(?:of\s+|the\s+|de\s+|van\s+|von\s+|al[-\s]|bin\s+)?[A-Z][\w'’.\-]*)*)"
# the words a described source ends on ("state media", "the report's authors")
SOURCE_NOUNS = (r"(?:media|officials?|reports?|spokes(?:wo)?man|spokesperson|agency|ministry|"
                r"police|statement|sources?|experts?|analysts?|diplomats?|government|"
                r"military|authorities|observers|residents|witnesses|people|researchers|"
                r"scientists|authors|study|studies|findings|results|survey|posters?|posts?|"
                r"letter|message|website|site|paper|newspaper|committee|court|judge|"
                r"lawyers?|prosecutors?|coach|president|minister|secretary|director|chief|"
                r"leader|spokesmen|campaigners|critics|group|company|firm|team|union|"
                r"individuals|users|council|department|office|board|panel|city|town|country|"
                r"analysis|institute|university|association|organisation|organization)")
# (after a determiner any adjective, "a leaked internal letter"; without one, no word that could
# make it a verb phrase, "issued a statement")
DESCRIPTION = (r"(?:(?:the|a|an|one|two|three|several|some|many|other|its|his|her|their|"
               r"[A-Z][\w'’.\-]*'s?)\s+(?:(?:[A-Z][\w\-'’]*|" + TITLE_WORD + r")\s+){0,6}?"
               r"|(?:(?:[A-Z][\w\-'’]*|" + VERBLESS_WORD + r")\s+){0,6}?)" + SOURCE_NOUNS)
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)"
# a name, after a title or description in lower case ("team member Rodaba Noori")
# (a description first: "One poster" is not the name "One")
SPEAKER = (rf"(?:{DESCRIPTION}|(?:the\s+|[A-Z][\w'’.\-]*\s+)?(?:{VERBLESS_WORD}\s+){{0,4}}?{NAME}"
           rf"|{PRONOUN}|(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:{TITLE_WORD}\s+){{0,5}}?{VERBLESS_WORD})")
WHEN = (r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
        r"yesterday|today|earlier|later|last\s+\w+|this\s+\w+|in\s+a\s+statement|"
        r"in\s+an?\s+(?:interview|email|e-mail|post|tweet)(?:\s+with\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?))*")
# who was told: "told Reuters", "told the press", "told The Huffington Post", "tell BBC News"
TOLD = (r"(?:(?:to\s+)?(?:the\s+|a\s+|an\s+|[A-Z][\w'’.\-]*\s+)?(?:[a-z]+\s+){0,2}?"
        rf"{NAME}|(?:to\s+)?(?:the\s+|a\s+|an\s+|reporters|journalists)\w*(?:\s+\w+)?)")
# a verb of saying with what it needs after it: "told" takes who was told
SPEECH = rf"(?:{VERBS}|{TELL}\s+{TOLD}|stated\s+to\s+{TOLD})"
OPEN = "\"“"
CLOSE = "\"”"

# a direct quote in a paragraph: straight quotes pair in order, curly ones by shape
QUOTED = re.compile(r"“(?P<c>[^“”\n]{2,}?)”|\"(?P<s>[^\"\n]{2,}?)\"")
# attribution right after a closing quote: `…," Kim said`, `…", said KCNA`, `… ". - Matthew Ingram`
AFTER_QUOTE = re.compile(
    rf"^\s*,?\s*(?:(?P<sp>{SPEAKER})(?:,\s+[^,\"“”]{{3,100}},)?\s+{AUX}(?P<v>{SPEECH})"
    rf"|(?P<v2>{VERBS})\s+(?P<sp2>{SPEAKER}))(?=\s*(?:[,.;:!?]|$)|{WHEN}\s*[,.;:!?]|\s+(?:to|in|on|at|after|"
    r"before|during|when|while|as|of|about|from|for|via|using|by)\b)"
    rf"|^\s*[-–—]\s*(?P<sp3>{NAME})\s*$")
# attribution right before an opening quote: `Kim said: "`, `He said, "`, `with Boswell stating: "`
# a long subject: a capitalised phrase ending in a name or a source ("PC World's recent analysis
# of its own web traffic statistics", "The "History" section of the site")
_SUBJECT_WORD = rf"(?:[A-Z][\w'’.\-]*|{TITLE_WORD}|of|for|in|on|at|from|by|\"[^\"]{{1,30}}\")"
LONG_SUBJECT = (rf"(?:[A-Z][\w'’.\-]*(?:\s+{_SUBJECT_WORD}){{0,14}}?\s+(?:{NAME}|{SOURCE_NOUNS}"
                rf"(?:\s+of(?:\s+{_SUBJECT_WORD}){{1,8}})?)"
                rf"|(?:[Tt]he|[Aa]n?|[Oo]ne|[Ss]ome)\s[^,.;:!?]{{0,80}}?\b{SOURCE_NOUNS})")
BEFORE_QUOTE = re.compile(
    rf"(?:^|[.!?][\"”’)]?\s+|[,;]\s+|\b(?:and|but|with|as|while|where|when|who)\s+)"
    rf"(?P<sp>{SPEAKER}|{LONG_SUBJECT})"
    rf"(?:,\s+[^,\"“”]{{3,100}},)?\s+{AUX}(?P<v>{SPEECH}|continued|continues){WHEN}\s*[,:]?\s*$")

# a quote brought in by a colon or a participle of saying (`Sunak defended the record: "…"`,
# `…, writing in a blog post "…"`): the sentence's subject said it
INTRODUCED = re.compile(r"(?::|,\s+(?:saying|writing|adding|stating|noting|warning|explaining|"
                        r"arguing|declaring|tweeting)(?:\s+(?:in|on)\s+[^\"“”,:]{1,40})?[,:]?)\s*$")
NEGATED = re.compile(r"\b(?:not|never)\b|n't")
DESCRIBED = re.compile(rf"^{DESCRIPTION}$")
SUBJECT = re.compile(rf"^(?:[^,\"“”]{{0,60}},\s+)?(?P<sp>{SPEAKER})\s+{AUX}[a-z]+")

# one sentence, reported speech and the other forms
SENTENCE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quoted", re.compile(rf"^(?P<via>.+?)\s+quot(?:ed|ing)\s+(?P<sp>{SPEAKER})\s+as\s+"
                          r"saying\s+(?:that\s+)?(?P<q>.+?)[.!?]?[”\"]?$")),
    ("reported-after", re.compile(rf"^(?P<q>.{{12,}}?),[”\"]?\s+(?:(?P<sp>{SPEAKER})\s+{AUX}(?P<v>{VERBS})"
                                  rf"|(?P<v2>{VERBS})\s+(?P<sp2>{SPEAKER})){WHEN}"
                                  r"(?:,\s+according\s+to\s+[^,.]+)?\s*(?:[.!?]$|,\s+(?![“\"]))")),
    ("according-after", re.compile(r"^(?P<q>.{12,}?),\s+according\s+to\s+(?P<sp>[^,.]+?)\s*[.!?]?$")),
    ("according-before", re.compile(r"(?:^|,\s+|;\s+|\bthat\s+)[Aa]ccording\s+to\s+(?P<sp>[^,]+?),\s+"
                                    r"(?P<q>.{12,}?)[.!?]?$")),
    ("as-said", re.compile(rf"^(?:[^,]{{0,40}},\s+)?[Aa]s\s+(?P<sp>{SPEAKER})\s+{AUX}(?P<v>{SPEECH})"
                           rf"{WHEN},\s+(?P<q>.{{12,}}?)[.!?]?$")),
)
# ``… SPEAKER said (that) CONTENT`` anywhere in a sentence
MID_VERB = re.compile(rf"\s{AUX}(?P<v>{SPEECH}){WHEN}:?(?:,\s+[^,]{{3,40}},\s+that|\s+that)?\s+"
                      r"(?!(?:to|by|in|on|for|of|with|at|from|into|up|out|off|over|about|as|"
                      r"according)\s|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                      r"yesterday|today|earlier|later)\b)"
                      r"(?P<q>[A-Za-z0-9“\"'‘].{10,}?)[.!?]?$")
_LINK = r"(?:but|and|while|because|as|when|after|where|so|although|though|whereas)"
CLAUSE = re.compile(rf"(?:^|[,;:]\s+(?:{_LINK}\s+)?|\s{_LINK}\s+)")
# `X tweeted to Y and said …`: the subject is the one of the first verb
COORDINATED = re.compile(rf"\s{AUX}(?:{SPEECH}|[a-z]+ed)\b[^,;]{{0,60}}\s(?:and|but)(?:\s+then|\s+later)?$")
# the subject of a verb of saying: a speaker, or a long title ending in a name ("Executive
# director of the Dallas chapter of CAIR Alia Salem"), an apposition after it
# (weaker evidence than a verb right before a quotation mark: a long subject only as a title
# before a name, "Executive director of the Dallas chapter of CAIR Alia Salem")
SPEAKERISH = re.compile(rf"^(?:{SPEAKER}|(?!.*\b(?:has|have|had|is|was|are|were|will|would|been|"
                        rf"[a-z]+ed)\b)[A-Z][\w\s'’.\-]{{0,120}}?\s{NAME})(?:,\s+[^,]{{3,100}},?)?$")
APPOSITION = re.compile(rf"^(?P<sp>{SPEAKER}),\s+[^,]{{3,100}},?$")
# a sentence without one of these words matches no form: a set lookup of its words is
# much faster than a regular expression of some hundred verb forms
CUE_WORDS = frozenset(_ALL_FORMS | {"tell", "tells", "told", "telling", "according", "quoted",
                                    "quoting"})
_WORD = re.compile(r"[a-z]+")


def has_cue(text: str) -> bool:
    """Whether ``text`` has a word that can attribute a statement."""
    return not CUE_WORDS.isdisjoint(_WORD.findall(text.lower()))
WEAK = re.compile(rf"^(?:{THINK})$")
CLAUSE_START = re.compile(r"^(?:that\b|[“\"‘']|(?:the|a|an|it|its|he|she|they|we|I|there|this|these|"
                          r"those|his|her|their|our|no|some|many|most|all|every|each|[A-Z0-9])\w*\s)")
# an attribution closing reported content (`…, the report said.`): not part of what was said
TRAILING = re.compile(rf",\s+(?:(?:{SPEAKER})\s+{AUX}(?:{VERBS})|(?:{VERBS})\s+(?:{SPEAKER})|"
                      rf"according\s+to\s+[^,]+){WHEN}\s*[.!?]?$")
# verbs whose object may be a thing rather than a statement ("wrote a large number of papers",
# "showed the greater persistence"): a statement only as `wrote that …` or `wrote "…"`
WRITE = re.compile(r"^(?:write|writes|wrote|written|writing|show|shows|showed|shown|showing|"
                   r"indicate|indicates|indicated|learn|learns|learned|learnt)$")
THAT_OR_QUOTE = re.compile(r"^(?:that\b|[“\"‘'])")
# verbs that as often take a thing ("announced economic measures", "recalled its ambassador",
# "confirmed the deal"): a statement only when a clause follows, opening on "that", a quote, a
# pronoun or a name ("reported Kim visited …"), or with an auxiliary in it
OBJECT_VERBS = re.compile(r"^(?:announc|reveal|confirm|predict|recall|admit|acknowledg|alleg|report|"
                          r"declar)(?:e|es|ed|ing|s)?$")
CLAUSE_OPENING = re.compile(r"^(?:that\b|[“\"‘']|(?:he|she|it|they|we|I|there|this|these|those)\b|"
                            r"[A-Z])")
# …or a clause that shows itself by an auxiliary or a copula ("reported the deal was off")
FINITE = re.compile(r"\b(?:is|was|were|are|has|have|had|will|would|could|can|may|might|must|"
                    r"should|did|does|do)\b")
# capitalised words that open sentences but name nobody: a speaker is never one of them
# (leading ones are dropped: "And I" is "I")
NOT_NAMES = frozenset("""and as at after also although actually because before but by for
here how however if in it's no now on or so still then there these this those though thus
well what when where whereas which while who why with yes yet you you'll you're we'll
therefore instead whatever uh um meanwhile moreover furthermore indeed perhaps maybe finally
first second later earlier today yesterday besides otherwise hence
""".split())
