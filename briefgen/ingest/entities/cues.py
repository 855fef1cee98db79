"""Word lists the entity extractor reads: cue words, heads, stop words.

Data, not algorithm (the trafilatura ``xpaths.py`` habit): every list here is
general English newswire knowledge, never a rule for one page or outlet. The
algorithms live in ``chunking``, ``classify`` and ``aliases``.
"""

from __future__ import annotations

# the endings that make a name a website ("Gawker.com"): chunking keeps them on, typing reads them
WEB_SUFFIX = r"(?:com|org|net|us|co\.uk|io|info|gov)"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and roles written capitalised before a name ("President Donald Trump",
# "Defense Minister Sergei Shoigu"): stripped from the name, and a person cue. Not "St" or
# "Saint": far more often the start of a place or a school ("St. Louis", "St. Petersburg",
# "St Andrews University") than a saint's title.
TITLES = _words("""
    President Vice Prime Minister Deputy Chancellor Premier King Queen Prince Princess Emperor
    Empress Sultan Emir Sheikh Pope Cardinal Archbishop Bishop Reverend Rev Father Sister Brother
    Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady General Gen Lieutenant Lt Colonel Col
    Major Maj Captain Capt Commander Admiral Sergeant Sgt Corporal Private Marshal Officer
    Senator Sen Representative Rep Congressman Congresswoman Governor Gov Mayor Ambassador
    Secretary Minister Ministers Chairman Chairwoman Chair Director Judge Justice Attorney Speaker
    Leader Chief Commissioner Inspector Detective Agent Coach Manager Spokesman Spokeswoman
    Spokesperson Councillor Councilor Alderman Sheriff Superintendent Chancellor Dean Provost
    Defense Defence Foreign Interior Finance Trade Home Shadow Supreme Acting Former First
    Mister Madam Ayatollah Imam Rabbi Pastor Elder Master High Assistant Associate
    Head Undersecretary Under-Secretary Councilwoman Councilman Assemblyman Assemblywoman Secretary-General Attorney-General Inspector-General
""")
# Titles that are also the start of organisation names: they only count as a
# title when a person's name follows ("Home Office", "Foreign Ministry" stay whole).
WEAK_TITLES = _words("Defense Defence Foreign Interior Finance Trade Home Shadow Supreme Acting High Head "
                     "Former First Vice Deputy Chief General Major Private Master Elder "
                     "Father Sister Brother Justice Speaker Agent")

# Office titles that end an organisation's name when a person follows
# ("Secret Service Director John Smith").
OFFICE_TITLES = _words("President Minister Secretary Commissioner Director Chairman Chairwoman "
                       "Spokesman Spokeswoman Spokesperson Ambassador Governor Mayor Senator Judge "
                       "Chancellor Premier Coach Manager CEO Professor Dr Dr. Editor Founder Head")
# Titles written after an organisation's name ("Selangor State Police Chief").
TRAILING_TITLES = OFFICE_TITLES | _words("Chief Spokesman Spokeswoman Sheriff Commander Commissioner "
                                         "Speaker Leader Leaders Chairman Whip")
# Place kinds whose "of" names a place: "the Municipality of Bogliasco", "the Republic of Korea".
PLACE_OF_HEADS = _words("Municipality Province City Town Region County Republic Kingdom State "
                        "District Prefecture Village Commune Island Isle Gulf Bay Sea")

# Lower-case role nouns before a name ("leader Kim Jong Un", "actor Jason Beghe").
ROLE_NOUNS = _words("""
    leader president minister premier chancellor king queen prince princess dictator ruler
    spokesman spokeswoman spokesperson official officials secretary ambassador envoy general
    commander chief head director chairman chairwoman chair founder co-founder cofounder creator
    ceo executive editor editor-in-chief reporter journalist correspondent columnist writer author
    novelist poet artist actor actress singer musician rapper comedian director producer
    player striker midfielder defender goalkeeper captain coach manager referee champion
    professor researcher scientist scholar academic economist analyst expert lawyer attorney
    judge prosecutor senator governor mayor candidate nominee activist campaigner philosopher
    mathematician physicist biologist chemist doctor surgeon nurse pilot soldier officer
    colonel sergeant detective inspector investigator suspect defendant victim witness
    teenager student teacher pastor priest bishop rabbi imam cleric father mother son
    daughter brother sister wife husband uncle aunt cousin coauthor co-author interviewee
    magician wrestler boxer cyclist athlete swimmer runner designer developer engineer
    entrepreneur billionaire businessman businesswoman investor banker diplomat lawmaker
    legislator politician strongman successor predecessor deputy aide adviser advisor
""")

# The last word of an organisation's name ("Korean Central News Agency").
ORG_HEADS = _words("""
    Agency Agencies Ministry Department Army Navy Force Forces Corps Guard Guards Party Council
    University College Academy School Institute Institution Committee Commission Corporation Corp
    Inc Ltd LLC PLC Plc Co Company Companies Group Association Society Foundation Union League
    Federation Organisation Organization Bank Church Court Parliament Assembly Congress Senate
    Office Bureau Service Services Authority Board Administration Government Police Legion Team
    Club FC Times Post News Press Journal Magazine Herald Tribune Gazette Daily Weekly Network
    Networks Broadcasting Television TV Radio Airlines Airways Motors Technologies Technology
    Systems Labs Laboratory Laboratories Brotherhood Movement Front Alliance Coalition
    Conference Circle Standards Cross Fund Trust Secretariat Cabinet Embassy Consulate Mission
    Reserve Council Chamber Nations Industries Holdings Partners Studios Records Entertainment Media
    Publishing Publications Review Observer Guardian Telegraph Independent Express Mirror Mail
    Chronicle Monitor Standard Paper Sun Globe Games Federation Olympics Orchestra Choir Band
    Cartel Gang Brigade Brigades Battalion Regiment Division Militia Directorate Secretariat
    Ministry Commissariat Inquirer Courier Register Review Bulletin Insider Analytics Solutions
    Software Consulting Capital Ventures Index Exchange Energy Pharmaceuticals Robotics Airline Railways Railway
    Telecom Communications Petroleum Oil Gas Motor Steel Electronics Foods Brands Stores Bancorp
    Hotel Hotels Casino Railroad Railroads
""")
# Heads that make a name a place ("Mountain View", "Ross Sea", "Volgograd Arena").
PLACE_HEADS = _words("""
    City Town Village County Province State District Region Prefecture Oblast Territory
    Republic Kingdom Emirates Islands Island Isle Peninsula Strait Straits Sea Ocean Bay Gulf
    River Lake Lakes Mountain Mountains Mount Mt Hill Hills Valley Desert Coast Shelf Glacier
    Canyon Falls Forest Park Square Street St Avenue Ave Road Boulevard Bridge Tower Towers
    Stadium Arena Airport Station Port Harbour Harbor Beach Plaza Palace Castle Cathedral
    Centre Center Hall Heights Springs Canal Zone Border Borough Quarter Camp Base Peak
    Cape Basin Delta Plain Plains Reef Square Capitol Asylum Cave Crossing Pass Shrine Temple
    Mosque Monument Memorial Cemetery Prison Mall Jail Drive Lane Terrace Parkway Highway Freeway
    Route Place Row Gardens Wharf Pier Dam Empire Field Fields Rink
""")
# Head words that name one institution when written alone ("Congress", "the Pentagon"); every
# other head word alone ("State", "Academy", "Court", "Ministry") is a kind, not a name.
INSTITUTIONS = _words("Congress Senate Parliament Cabinet Navy Army Pentagon Kremlin Vatican Interpol "
                      "Europol Bundestag Knesset Duma Politburo Legion Reserve Times Post Guardian "
                      "Telegraph Independent Observer Mirror Mail Express Chronicle Herald Tribune "
                      "Gazette Sun Globe Inquirer Courier Bulletin Insider Monitor Economist")
# Words that open a place's name ("Lake Tharthar", "Mount Sinjar", "Jabal Sinjar", "Wadi Rum",
# "Ras Tanura", "Ayn Isa", "Deir ez-Zor"): English and Arabic geographic terms.
PLACE_STARTS = _words("Lake Lakes Mount Mt Fort Ft Port Cape Camp Isle Gulf Jabal Jebel Jabel Wadi Tal Tell "
                      "Ras Ayn Ain Bir Deir Dayr Kafr Qasr Khirbet Wadi Tel Nahr Shatt Sidi Sheikh")
# Words around a city's name that make it its club ("Chelsea beat Leeds", "lost to Pittsburgh",
# "against Montreal"): results, not places.
SPORT_AFTER = _words("beat beats defeated defeats drew edged thrashed routed trounced outscored "
                     "overcame downed blanked shut")
SPORT_BEFORE = _words("against beat defeated vs vs. versus edged thrashed routed trounced downed")
# Last words of sports clubs' names ("Montreal HC", "Sunderland AFC").
TEAM_SUFFIXES = _words("HC AFC FC CF SC AC BC RFC CFC")
# Organisation heads that also name places ("Johnson Space Center" is a place
# in newswire usage, "Hall" a building): place wins only when nothing else says organisation.
PLACE_OVER_ORG = _words("Centre Center Hall Palace Tower Towers Stadium Arena Capitol")
# Place heads that are also family names ("Marc Lamont Hill"): after a given name they lose.
SURNAME_HEADS = _words("Hill Hills Hall Park Street Wood Lake Mount Bay Cross Tower Bridge Castle "
                       "Field Heights Beach Forest Falls Springs Chamber Church Guard Union Law "
                       "Lane Place Row Gardens")

# Joining words allowed inside a name after a head ("University of Helsinki",
# "Council on American-Islamic Relations") or between given and family names.
HEAD_CONNECTORS = _words("of for on")
NAME_PARTICLES = _words("de De da Da di Di del Del della van Van von Von der Der den Den le Le la La "
                        "bin ben bint al Al el El ibn abu Abu dos das du Du y")

# Capitalised words that start sentences and headlines but are no names.
STOP_WORDS = _words("""
    A An The This That These Those There Here Then Now Yet But And Or Nor So For If When While Where
    Whether Why How What Which Who Whom Whose Since After Before During Although Though Because
    Unless Until Once As At By From In Into Of On Onto Over Under Up Upon With Without Within
    Across Against Along Among Around Behind Below Beside Between Beyond Despite Inside Near
    Outside Through Throughout Toward Towards Via Per About Above Also Still Even Just Only Many
    Most Much More Some Such Several Few All Any Each Every Both Either Neither No Not None Other
    Another I Me My We Us Our You Your He Him His She Her It Its They Them Their Yes Ok Okay Oh
    Well Meanwhile However Moreover Furthermore Instead Indeed Already Again Later Earlier Today
    Yesterday Tomorrow Tonight Finally Overall According Asked Said
    Says Mr Mrs Ms Dr Sir Hi Hello Thanks Thank Please Let Like Unlike Given Including Following
    Whereas Otherwise Perhaps Maybe Certainly Clearly Obviously Absolutely Basically Actually
    Recently Currently Previously Initially Eventually
    Elsewhere Nevertheless Nonetheless Therefore Thus Hence Besides Anyway Whatever Whoever
    Although Whilst Amid Amidst Regarding Concerning Considering Do Does Did Is Are Was Were Be
    Been Being Have Has Had Can Could Will Would Shall Should May Might Must Image Photo Video
    Picture Source Sources Update Updated Note Editor's Related Read Watch Listen Share Click
    Advertisement Sponsored Subscribe Copyright Rights Reserved Topics Tags Comments Reporting
    Additional Writing Yours Ours Theirs Hers Hey Hi Wow Hmm Hmmm Ah Uh Um OK Yeah Sure Right Wait Together Instead
    Chapter Volume Part Section Episode Category Question Answer Interview Questions
""")
MONTHS = _words("January February March April May June July August September October November "
                "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu "
                  "Thur Thurs Fri Sat Sun")
# Time and boilerplate tokens of stamps and page furniture.
JUNK_WORDS = _words("AM PM IST GMT UTC BST EST EDT PST PDT CET CEST KST JST HKT AEST Am Pm "
                    "Updated Published Posted Min Mins Read Story Section Topics "
                    "Subscribe Login Sign Share Tweet Email Print Comments Advertisement "
                    "Photo Photos Image Images Video Videos Getty Reuters/Getty File")
# Month names that are also given names: kept when a family name follows ("May Ling").
MONTH_NAMES_TOO = _words("May June April August")

# Family-name-first surnames (Korean, Chinese, Vietnamese): "Kim Jong Un" → "Kim".
FAMILY_FIRST = _words("""
    Kim Lee Park Choi Jung Chung Kang Cho Yoon Yun Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo
    Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Roh Ha Kwak Sung Cha Joo Woo Min Ryu Na Jin Ji Um
    Ri Pak Rhee Ban Jeong Yi Chae Noh Byun Gong Kong Ryang
    Wang Li Zhang Liu Chen Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie
    Tang Xi Deng Mao Jiang Wen Peng Cai Dong Yuan Pan Tian Du Wei Ye Lu Su Zeng Lai Cao Fan Ding
    Fu Shen Yao Lu Qin Xiao Hou Meng Bo Wan Qian Tan Lam Leung Wong Chan Cheung Ng Tsang Hui
    Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
""")

# Buildings and streets that newswire uses for the government inside them.
METONYMS: dict[str, str] = {
    "White House": "organization", "Kremlin": "organization", "Pentagon": "organization",
    "Downing Street": "organization", "Blue House": "organization", "Elysee": "organization",
    "Élysée": "organization", "Capitol Hill": "organization", "Whitehall": "organization",
    "Zhongnanhai": "organization", "Quai d'Orsay": "organization",
}

# Places no country or city list holds: continents, regions, seas of the news.
REGIONS = (
    "Africa", "Asia", "Europe", "Antarctica", "Oceania", "Australasia", "Arctic", "Antarctic",
    "North America", "South America", "Central America", "Latin America", "Middle East",
    "Near East", "Far East", "East Asia", "Southeast Asia", "South Asia", "Central Asia",
    "Eastern Europe", "Western Europe", "Central Europe", "Northern Europe", "Southern Europe",
    "Scandinavia", "Balkans", "Caucasus", "Sahara", "Sahel", "Caribbean", "Mediterranean",
    "Pacific", "Atlantic", "Baltic", "Korean Peninsula", "Gaza", "Gaza Strip", "West Bank",
    "Golan Heights", "Crimea", "Donbas", "Kashmir", "Tibet", "Xinjiang", "Siberia", "Midwest",
    "Silicon Valley", "Wall Street", "Hollywood", "Manhattan", "Brooklyn", "Bronx", "Queens",
    "England", "Scotland", "Wales", "Northern Ireland", "Great Britain", "Britain", "Earth",
    "Mars", "Venus", "Jupiter", "Saturn", "Neptune", "Pluto", "Inner Mongolia", "Hong Kong", "Macau",
    "Alps", "Andes", "Himalayas", "Rockies", "Pyrenees", "Urals", "Carpathians", "Appalachians",
    "Demilitarized Zone", "DMZ", "Yellow Sea", "East Sea", "Sea of Japan", "South China Sea",
    "East China Sea", "Persian Gulf", "Red Sea", "Black Sea", "Taiwan Strait", "Panmunjom",
)

# Short and common names the ISO list lacks, keyed by the ISO alpha-2 code.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "GB"),
    "KR": ("South Korea", "S Korea", "S. Korea", "Republic of Korea", "ROK", "Korea Republic"),
    "KP": ("North Korea", "N Korea", "N. Korea", "DPRK", "Democratic People's Republic of Korea"),
    "RU": ("Russia", "Russian Federation"),
    "CN": ("China", "People's Republic of China", "PRC", "Mainland China"),
    "TW": ("Taiwan", "Republic of China"),
    "IR": ("Iran", "Islamic Republic of Iran"),
    "SY": ("Syria",), "VN": ("Vietnam", "Viet Nam"), "LA": ("Laos",), "BO": ("Bolivia",),
    "VE": ("Venezuela",), "TZ": ("Tanzania",), "MD": ("Moldova",), "CZ": ("Czech Republic", "Czechia"),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC"), "CG": ("Republic of the Congo",),
    "CI": ("Ivory Coast", "Côte d'Ivoire"), "PS": ("Palestine", "Palestinian Territories"),
    "VA": ("Vatican", "Vatican City", "Holy See"), "MK": ("North Macedonia", "Macedonia"),
    "TR": ("Turkey", "Türkiye"), "MM": ("Myanmar", "Burma"), "TL": ("Timor-Leste", "East Timor"), "DD": ("East Germany", "German Democratic Republic"), "NL": ("Netherlands", "Holland"), "AE": ("United Arab Emirates", "UAE"),
    "BN": ("Brunei",), "FM": ("Micronesia",), "KN": ("Saint Kitts and Nevis",),
    "SU": ("Soviet Union", "USSR", "U.S.S.R."),
}
# Nationality words whose country the ISO list cannot derive from its names.
NATIONALITIES: dict[str, str] = {
    "American": "US", "Americans": "US", "British": "GB", "Briton": "GB", "Britons": "GB",
    "North Korean": "KP", "North Koreans": "KP", "South Korean": "KR", "South Koreans": "KR",
    "Russian": "RU", "Russians": "RU", "Chinese": "CN", "Japanese": "JP", "Ukrainian": "UA",
    "Ukrainians": "UA", "French": "FR", "German": "DE", "Germans": "DE", "Italian": "IT",
    "Spanish": "ES", "Dutch": "NL", "Swiss": "CH", "Swedish": "SE", "Swede": "SE", "Norwegian": "NO",
    "Danish": "DK", "Finnish": "FI", "Polish": "PL", "Czech": "CZ", "Greek": "GR", "Turkish": "TR",
    "Iranian": "IR", "Iraqi": "IQ", "Syrian": "SY", "Israeli": "IL", "Israelis": "IL",
    "Palestinian": "PS", "Egyptian": "EG", "Saudi": "SA", "Afghan": "AF", "Pakistani": "PK",
    "Indian": "IN", "Bangladeshi": "BD", "Australian": "AU", "Canadian": "CA", "Mexican": "MX",
    "Brazilian": "BR", "Argentine": "AR", "Argentinian": "AR", "Chilean": "CL", "Colombian": "CO",
    "Venezuelan": "VE", "Cuban": "CU", "Irish": "IE", "Belgian": "BE", "Austrian": "AT",
    "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG", "Serbian": "RS", "Croatian": "HR",
    "Portuguese": "PT", "Tunisian": "TN", "Moroccan": "MA", "Algerian": "DZ", "Libyan": "LY",
    "Sudanese": "SD", "Nigerian": "NG", "Kenyan": "KE", "Ethiopian": "ET", "Somali": "SO",
    "Yemeni": "YE", "Lebanese": "LB", "Jordanian": "JO", "Qatari": "QA", "Emirati": "AE",
    "Filipino": "PH", "Vietnamese": "VN", "Thai": "TH", "Malaysian": "MY", "Indonesian": "ID",
    "Singaporean": "SG", "Taiwanese": "TW", "Mongolian": "MN", "Kazakh": "KZ", "Georgian": "GE",
    "Armenian": "AM", "Belarusian": "BY", "Lithuanian": "LT", "Latvian": "LV", "Estonian": "EE",
    "Slovenian": "SI", "Slovak": "SK", "Icelandic": "IS", "Eritrean": "ER", "Albanian": "AL",
    "Panamanian": "PA", "Peruvian": "PE", "Soviet": "SU", "New Zealander": "NZ",
}
# Nouns before "of" that make the next name a place ("the town of Yeoncheon").
PLACE_NOUNS = _words("town city village province region county state suburb district capital "
                     "island port municipality area outskirts prefecture borough")
# Words after a name that a person, not an organisation, does ("Obama, who", "Marx wrote").
PERSON_VERBS = _words("who whom himself herself wrote writes argued argues thinks "
                      "believes explained recalled admitted insisted "
                      "died was_born replied asked")
# Verbs that follow a subject: a lone sentence-initial capitalised word before one is a name.
SUBJECT_VERBS = _words("said says told spoke speaks interviewed interviews reported reports announced "
                       "announces added stated confirmed denied launched released published "
                       "also has had , 's")
NUMBER_WORDS = _words("one two three four five six seven eight nine ten eleven twelve thirteen "
                      "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
                      "hundred hundreds thousand thousands million millions dozens")
# Last words of events, prizes and laws: named, but no person, organisation or place.
EVENT_HEADS = _words("War Wars Games Olympics Paralympics Cup Cups Championship Championships "
                     "Tournament Festival Expo Prize Award Awards Act Amendment Treaty Accord "
                     "Agreement Protocol Crisis Election Elections Summit Marathon Derby Grand Prix "
                     "Series Season Day Week Month Year Era Age Revolution Uprising Massacre")
# First words of storms and operations: events, not entities ("Hurricane Katrina").
EVENT_STARTS = _words("Hurricane Typhoon Cyclone Storm Tropical Operation")
# Acronyms of things, not of organisations ("DNA", "TV").
# Acronyms that spell a common word: never mistaken for a word shouted in capitals.
STOPWORD_ACRONYMS = _words("WHO ONE NOR AID CAN")

COMMON_ACRONYMS = _words("TV CCTV DNA RNA VX LOL OK CEO CFO COO CTO PhD MP MPs GDP GNP IQ HIV AIDS "
                         "COVID SARS USB PC CD CDs DVD HTML XML URL VIP POV AM FM UFO AI VR SUV ATM "
                         "LGBT LGBTQ SMS GPS PDF RSS FAQ HQ ID IDs MRI ICU BBQ DIY ETA PR TBA "
                         "ICBM ICBMs SLBM UAV UAVs WMD IED IEDs BCE CE AD PH RBI RBIs ERA MVP ISBN ISSN "
                         "DOI OST FAQs GMT")
# Directions that stand for the half of a divided country ("the North" in a Korea story).
DIVIDED_HALVES = _words("North South")
# Group words that name no single person, organisation or place.
AMBIGUOUS_GROUPS = _words("""
    Korean Koreans European Europeans Asian Asians African Africans Western Eastern Northern
    Southern Internet Web Christian Christians Catholic Catholics Protestant Hindu Hindus Buddhist
    Jewish Islamic Latino Hispanic Democrat Democrats Republican Republicans Communist Communists
    Sunni Shia Shiite English Arabic Latin Celsius Breton Catalan Basque Kurdish Kurd Kurds
    Gibraltar Dominican Koreas Fahrenheit Covid COVID Coronavirus
    Muslim Muslims Moslem Moslems Arab Arabs Jew Jews Sikh Sikhs Druze Alawite Alawites Yazidi Yazidis
    Sunnis Shiites Shias Buddhists Protestants Baptist Baptists Methodist Methodists Mormon Mormons
    Lutheran Lutherans Anglican Anglicans Orthodox Evangelical Evangelicals Islamist Islamists
    Jihadist Jihadists Pashtun Pashtuns Tamil Tamils Hutu Tutsi Bedouin Berber Berbers Roma Slav Slavs
    Caucasian Caucasians Aboriginal Aborigines Maori Inuit Hispanics Latinos Westerners Easterners
    Hebrew Yiddish Sanskrit Swahili Esperanto Mandarin Cantonese Urdu Hindi Bengali Punjabi Farsi
    Aramaic Gaelic Welsh Scottish Scots Flemish Walloon Cornish Manx Creole Pidgin
""")
# Periods and movements named by one word: no person, organisation or place.
EVENT_WORDS = _words("WWI WWII Crusades Holocaust Renaissance Reformation Enlightenment Prohibition "
                     "Brexit Holodomor Intifada Nakba Reconquista Armistice Christmas Easter Ramadan "
                     "Hanukkah Thanksgiving Diwali Eid Passover Lent Halloween")
# Words ending so name doctrines and their followers ("Catholicism", "Deists"), never entities
# ("-ology" names sciences but also "Scientology").
DOCTRINE_ENDINGS = ("ism", "isms", "ists")
