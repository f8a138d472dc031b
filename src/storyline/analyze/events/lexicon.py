"""The events stage's lexicon: trigger words by event type, and the small word lists and
patterns its rules read (kept apart from the rules so they can be reviewed and extended)."""

from __future__ import annotations

import re

# Trigger words live with the other shared word lists (event typology in one home).
from ...lexicon import NOUN_TRIGGERS as NOUN_TRIGGERS
from ...lexicon import VERB_TRIGGERS as VERB_TRIGGERS

# Types whose direct object is a participant ("met Xi", "arrested Smith", "bought Acme").
OBJECT_ACTOR_TYPES = {"visit", "meeting", "attack", "shooting", "arrest", "acquisition",
                      "election", "legal", "sentencing", "conviction", "indictment",
                      "lawsuit", "dismissal", "appointment"}
# Verbs that are only events in some frames (checked in _frame_ok).
REPORTING = {"say", "tell", "state"}
NON_EVENT_OBJECTS = {
    "meet": {"demand", "target", "deadline", "requirement", "need", "criterion", "standard",
             "expectation", "goal", "condition", "obligation", "cost", "threshold", "end"},
    "release": {"statement", "report", "detail", "figure", "data", "video", "photo",
                "image", "result", "information", "footage", "album", "song", "list"},
    "charge": {"battery", "phone", "fee", "price", "interest", "customer", "rate"},
    "buy": {"time"},
    "fire": {"shot", "round", "weapon", "gun", "missile", "rocket", "bullet", "shell",
             "warning", "salvo", "volley", "tear", "gas", "cannon", "torpedo"},
    "close": {"eye", "gap", "door", "deal", "position", "lead", "session", "higher", "lower",
              "ranks", "loophole"},
    "strike": {"deal", "agreement", "note", "balance", "chord", "pose", "tone", "match"},
}
# Nominal triggers governed by these verbs name a demand, not an occurrence ("called for
# his resignation", "urged an investigation").
DEMAND_VERBS = {"call", "demand", "urge", "seek", "press", "push", "ask", "want", "oppose",
                "rule", "deny", "consider", "threaten", "reject"}
# "checked into rehab", "entered a clinic": a stay, when the object is one of these.
REHAB_PLACES = {"rehab", "rehabilitation", "clinic", "center", "centre", "treatment",
                "facility", "hospital"}
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
