"""Word lists for reading a copied web page: data, kept apart from the scoring code.

Stop words tell running prose from navigation in any language the pages use:
a sentence is full of "the", "de", "yang", "и"; a menu is not. The boilerplate
phrases are the generic furniture of news pages (share buttons, ad labels,
newsletter offers), never one outlet's wording.
"""

from __future__ import annotations

STOPWORDS_BY_LANGUAGE: dict[str, str] = {
    "en": """a about after all also an and any are as at be been but by can could did do does for from
        had has have he her his how i if in into is it its more most my no not of on one or our out
        over said says she so some than that the their them then there these they this those to up
        was we were what when where which while who will with would you your""",
    "pt": """a ao aos as com como da das de do dos e ela ele em entre era essa esse esta este foi for
        isso já mais mas na nas no nos o os ou para pela pelo por que se sem ser seu sua são também
        um uma à é está você""",
    "es": """a al como con de del el en entre era es esta este fue ha la las lo los más no o para pero
        por que se ser sin sobre su sus también un una y ya""",
    "fr": """à au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne nous on
        ou par pas plus pour qu que qui sa se ses son sont sur un une été""",
    "de": """als am an auch auf aus bei das dass dem den der des die durch ein eine einem einen einer
        es für hat ist im in mit nach nicht noch oder sich sie sind so um und von vor wie wird zu zum zur""",
    "it": """al alla che con da del della di e il in la le non per più si su un una è""",
    "nl": """aan als bij de dat die een en er het in is met niet of om op te van voor zijn""",
    "id": """ada adalah akan atau bahwa dalam dan dari dengan di ini itu juga kami ke kepada karena
        mereka oleh pada saat sebagai sudah tidak untuk yang""",
    "ru": """а в во все да для его если же за и из или к как ко на не но о об от по при с со так то
        что это он она они мы вы у""",
    "tr": """ve bir bu da de için ile olarak çok daha en gibi ama ancak olan oldu sonra kadar ise mi""",
    "pl": """i w na z do się nie że to jest o jak po ale od za przez jego czy tak także który które""",
    "sv": """och i att det som en på är av för med till den har de inte om ett han var men""",
    "vi": """và của là có trong được cho không những với các một này đã người khi đến về""",
    "ar": """في من على أن إلى عن مع هذا هذه التي الذي كان قد لا ما أو بعد""",
    "hi": """के में की है और को से का एक यह पर भी कि ने हैं था लिए""",
}

STOPWORDS: frozenset[str] = frozenset(
    word for words in STOPWORDS_BY_LANGUAGE.values() for word in words.split()
)

# Sentence ends in the scripts seen; CJK prose ends with full-width marks.
# A closing quote or bracket counts only after one of these.
TERMINAL = ".!?。！？…"
CLOSERS = "\"'”’»)]」』"

# A line that is exactly one of these (case-insensitive, punctuation stripped)
# is page furniture wherever it stands.
FURNITURE_LINES: frozenset[str] = frozenset({
    "advertisement", "ad", "sponsored", "share", "tweet", "email", "print", "comments", "comment",
    "related", "subscribe", "login", "log in", "sign in", "sign up", "menu", "search", "close",
    "read more", "see also", "more from this section", "next story", "previous story",
    "next article", "previous article", "recommended", "trending", "most popular", "most read",
    "story continues below advertisement", "continue reading below", "article continues below",
    "skip to content", "skip to main content", "back to top", "you may also like",
    "you might also like", "more stories", "latest news", "facebook", "twitter", "linkedin",
    "whatsapp", "pinterest", "reddit", "copy link", "copy this link", "share this article", "share this",
    "leave a comment", "show comments", "related articles", "related stories", "play video",
    "watch video", "publicidade", "anúncio", "werbung", "anzeige", "publicité", "publicidad",
    "реклама", "iklan", "광고", "広告", "advertise with us", "top stories", "newsletter",
})

# Words that, inside a short line, mark it as an offer, a credit or a widget
# rather than a sentence of the story.
FURNITURE_WORDS: tuple[str, ...] = (
    "subscribe", "subscription", "newsletter", "sign up", "log in", "follow us", "click here",
    "all rights reserved", "copyright", "©", "cookie", "privacy policy", "terms of use",
    "terms of service", "advertisement", "download the app", "read more", "related:",
    "image copyright", "getty images", "photo credit", "(photo:", "(image:", "image source",
    "share on", "share this with", "share this story", "click to", "opens in new window", "new window",
    "external links", "signed in as", "share panel", "social media links", "comments", "responses to",
    "says:", "wrote:", "reply", "permalink", "follow on", "tap here", "sign in", "register",
    "terms & conditions",
)

# The ones no sentence of a story uses: they mark even a short full sentence
# ("Click here to subscribe.") as furniture, where "comments" or "register"
# would also catch "The firm declined to make comments."
STRONG_FURNITURE_WORDS: tuple[str, ...] = (
    "click here", "subscribe to our", "subscribe now", "sign up for our", "our newsletter",
    "download the app", "all rights reserved", "©", "opens in new window", "follow us on", "tap here",
    "subscribe to the", "successfully subscribed", "succesfully subscribed", "enable javascript",
    "powered by disqus", "activation link", "affiliate links", "your email address",
    # comment forms in other languages ("Deine E-Mail-Adresse wird nicht veröffentlicht.")
    "akismet", "e-mail-adresse wird nicht veröffentlicht", "adresse e-mail ne sera pas publiée",
    "correo electrónico no será publicada", "endereço de email não será publicado",
    "indirizzo email non sarà pubblicato",
)

# Page-footer text: marks a line as furniture at any length (a story never
# contains them, a legal footer always does).
FOOTER_MARKERS: tuple[str, ...] = (
    "©", "all rights reserved", "todos os direitos reservados", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados", "hak cipta", "все права защищены",
    "this material may not be published, broadcast, rewritten", "cookies to", "use of this site",
)
# The footer's link labels: furniture in a short line ("Impressum | Datenschutz"), but words a
# story may use too ("datenschutzkonform", "the company changed its privacy policy").
FOOTER_LINKS: tuple[str, ...] = (
    "privacy policy", "terms of service", "terms of use", "プライバシーポリシー", "개인정보처리방침",
    "política de privacidade", "política de privacidad", "datenschutz", "kebijakan privasi",
)

# Prefixes of the credit that follows a story on syndicated pages.
SYNDICATION_MARKERS: tuple[str, ...] = (
    "(only the headline", "(this story has not been edited", "(except for the headline",
    "this story has not been edited", "(with inputs from", "this article was originally published",
    "this story was originally published", "copyright 20", "© 20", "©20",
)

# Short lines that open the page's after-story matter (comments, related
# stories, "more from"): the story never runs on across one of them.
BOUNDARY_MARKERS: tuple[str, ...] = (
    "comments", "comment", "responses to", "leave a reply", "leave a comment", "post a comment",
    "join the conversation", "related", "more from", "read next", "read more", "you may also like",
    "you might also like", "recommended", "more stories", "more news", "most popular", "most read",
    "trending", "popular now", "latest news", "latest stories", "what to read next", "also read",
    "further reading", "around the web", "from the web", "sponsored stories", "promoted stories",
    "more on this", "top stories", "editor's picks", "editors' picks", "next story", "up next",
    "comentários", "comentarios", "commentaires", "kommentare", "leia mais", "leia também",
    "veja também", "lire aussi", "lee también", "mehr zum thema", "baca juga", "berita terkait",
    "похожие статьи", "читайте также", "관련기사", "関連記事",
    # the same labels in the languages most pages are written in: comment forms, post
    # navigation, "you might also like" boxes (WordPress and the big CMSs translate them so)
    "more posts", "post navigation", "related posts", "previous post", "next post", "about the author",
    "das könnte dich auch interessieren", "das könnte sie auch interessieren", "das könnte ihnen auch gefallen",
    "weitere interessante themen", "verwandte themen", "verwandte artikel", "verwandte beiträge",
    "ähnliche artikel", "ähnliche beiträge", "weitere artikel", "weitere beiträge", "weitere topthemen",
    "weiterlesen:", "lesen sie auch", "auch interessant", "passend zum thema", "meistgelesen",
    "schreibe einen kommentar", "hinterlasse einen kommentar", "kommentar schreiben", "beitrags-navigation",
    "beitragsnavigation", "vorheriger beitrag", "nächster beitrag", "über den autor",
    "vea también", "puedes ver", "lea también", "te puede interesar", "noticias relacionadas",
    "por si no lo viste", "más noticias", "lo más leído", "deja un comentario", "deja una respuesta",
    "à lire aussi", "sur le même sujet", "article suivant", "article précédent", "laisser un commentaire",
    "vous aimerez aussi", "les plus lus", "leggi anche", "articoli correlati", "potrebbe interessarti",
    "lascia un commento", "deixe um comentário", "notícias relacionadas", "matérias relacionadas",
    "mais lidas", "czytaj także", "czytaj też", "zobacz także", "zobacz też", "podobne artykuły",
    "zostaw komentarz", "lees ook", "gerelateerde artikelen", "laat een reactie achter",
    # a blog's sidebar widgets and the site's self-description after the post
    "recent comments", "recent posts", "aktuelle kommentare", "neueste kommentare", "letzte kommentare",
    "neueste beiträge", "letzte beiträge", "hinterlasse eine antwort", "about us", "über uns", "wir über uns",
    "à propos de nous", "sobre nosotros", "quiénes somos", "chi siamo", "o nas", "over ons",
    "commentaires récents", "articles récents", "comentarios recientes", "entradas recientes",
)

# Inside a line that does not end like a sentence, these mark a photo caption or credit.
CAPTION_MARKERS: tuple[str, ...] = (
    "credit:", "photo:", "photograph:", "image:", "(ap photo", "ap photo/", "getty images", "/getty",
    "reuters/", "afp via", "/afp", "(photo", "(image", "pictured", "file photo", "photo by", "foto:",
    "bild:", "crédito", "créditos:", "image copyright", "source:",
)

# Labels in front of a stamp, lower case, matched inside the text before it.
UPDATED_LABELS: tuple[str, ...] = (
    "updated", "last updated", "modified", "last modified", "edited", "atualizado", "actualizado",
    "aktualisiert", "mis à jour", "modifié", "diperbarui", "обновлено", "수정", "更新",
)
PUBLISHED_LABELS: tuple[str, ...] = (
    "published", "first published", "posted", "released", "publicado", "publicada", "veröffentlicht",
    "publié", "pubblicato", "diterbitkan", "опубликовано", "입력", "公開", "配信",
)

# Labels that open a page's tag list.
TOPIC_LABELS: tuple[str, ...] = (
    "topics", "tags", "tagged", "tagged with", "related topics", "keywords", "filed under",
    "more on", "temas", "tópicos", "etiquetas", "themen", "schlagworte", "sujets", "mots-clés",
    "argomenti", "topik", "теги", "태그", "タグ",
)

# Names written in camel case that a run-together tag list must not split.
CAMEL_CASE_NAMES: tuple[str, ...] = (
    "YouTube", "iPhone", "iPad", "iPod", "iOS", "macOS", "PlayStation", "LinkedIn", "WhatsApp",
    "TikTok", "PayPal", "JavaScript", "OpenAI", "SpaceX", "eBay", "McDonald", "McDonald's",
    "MacBook", "AirPods", "WeWork", "BlackRock", "JPMorgan", "GlaxoSmithKline", "FedEx",
    "DeepMind", "ChatGPT", "GitHub", "HarperCollins", "PricewaterhouseCoopers", "SoftBank",
    "McConnell", "McCarthy", "McCain", "MacArthur", "DeSantis", "LeBron", "DiCaprio", "O'Neill",
)

# Phrases of the offers and legal notices that follow a story in full
# sentences ("No spam, we promise…", "… are registered trademarks of …"):
# a line at the story's edge that has one is trimmed, whatever its length.
EDGE_PHRASES: tuple[str, ...] = (
    "subscribe", "unsubscribe", "newsletter", "sign up", "join our", "follow us", "this website",
    "this site", "registered trademark", "all rights reserved", "no spam", "inbox", "download our app",
    "download the app", "get the app", "support our journalism", "become a member", "free trial",
    "click here", "terms and conditions", "cookie", "privacy", "assine", "inscreva-se", "abonnieren",
    "abonnez-vous", "suscríbete", "berlangganan",
)
