"""briefgen's default topics: broad news subjects, after the top level of IPTC Media Topics.

Data only: each topic is written as a project would write
``content/topics/<slug>.md`` (``patterns`` in the syntax of
:mod:`briefgen.index.topics`). A project's file of the same slug replaces one;
``topics: {defaults: false}`` in ``briefgen.yaml`` drops them all. Words are
chosen to be specific to their subject: a word two subjects share ("attack",
"law") is left out or combined with another (``AND``), and the minimum score
keeps one passing mention from filing a story.
"""

from __future__ import annotations

from typing import Any

DEFAULT_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "slug": "arts-culture-and-entertainment", "name": "Arts, culture and entertainment",
        "aliases": ["Arts", "Culture", "Entertainment", "Media"],
        "description": "Arts, cinema, music, books, television, popular culture, the media and "
                       "the people who make them.",
        "patterns": [
            "film* OR movie* OR cinema* OR music* OR musician* OR album* OR song* OR concert*",
            "artist* OR artwork* OR museum* OR gallery OR galleries OR theatre* OR theater*",
            "novel OR novels OR novelist* OR poet OR poets OR poem* OR poetry OR literature",
            "book OR books OR audiobook* OR author OR authors OR publishing OR publisher*",
            "comic* OR anime OR cosplay* OR celebrit* OR actor* OR actress* OR hollywood",
            "television OR TV show* OR sitcom* OR podcast* OR magician* OR magic tricks",
            "fan expo OR convention* OR festival* OR pop culture OR entertainment",
            "satire OR satirical OR comedy OR comedian* OR humor OR humour",
            "newspaper* OR journalis* OR news source* OR editor OR editors",
        ],
    },
    {
        "slug": "conflict-war-and-defence", "name": "Conflict, war and defence",
        "aliases": ["Conflict", "War", "Defence", "Defense", "Military"],
        "description": "Armed conflict, armed forces, weapons, military exercises and "
                       "the peace processes that end wars.",
        "patterns": [
            "war OR wars OR wartime OR warfare OR warship* OR military OR militar* OR army OR armies",
            "troops OR soldier* OR navy OR naval OR air force OR armed forces OR marines",
            "missile* OR rocket* OR weapon* OR warhead* OR artillery OR munitions OR ammunition",
            "nuclear AND (weapon* OR bomb* OR test* OR arsenal* OR warhead*)",
            "drills OR military exercise* OR naval exercise* OR invasion OR ceasefire OR truce",
            "peace process OR peace talks OR insurgen* OR rebel* OR militant* OR terroris*",
            "defence OR defense NOT (defense attorney* OR defense lawyer* OR self defense)",
        ],
    },
    {
        "slug": "crime-law-and-justice", "name": "Crime, law and justice",
        "aliases": ["Crime", "Justice", "Law"],
        "description": "Crime, policing, courts, trials, prisons and the law.",
        "patterns": [
            "police OR policeman OR policemen OR arrest* OR detain* OR suspect* OR custody",
            "court OR courts OR trial OR judge* OR jury OR prosecut* OR lawyer* OR attorney*",
            "crime* OR criminal* OR murder* OR homicide* OR assassinat* OR poison*",
            "charged OR convicted OR sentenced OR acquitted OR prison* OR jail* OR lawsuit*",
            "theft OR stolen OR fraud* OR break in OR burglar* OR illegal* OR smuggl*",
            "hacker* OR hacking OR cyberattack* OR denial of service",
            "pathologist* OR autopsy OR autopsies OR forensic*",
        ],
    },
    {
        "slug": "economy-business-and-finance", "name": "Economy, business and finance",
        "aliases": ["Economy", "Business", "Finance", "Economics"],
        "description": "The economy, companies, markets, trade, money and taxes.",
        "patterns": [
            "economy OR economies OR economic* OR economist* OR recession OR inflation OR GDP",
            "business* OR compan* OR corporat* OR firm OR firms OR industry OR industries",
            "market OR markets OR stock* OR shares OR investor* OR investment* OR bank OR banks",
            "trade OR tariff* OR export* OR import* OR sanctions relief",
            "profit* OR revenue* OR sales OR customer* OR price OR prices OR finance* OR financial",
            "tax OR taxes OR taxation OR taxpayer* OR budget* OR debt OR entrepreneur* OR startup*",
            "owner OR owners OR founder OR founded",
        ],
    },
    {
        "slug": "education", "name": "Education",
        "aliases": ["Schools"],
        "description": "Schools, universities, teaching and learning.",
        "patterns": [
            "school OR schools OR schooling OR university OR universities OR college*",
            "student* OR pupil* OR teacher* OR teaching OR classroom* OR curriculum",
            "education* OR academic* OR professor* OR lecturer* OR graduate*",
        ],
    },
    {
        "slug": "environment-and-disasters", "name": "Environment, weather and disasters",
        "aliases": ["Environment", "Weather", "Disasters", "Climate"],
        "description": "Climate, pollution, nature and wildlife; weather; natural disasters, "
                       "accidents and emergencies.",
        "patterns": [
            "climate* OR global warming OR greenhouse OR emission* OR pollut* OR ozone",
            "environment* OR ecolog* OR wildlife OR conservation OR biodiversity OR deforest*",
            "weather OR meteorolog* OR rainfall OR storm* OR cyclone* OR hurricane* OR typhoon*",
            "earthquake* OR flood* OR tsunami* OR wildfire* OR bushfire* OR drought* OR landslide*",
            "disaster* OR evacuat* OR emergency OR emergencies OR rescue* OR casualt*",
            "crash OR crashed OR accident* OR explosion* OR sinking OR sank OR shipwreck*",
            "crop* OR harvest* OR farmer* OR agricultur*",
        ],
    },
    {
        "slug": "health", "name": "Health",
        "aliases": ["Medicine", "Public health"],
        "description": "Health, illness, medicine, hospitals and public health.",
        "patterns": [
            "health OR healthy OR healthcare OR hospital* OR clinic OR clinics OR medic*",
            "disease* OR illness* OR infection* OR virus* OR vaccin* OR epidemic* OR pandemic*",
            "doctor* OR nurse* OR patient* OR surgeon* OR surgery OR therap* OR symptom*",
            "deficiency OR nutrition* OR malnutrition OR cancer* OR diabetes OR mental health",
            "self medicat* OR self medication OR pharmac*",
        ],
    },
    {
        "slug": "lifestyle-and-leisure", "name": "Lifestyle and leisure",
        "aliases": ["Lifestyle", "Leisure", "Food and drink", "Travel"],
        "description": "Food and drink, travel, hobbies, games, fashion and leisure.",
        "patterns": [
            "food OR cooking OR recipe* OR restaurant* OR chef* OR cocktail* OR drink OR drinks",
            "bar OR bars OR pub OR pubs OR beer OR wine OR coffee",
            "travel* OR tourism OR tourist* OR holiday* OR vacation*",
            "hobby OR hobbies OR board game* OR gaming OR gamer* OR video game* OR toy OR toys",
            "fashion OR leisure OR lifestyle* OR wellness",
        ],
    },
    {
        "slug": "politics", "name": "Politics",
        "aliases": ["Government", "Diplomacy", "International relations"],
        "description": "Government, elections, parties, diplomacy and international relations.",
        "patterns": [
            "government* OR politic* OR parliament* OR congress* OR senate OR senator*",
            "election* OR elect OR elected OR vote OR votes OR voter* OR ballot* OR referendum*",
            "candidate* OR campaign* OR party OR parties OR republican* OR democrat* OR libertarian*",
            "president* OR prime minister* OR minister* OR governor* OR mayor* OR cabinet",
            "diplomat* OR diplomacy OR sanction* OR embassy OR embassies OR treaty OR summit*",
            "United Nations OR UN Security Council OR Security Council OR resolution*",
            "constitution* OR legislat* OR policy OR policies OR regime OR officials",
        ],
    },
    {
        "slug": "religion", "name": "Religion and belief",
        "aliases": ["Religion", "Faith", "Belief"],
        "description": "Religions, churches and belief.",
        "patterns": [
            "religio* OR church* OR faith OR belief* OR worship* OR scientolog*",
            "mosque* OR temple* OR synagogue* OR cathedral* OR monaster*",
            "priest* OR pope OR bishop* OR clergy OR imam* OR rabbi* OR nun OR nuns",
            "christian* OR catholic* OR protestant* OR muslim* OR islam* OR jewish OR judaism",
            "buddhis* OR hindu* OR sikh* OR god OR gods OR bible OR quran OR koran",
        ],
    },
    {
        "slug": "science-and-technology", "name": "Science and technology",
        "aliases": ["Science", "Technology", "Tech"],
        "description": "Research and discoveries, space, computing, the internet and technology.",
        "patterns": [
            "science OR sciences OR scientist* OR scientific* OR research* OR laboratory OR laboratories OR experiment* OR discover*",
            "biolog* OR physic* OR chemist* OR astronom* OR geolog* OR mathemat* OR zoolog*",
            "species OR genus OR organism* OR ant OR ants OR anemone* OR cells OR genetic*",
            "space OR spacecraft OR NASA OR comet* OR planet* OR asteroid* OR satellite* OR dust",
            "technolog* OR software OR hardware OR computer* OR internet OR website* OR online",
            "browser* OR web OR app OR apps OR digital OR programmer* OR engineer* OR robot*",
            "Microsoft OR Google OR Apple OR wiki OR wikis OR open source",
        ],
    },
    {
        "slug": "society", "name": "Society",
        "aliases": ["Social issues", "Human rights", "Migration"],
        "description": "Social issues: migration and asylum, rights and discrimination, "
                       "communities, families and protest.",
        "patterns": [
            "asylum OR refugee* OR migrant* OR migration OR immigra* OR emigra* OR visa OR visas",
            "human rights OR civil rights OR discriminat* OR racism OR racist OR prejudice",
            "islamophobia OR sexism OR equality OR inequality OR poverty OR homeless*",
            "social movement* OR activis* OR protest* OR demonstrat* OR petition*",
            "community OR communities OR famil* OR children OR women OR girls OR charity",
            "disabilit* OR disabled OR wheelchair* OR social* OR society OR societies",
        ],
    },
    {
        "slug": "sport", "name": "Sport",
        "aliases": ["Sports"],
        "description": "Sport: competitions, teams, athletes and results.",
        "patterns": [
            "sport OR sports OR sporting OR athlete* OR athletic* OR olympic* OR paralympic*",
            "football OR soccer OR world cup OR FIFA OR basketball OR baseball OR cricket",
            "tennis OR rugby OR hockey OR golf OR cycling OR boxing OR swimming OR marathon*",
            "tournament* OR championship* OR league* OR match OR matches OR goal OR goals",
            "team* AND (coach* OR player* OR win OR won OR score* OR medal* OR season*)",
            "medal* OR stadium* OR stadia",
        ],
    },
)
