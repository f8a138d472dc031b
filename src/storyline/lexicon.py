"""Shared word lists: one home for vocabulary read by several stages.

Month names, number words, approximators with their bounds, event types (family, sub-event
type, verb forms, colour), predicate synonyms, first-name diminutives and name suffixes.
Pure data with no imports from the package, so every layer (clean, analyze, stories, web)
can import it without breaking the downward-import rule.
"""

from __future__ import annotations

from collections.abc import Mapping

# -- calendar -----------------------------------------------------------------------------

MONTHS: Mapping[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS: Mapping[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}

# -- numbers ------------------------------------------------------------------------------

UNIT_WORDS: Mapping[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: Mapping[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
WORD_NUMBERS: Mapping[str, int] = {**UNIT_WORDS, **TENS_WORDS, "dozen": 12}
SCALES: Mapping[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}
ORDINAL_WORDS: Mapping[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "hundredth": 100,
}

# Approximators before a number, with the interval they allow around the stated value, as
# (low factor, high factor); None is an open end ("more than 100" is 100..infinity, "up to
# 20" is 0..20). The numbers stage finds exactly these phrases; the ledger reads the bounds.
# Plain exact figures get no factor: they agree when equal at the coarser stated precision.
OPEN = None
APPROXIMATORS: Mapping[str, tuple[float | None, float | None]] = {
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1), "some": (0.9, 1.1), "an estimated": (0.9, 1.1),
    "estimated": (0.9, 1.1), "close to": (0.9, 1.0), "nearly": (0.9, 1.0),
    "nearly a": (0.9, 1.0), "almost": (0.9, 1.0), "almost a": (0.9, 1.0),
    "just under": (0.9, 1.0), "barely": (0.9, 1.1), "just over": (1.0, 1.1),
    "more than": (1.0, OPEN), "over": (1.0, OPEN), "well over": (1.0, OPEN),
    "at least": (1.0, OPEN), "above": (1.0, OPEN), "in excess of": (1.0, OPEN),
    "upwards of": (1.0, OPEN),
    "up to": (0.0, 1.0), "as many as": (0.0, 1.0), "as much as": (0.0, 1.0),
    "under": (0.0, 1.0), "below": (0.0, 1.0), "less than": (0.0, 1.0),
    "fewer than": (0.0, 1.0), "at most": (0.0, 1.0), "no more than": (0.0, 1.0),
    "only": (1.0, 1.0), "just": (1.0, 1.0),
}
# Words that make a number an increment or a part, not the total: "two more", "another
# five", "a further 20,000", "two extra life sentences". Such numbers are not compared.
ADDITIVE_WORDS = frozenset({"more", "another", "other", "further", "additional", "extra",
                            "new", "remaining", "additionally"})

# Words before a number that make it a window or an exception, not a total: "their last
# 10 games", "the next 23 games", "all but eight games".
WINDOW_WORDS = frozenset({"last", "next", "first", "past", "previous", "final", "but",
                          "latest", "top"})

# Superlatives right after a number make it a ranked selection, not a total: "the 12
# worst-hit villages", "the five largest banks".
SUPERLATIVES = frozenset({"worst", "best", "most", "least", "biggest", "largest", "highest",
                          "lowest", "hardest", "deadliest", "richest", "poorest", "busiest",
                          "oldest", "youngest", "greatest", "smallest", "strongest"})

# Words before a number that make it a designation, not a count: "version 5", "Route 94",
# "Category 5" (an all-capital name, "SEA-ME-WE 3", does the same).
DESIGNATION_WORDS = frozenset({"version", "model", "type", "flight", "route", "no",
                               "number", "channel", "level", "phase", "category", "grade",
                               "highway", "interstate", "apollo", "windows"})

# -- predicates ---------------------------------------------------------------------------

# Verbs (lemmas) that state the same thing about a count: "killed four" = "four died".
PREDICATE_SYNONYMS: Mapping[str, str] = {
    "kill": "die", "die": "die", "dead": "die", "perish": "die", "claim": "die",
    "injure": "injure", "wound": "injure", "hurt": "injure",
    "arrest": "arrest", "detain": "arrest", "hold": "arrest",
    "evacuate": "evacuate", "rescue": "rescue",
    # Ruin vs harm: "four villages destroyed" and "flattening seven villages" are one
    # tally, "five villages damaged" another; a cable "cut", "severed" or "broken" is damaged.
    "destroy": "destroy", "flatten": "destroy", "level": "destroy", "raze": "destroy",
    "demolish": "destroy", "damage": "damage", "cut": "damage", "sever": "damage",
    "break": "damage", "snap": "damage", "rupture": "damage",
}
# Head nouns of per-player statistics in sports reports ("15.9 points", "26 touchdowns"):
# such a figure belongs to one player or team, so it is compared only between claims whose
# holder is known and the same.
# Words with a common other sense stay out ("losses" of money, "two blocks away").
STAT_NOUNS = frozenset({"point", "rebound", "assist", "yard", "touchdown", "td", "carry",
                        "catch", "reception", "interception", "sack", "tackle", "goal",
                        "run", "rbi", "homer", "strikeout", "inning", "game", "start",
                        "appearance", "knockout", "fight", "steal"})
# Tallies that grow while a story unfolds: a later, larger figure is an update.
TALLY_PREDICATES = frozenset({"die", "injure", "arrest", "evacuate", "rescue", "miss",
                              "infect", "displace", "charge"})

# -- events -------------------------------------------------------------------------------

# Event type -> family. The family groups mentions into one main event; the type is the
# sub-event a date belongs to (a shooting and the vigil that night are different events).
EVENT_FAMILY: Mapping[str, str] = {
    "visit": "visit", "meeting": "meeting", "summit": "meeting", "talks": "meeting",
    "ceremony": "ceremony", "agreement": "agreement", "announcement": "announcement",
    "attack": "attack", "shooting": "attack", "bombing": "attack", "arrest": "arrest",
    "acquisition": "acquisition", "election": "election", "resignation": "resignation",
    "dismissal": "dismissal", "appointment": "appointment", "death": "death",
    "legal": "legal", "sentencing": "legal", "indictment": "legal", "conviction": "legal",
    "trial": "legal", "lawsuit": "lawsuit", "launch": "launch", "disaster": "disaster",
    "fire": "fire", "rehab": "rehab", "escape": "escape", "shutdown": "shutdown",
    "protest": "protest", "strike": "protest", "award": "award", "ruling": "ruling",
    "vigil": "ceremony", "funeral": "ceremony", "investigation": "investigation",
    "vote": "election", "rescue": "rescue", "bill": "legislation",
    "legislation": "legislation",
}
VERB_TRIGGERS: Mapping[str, str] = {
    "visit": "visit", "travel": "visit", "fly": "visit", "tour": "visit", "go": "visit",
    "arrive": "visit", "meet": "meeting", "attend": "ceremony", "host": "ceremony",
    "participate": "ceremony", "commemorate": "ceremony", "celebrate": "ceremony",
    "mark": "ceremony", "sign": "agreement", "announce": "announcement",
    "confirm": "announcement", "unveil": "announcement", "say": "announcement",
    "tell": "announcement", "state": "announcement",
    # Incidents and other news events, so stories that are not diplomacy get a main event.
    "attack": "attack", "bomb": "bombing", "shoot": "shooting", "kill": "attack",
    "raid": "attack", "assault": "attack", "stab": "attack", "explode": "bombing",
    "arrest": "arrest", "capture": "arrest", "detain": "arrest", "apprehend": "arrest",
    "acquire": "acquisition", "buy": "acquisition", "purchase": "acquisition",
    "merge": "acquisition", "elect": "election", "resign": "resignation",
    "quit": "resignation", "die": "death", "sentence": "sentencing", "convict": "conviction",
    "indict": "indictment", "charge": "indictment", "sue": "lawsuit", "launch": "launch",
    "release": "launch", "crash": "disaster", "collapse": "disaster", "erupt": "disaster",
    "escape": "escape", "flee": "escape", "burn": "fire", "torch": "fire",
    "fire": "dismissal", "dismiss": "dismissal", "sack": "dismissal", "oust": "dismissal",
    "appoint": "appointment", "hire": "appointment", "nominate": "appointment",
    "shut": "shutdown", "protest": "protest", "riot": "protest", "check": "rehab",
    "rule": "ruling", "award": "award",
    "vote": "vote", "investigate": "investigation", "rescue": "rescue",
    "evacuate": "rescue",
}
NOUN_TRIGGERS: Mapping[str, str] = {
    "visit": "visit", "trip": "visit", "journey": "visit", "tour": "visit",
    "meeting": "meeting", "talks": "meeting", "talk": "meeting", "summit": "summit",
    "parade": "ceremony", "celebration": "ceremony", "ceremony": "ceremony",
    "commemoration": "ceremony", "agreement": "agreement", "deal": "agreement",
    "treaty": "agreement", "pact": "agreement", "accord": "agreement",
    "attack": "attack", "bombing": "bombing", "shooting": "shooting", "explosion": "bombing",
    "blast": "bombing", "raid": "attack", "massacre": "shooting", "arrest": "arrest",
    "capture": "arrest", "acquisition": "acquisition", "takeover": "acquisition",
    "merger": "acquisition", "election": "election", "referendum": "election",
    "resignation": "resignation", "death": "death", "verdict": "conviction",
    "trial": "trial", "earthquake": "disaster", "quake": "disaster", "tsunami": "disaster",
    "flood": "disaster", "hurricane": "disaster", "typhoon": "disaster",
    "cyclone": "disaster", "wildfire": "fire", "crash": "disaster", "eruption": "disaster",
    "launch": "launch", "fire": "fire", "blaze": "fire", "arson": "fire", "inferno": "fire",
    "firebomb": "bombing", "escape": "escape", "jailbreak": "escape", "manhunt": "escape",
    "sentence": "sentencing", "sentencing": "sentencing", "conviction": "conviction",
    "indictment": "indictment", "lawsuit": "lawsuit", "suit": "lawsuit",
    "firing": "dismissal", "dismissal": "dismissal", "ouster": "dismissal",
    "appointment": "appointment", "nomination": "appointment", "shutdown": "shutdown",
    "closure": "shutdown", "protest": "protest", "demonstration": "protest",
    "riot": "protest", "strike": "protest", "rally": "protest", "vigil": "vigil",
    "funeral": "funeral", "autopsy": "investigation", "investigation": "investigation",
    "probe": "investigation", "ruling": "ruling", "award": "award", "vote": "vote",
    "rehab": "rehab", "rehabilitation": "rehab", "rescue": "rescue",
    "evacuation": "rescue", "bill": "bill", "legislation": "legislation",
}
# (planned form, reported form) of a family's verb phrase, for the main-event label.
EVENT_VERBS: Mapping[str, tuple[str, str]] = {
    "visit": ("travel to", "travelled to"), "meeting": ("meet in", "met in"),
    "ceremony": ("attend the event in", "attended the event in"),
    "agreement": ("sign the agreement in", "signed the agreement in"),
}
# Families described as a noun phrase ("earthquake in Indonesia"), not a verb phrase.
NOUN_FAMILIES = frozenset(f for f in set(EVENT_FAMILY.values()) if f not in EVENT_VERBS)
# Timeline colours by event type (the web UI's SVG).
EVENT_COLOURS: Mapping[str, str] = {
    "visit": "#1f5fa8", "meeting": "#2a7f62", "summit": "#7a4fb0", "agreement": "#b5651d",
    "announcement": "#8a8a8a", "parade": "#b03a48", "attack": "#b03a48", "war": "#b03a48",
}

# -- people -------------------------------------------------------------------------------

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior", "phd", "md",
                           "esq"})
# Common English diminutives: (short form, full form). Both spellings name one person.
DIMINUTIVES: Mapping[str, str] = {
    "bob": "robert", "rob": "robert", "bobby": "robert", "robbie": "robert",
    "bill": "william", "will": "william", "billy": "william", "willie": "william",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "lisa": "elizabeth",
    "joe": "joseph", "joey": "joseph", "jim": "james", "jimmy": "james", "jamie": "james",
    "mike": "michael", "mick": "michael", "tom": "thomas", "tommy": "thomas",
    "dick": "richard", "rick": "richard", "rich": "richard", "ted": "edward",
    "ed": "edward", "eddie": "edward", "ned": "edward", "dan": "daniel", "danny": "daniel",
    "dave": "david", "chris": "christopher", "steve": "stephen", "andy": "andrew",
    "tony": "anthony", "al": "albert", "ben": "benjamin", "charlie": "charles",
    "chuck": "charles", "fred": "frederick", "greg": "gregory", "harry": "henry",
    "hank": "henry", "jack": "john", "johnny": "john", "jon": "jonathan", "ken": "kenneth",
    "larry": "lawrence", "matt": "matthew", "nick": "nicholas", "pat": "patrick",
    "pete": "peter", "phil": "philip", "ron": "ronald", "sam": "samuel", "tim": "timothy",
    "kate": "katherine", "kathy": "katherine", "katie": "katherine", "sue": "susan",
    "jenny": "jennifer", "jen": "jennifer", "meg": "margaret", "peggy": "margaret",
    "maggie": "margaret", "nancy": "ann", "annie": "ann", "debbie": "deborah",
    "vicky": "victoria", "alex": "alexander", "sasha": "alexander", "jerry": "gerald",
    "newt": "newton", "mitch": "mitchell", "don": "donald",
}

# Titles many people hold at once ("U.S. District Judge", "Republican senator"): a role
# ending in one of these names no single holder, so different holders are no conflict.
SHARED_TITLES = frozenset({"judge", "justice", "senator", "representative", "congressman",
                           "congresswoman", "lawmaker", "officer", "agent", "detective",
                           "lawyer", "attorney", "analyst", "professor", "official", "member",
                           "delegate", "deputy", "trooper", "researcher", "economist",
                           "correspondent", "reporter", "activist"})

# Heads of organisation names that the entities stage can still tag as a person
# ("Microsoft Security Response Center"): such a "holder" of a role is no person. The
# entities stage's own list is storyline.analyze.canonical.ORG_WORDS; these add to it.
ORG_HEADS = frozenset({"alliance", "center", "centre", "coalition", "team", "network",
                       "initiative", "project", "program", "programme", "unit", "bureau"})

# -- places -------------------------------------------------------------------------------

# AP-style US state abbreviations ("Newtown, Conn."), keys without the dot. Ambiguous
# short forms ("La.", "Wash.") are left out: they are also cities or words.
# A compass word before a place names a part of it ("southern Iran", "Northeast
# Philadelphia") when the whole name is no place of its own ("South Africa" is one).
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                           "western", "central", "northeast", "northwest", "southeast",
                           "southwest", "northeastern", "northwestern", "southeastern",
                           "southwestern"})

US_STATE_ABBREVIATIONS: Mapping[str, str] = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "kans": "Kansas", "ky": "Kentucky",
    "md": "Maryland", "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota",
    "miss": "Mississippi", "mont": "Montana", "neb": "Nebraska", "nev": "Nevada",
    "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania", "tenn": "Tennessee",
    "tex": "Texas", "vt": "Vermont", "wis": "Wisconsin", "wyo": "Wyoming",
}
