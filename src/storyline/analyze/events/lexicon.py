"""The events stage's lexicon: trigger words by event type, and the small word lists and
patterns its rules read (kept apart from the rules so they can be reviewed and extended)."""

from __future__ import annotations

import re

VERB_TRIGGERS = {
    "visit": "visit", "travel": "visit", "fly": "visit", "tour": "visit", "go": "visit",
    "arrive": "visit", "meet": "meeting", "attend": "ceremony", "host": "ceremony",
    "participate": "ceremony", "commemorate": "ceremony", "celebrate": "ceremony",
    "mark": "ceremony", "sign": "agreement", "announce": "announcement",
    "confirm": "announcement", "unveil": "announcement", "say": "announcement",
    "tell": "announcement", "state": "announcement",
    # Incidents and other news events, so stories that are not diplomacy get a main event.
    "attack": "attack", "bomb": "attack", "shoot": "attack", "kill": "attack",
    "raid": "attack", "assault": "attack", "stab": "attack", "explode": "attack",
    "arrest": "arrest", "capture": "arrest", "detain": "arrest", "apprehend": "arrest",
    "acquire": "acquisition", "buy": "acquisition", "purchase": "acquisition",
    "merge": "acquisition", "elect": "election", "resign": "resignation",
    "die": "death", "sentence": "legal", "convict": "legal", "indict": "legal",
    "charge": "legal", "sue": "legal", "launch": "launch", "release": "launch",
    "crash": "disaster", "collapse": "disaster", "erupt": "disaster",
}
NOUN_TRIGGERS = {
    "visit": "visit", "trip": "visit", "journey": "visit", "tour": "visit",
    "meeting": "meeting", "talks": "meeting", "talk": "meeting", "summit": "summit",
    "parade": "ceremony", "celebration": "ceremony", "ceremony": "ceremony",
    "commemoration": "ceremony", "agreement": "agreement", "deal": "agreement",
    "treaty": "agreement", "pact": "agreement", "accord": "agreement",
    "attack": "attack", "bombing": "attack", "shooting": "attack", "explosion": "attack",
    "blast": "attack", "raid": "attack", "massacre": "attack", "arrest": "arrest",
    "capture": "arrest", "acquisition": "acquisition", "takeover": "acquisition",
    "merger": "acquisition", "election": "election", "referendum": "election",
    "resignation": "resignation", "death": "death", "verdict": "legal", "trial": "legal",
    "earthquake": "disaster", "quake": "disaster", "tsunami": "disaster", "flood": "disaster",
    "hurricane": "disaster", "typhoon": "disaster", "cyclone": "disaster", "wildfire": "disaster",
    "crash": "disaster", "eruption": "disaster", "launch": "launch",
}
# Types whose direct object is a participant ("met Xi", "arrested Smith", "bought Acme").
OBJECT_ACTOR_TYPES = {"visit", "meeting", "attack", "arrest", "acquisition", "election",
                      "legal"}
# Verbs that are only events in some frames (checked in _frame_ok).
REPORTING = {"say", "tell", "state"}
NON_EVENT_OBJECTS = {
    "meet": {"demand", "target", "deadline", "requirement", "need", "criterion", "standard",
             "expectation", "goal", "condition", "obligation", "cost", "threshold", "end"},
    "release": {"statement", "report", "detail", "figure", "data", "video", "photo",
                "image", "result", "information", "footage", "album", "song", "list"},
    "charge": {"battery", "phone", "fee", "price", "interest", "customer", "rate"},
    "buy": {"time"},
}
MARK_OBJECTS = {"anniversary", "victory", "day", "end", "defeat", "centenary", "jubilee"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
COMPANY_VERBS = {"join", "accompany", "meet", "see", "greet"}
PLACE_PREPS = {"to", "in", "at", "into", "inside", "for"}
WITH_PREPS = {"with", "between", "alongside", "by"}
PLAN_VERBS = {"set", "plan", "expect", "schedule", "due", "intend", "prepare", "aim", "hope"}
PLAN_ADJ = {"upcoming", "planned", "forthcoming", "expected", "next", "future", "scheduled"}
FUTURE_AUX = {"will", "shall", "would", "'ll", "wo"}
# Verbs whose subject is the actor of their nominal object ("paid a visit", "held talks").
LIGHT_VERBS = {"pay", "make", "hold", "take", "begin", "start", "conclude", "undertake",
               "embark", "mark", "celebrate", "commemorate", "have", "open", "end", "wrap",
               "reach", "strike", "seal"}
REPEAT_RE = re.compile(r"\b(this|that|it) (was|has been) the case\b|\bas (it )?(did|happened) in\b"
                       r"|\bthe same (happened|was true)\b", re.I)
ANAPHORA_SENTENCES = 4  # how far back "the visit" may look for its antecedent
COMMEMORATIVE_RE = re.compile(r"anniversar|commemorat|celebrat|victory|defeat|memorial", re.I)
# Dependency steps a date may climb to reach its trigger ("at the end of August").
TIME_DEPS = {"prep", "pobj", "npadvmod", "advmod", "nummod", "compound", "amod", "conj", "cc",
             "appos", "det", "quantmod", "tmod", "nmod", "pcomp", "punct", "case"}
PRONOUNS_ONE = {"he", "she", "him", "her", "his", "hers"}
GROUP_RE = re.compile(r"^(the )?(two|both) (leaders|presidents|men|heads of state|sides)$|^they$"
                      r"|^their$|^them$", re.I)
HONORIFIC_RE = re.compile(r"^(mr|mrs|ms|dr|president|premier)\.?\s+", re.I)
