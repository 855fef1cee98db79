"""Word lists the benchmark corpus is made from: data only, the generator is in corpus.py.

The lists mix spellings from many languages so entity names exercise the same
slug, alias and mention-matching paths that real news names do.
"""

FIRST_NAMES = (
    "Aarav", "Abdul", "Ada", "Adriana", "Ahmed", "Aiko", "Akira", "Alejandro", "Alice", "Amara",
    "Amir", "Ana", "Andrei", "Anna", "Arjun", "Astrid", "Ayesha", "Beatriz", "Bilal", "Bongani",
    "Camila", "Carlos", "Catherine", "Chen", "Chiara", "Chidi", "Daniel", "Dara", "David", "Diego",
    "Dmitri", "Elena", "Elif", "Emeka", "Emma", "Erik", "Fatima", "Felipe", "Francesca", "Gabriel",
    "Grace", "Hana", "Hassan", "Helen", "Hiroshi", "Ibrahim", "Ingrid", "Isabel", "Ivan", "Jae-won",
    "James", "Javier", "Ji-ho", "João", "Jonas", "Julia", "Kamala", "Karim", "Katarzyna", "Kenji",
    "Kofi", "Lars", "Layla", "Leila", "Li", "Lucas", "Lucía", "Maria", "Mariam", "Mark",
    "Mateo", "Mehmet", "Mei", "Min-jun", "Mohammed", "Nadia", "Naledi", "Nikolai", "Nina", "Olga",
    "Omar", "Pablo", "Patrick", "Paulo", "Pedro", "Priya", "Rafael", "Rahul", "Ravi", "Rosa",
    "Samir", "Sara", "Sergei", "Seo-yeon", "Siobhan", "Sofia", "Søren", "Sunita", "Tariq", "Thomas",
    "Tomás", "Valentina", "Wei", "Yara", "Yusuf", "Zainab", "Zoltán", "Zsófia",
)

LAST_NAMES = (
    "Abe", "Adeyemi", "Ahmadi", "Alvarez", "Andersen", "Bakr", "Banerjee", "Becker", "Bianchi", "Bose",
    "Castillo", "Chen", "Choi", "Costa", "Dalton", "Das", "Delgado", "Dubois", "Eriksson", "Fernández",
    "Fischer", "Fitzgerald", "García", "Gonçalves", "Gupta", "Haddad", "Hansen", "Hernández", "Hoffmann", "Horvát",
    "Ibrahim", "Ivanova", "Jansen", "Jung", "Kamau", "Kang", "Kato", "Khan", "Kim", "Kowalski",
    "Kuznetsov", "Larsen", "Lee", "Lindqvist", "López", "Mahlangu", "Martin", "Mendes", "Molina", "Moreau",
    "Müller", "Nakamura", "Navarro", "Nguyen", "Novak", "Nowak", "O'Brien", "Okafor", "Okonkwo", "Oliveira",
    "Park", "Patel", "Petrov", "Popescu", "Qureshi", "Ramírez", "Rao", "Rossi", "Saito", "Santos",
    "Schmidt", "Silva", "Singh", "Sokolov", "Suzuki", "Tanaka", "Torres", "Van der Berg", "Vargas", "Volkov",
    "Wagner", "Walsh", "Wang", "Watanabe", "Weber", "Wiśniewski", "Yamamoto", "Yilmaz", "Yoon", "Zhang",
)

# "{word} Ministry", "{word} Council" …: formats × words give a few hundred organisations.
ORG_FORMATS = (
    "Ministry of {word}", "{word} Council", "National {word} Agency", "{word} Institute",
    "{word} Commission", "{word} Federation", "{word} Authority", "{word} Foundation",
    "Bank of {place}", "{place} {word} Board", "University of {place}", "{place} Party",
)

ORG_WORDS = (
    "Agriculture", "Aviation", "Climate", "Commerce", "Culture", "Defence", "Development", "Education",
    "Energy", "Environment", "Finance", "Fisheries", "Forestry", "Health", "Heritage", "Housing",
    "Industry", "Infrastructure", "Justice", "Labour", "Maritime", "Media", "Migration", "Mining",
    "Nuclear", "Ocean", "Planning", "Public Works", "Railway", "Research", "Science", "Security",
    "Space", "Sport", "Statistics", "Telecoms", "Tourism", "Trade", "Transport", "Water",
)

TOPIC_AREAS = (
    "Agriculture", "Arts", "Aviation", "Banking", "Biodiversity", "Cities", "Climate", "Conflict",
    "Crime", "Cybersecurity", "Diplomacy", "Disasters", "Education", "Elections", "Employment", "Energy",
    "Fashion", "Film", "Food", "Football", "Health", "Housing", "Human rights", "Immigration",
    "Internet", "Labour", "Language", "Law", "Media", "Mining", "Music", "Nuclear power",
    "Oceans", "Oil and gas", "Pensions", "Policing", "Public health", "Religion", "Retail", "Science",
    "Shipping", "Social media", "Space", "Sport", "Taxation", "Technology", "Tourism", "Trade",
    "Transport", "Water",
)

TOPIC_FACETS = ("", " policy", " markets", " research", " regulation", " funding", " protests",
                " reform", " in Asia", " in Africa", " in Europe", " in the Americas")

PUBLISHERS = (
    ("The Daily Ledger", "dailyledger.example"), ("Morning Herald", "morningherald.example"),
    ("Global Wire", "globalwire.example"), ("The Observer Post", "observerpost.example"),
    ("Coastal Times", "coastaltimes.example"), ("Capital Courier", "capitalcourier.example"),
    ("Northern Star", "northernstar.example"), ("Evening Gazette", "eveninggazette.example"),
    ("Pacific Review", "pacificreview.example"), ("The Tribune", "tribune.example"),
    ("Metro Journal", "metrojournal.example"), ("Harbour News", "harbournews.example"),
    ("Wikinews", "wikinews.example"), ("Inland Dispatch", "inlanddispatch.example"),
)

AGENCIES = ("AP", "Reuters", "AFP", "Yonhap", "Kyodo", "dpa", "EFE", "ANSA")

UTC_OFFSETS = ("+00:00", "+00:00", "+01:00", "+02:00", "-05:00", "-08:00", "+05:30", "+08:00", "+09:00")

# Sentences that name entities in the body, so mention linking has work to do.
MENTION_SENTENCES = (
    "{a} said the decision would be reviewed by {b} before the end of the year.",
    "Officials at {a} declined to comment when asked about {b}.",
    "According to {a}, the talks with {b} were constructive.",
    "{a} has been critical of {b} for several months.",
    "The plan was first proposed by {a} and later backed by {b}.",
    "Observers in {a} expect {b} to respond within days.",
    "A spokesperson for {a} confirmed that {b} had been informed.",
    "{a} and {b} are expected to meet again next month.",
)

EDIT_SENTENCE = "In a late update, {name} added that the figures would be revised next week (edit {n})."
