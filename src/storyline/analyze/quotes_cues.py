"""Cue words that introduce reported speech or attributed claims."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Speech and report verbs: safe both for direct quotes and for that-clauses.
SPEECH_VERBS = _words("""
say tell add announce stress warn claim insist argue state note explain report write tweet
declare confirm deny acknowledge admit suggest emphasize emphasise assert allege maintain
reply respond ask predict promise vow pledge recall conclude concede complain point
urge observe comment remark reveal disclose indicate testify reiterate caution contend
continue agree disagree counter retort quip joke boast mention repeat recount describe
estimate forecast project cite post proclaim affirm assure inform brief signal hint
threaten charge accuse lament concur propose demand order recommend advise say
""")

# Cognition / evidence verbs: attribution of beliefs and findings, only with a that-clause.
BELIEF_VERBS = _words("""
believe think feel hope fear expect worry know learn find show suggest reckon doubt
understand assume guess suspect imagine acknowledge conclude determine decide realize
agree prove demonstrate
""")

CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS

# Nouns that take a that-clause of reported content: "his claim that…".
CUE_NOUNS = _words("""
statement claim announcement assertion warning argument allegation insistence remark
comment suggestion promise pledge belief view report testimony admission denial
""")

# Speech-act verbs whose direct object is the reported content ("announced the visit",
# "denied the report"). Evaluative verbs (praise, criticize, reject) and "call X Y" are left
# out on purpose: they report an action or a label, not what someone said.
OBJECT_CUES = _words("""
announce confirm deny cite mention predict propose reveal report disclose forecast
""")

# Verbs whose infinitive complement is the content: "pledged to…", "urged X to…".
INFINITIVE_CUES = _words("""
pledge promise vow threaten urge call ask tell invite encourage warn demand
""")

# Subjects that cannot be sources of belief verbs ("it seems", "there is").
NON_SOURCES = frozenset({"it", "there", "this", "that", "which", "what"})
