"""Cue words that introduce reported speech or attributed claims."""

from __future__ import annotations

from typing import Any


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
answer read echo shout yell chant interject exclaim cry scream whisper mutter muse marvel
gush plead beg sigh quote
""")

# Cognition / evidence verbs: attribution of beliefs and findings, only with a that-clause.
BELIEF_VERBS = _words("""
believe think feel hope fear expect worry know learn find show suggest reckon doubt
understand assume guess suspect imagine acknowledge conclude determine decide realize
agree prove demonstrate
""")

CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS

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

# Attribution types (``Quote.type``). Speech is what someone said or wrote; the other types
# attribute a mental state or a stance to a source, as attribution corpora (PolNeAR) do.
SPEECH = "speech"
BELIEF = "belief"  # opinions and convictions: think, believe, doubt, consider
INTENTION = "intention"  # wishes, plans and commitments: want to, plan to, refuse to
EVALUATION = "evaluation"  # stances towards someone or something: praise, attack, support
PERCEPTION = "perception"  # what someone saw, heard or noticed
KNOWLEDGE = "knowledge"  # what someone knows, learned or found; what evidence shows
TYPES = (SPEECH, BELIEF, INTENTION, EVALUATION, PERCEPTION, KNOWLEDGE)

# Verbs of each non-speech type. Their content is a clause, an infinitive or the direct
# object; a verb listed in ``PREP_CUES`` also takes its prepositional object.
_BY_TYPE = {
    BELIEF: """
believe think feel reckon suppose assume consider doubt suspect figure agree disagree
fear worry expect regard view hope trust
""",
    INTENTION: """
want wish plan intend seek aim refuse vow pledge promise decide prefer
pursue push demand request urge insist offer propose campaign advocate
""",
    EVALUATION: """
support back endorse oppose favor favour criticize criticise attack slam blast praise
applaud welcome condemn denounce dismiss reject accuse blame mock ridicule defend question
challenge congratulate thank hail laud fault chide scold rebuke deride tout highlight
embrace cheer credit label brand dub call describe characterize portray vote
like love hate dislike admire respect appreciate lament decry deplore bemoan lambaste
berate knock pan rip trash champion commend salute disparage belittle insult
apologize apologise recommend reaffirm dispute contest object rail ignore boo target
downplay lambast protest resist accept promote compare extol assail debunk
""",
    PERCEPTION: """
see notice hear watch witness observe spot sense focus
""",
    KNOWLEDGE: """
know learn realize realise recognize recognise remember recall understand discover find
show prove reveal indicate confirm
""",
}
ATTITUDE_TYPE: dict[str, str] = {w: t for t, ws in _BY_TYPE.items() for w in ws.split()}

# Speech verbs whose object or prepositional object is what was said or talked about.
TOPIC_SPEECH = _words("""
say claim state discuss talk speak refer respond reply answer mention cite comment describe
explain
recount list quote read ask tell write tweet declare repeat outline share echo chant
shout yell voice articulate clarify detail document interject express remind name identify
""")

# Verb + preposition pairs that are speech acts whatever the verb's type otherwise is:
# "called for a ban", "called on X to act" (a demand) vs "called X a liar" (evaluation).
SPEECH_PREP_CUES: dict[str, frozenset[str]] = {"call": frozenset({"for", "on"})}

# Verbs whose content can be an embedded question: "asked whether…", "wonders if…".
QUESTION_VERBS = _words("""
ask question wonder doubt know decide consider debate discuss explain learn understand
""")

# The preposition that introduces the content of a cue verb: "voted for X", "referred to X".
PREP_CUES: dict[str, frozenset[str]] = {
    "vote": frozenset({"for", "against"}),
    "refer": frozenset({"to"}),
    "focus": frozenset({"on"}),
    "talk": frozenset({"about", "of"}),
    "speak": frozenset({"about", "of", "out"}),
    "respond": frozenset({"to"}),
    "reply": frozenset({"to"}),
    "point": frozenset({"to", "at"}),
    "apologize": frozenset({"for"}),
    "apologise": frozenset({"for"}),
    "call": frozenset({"for", "on"}),
    "campaign": frozenset({"for", "against", "on"}),
    "argue": frozenset({"for", "against"}),
    "push": frozenset({"for"}),
    "worry": frozenset({"about"}),
    "comment": frozenset({"on"}),
    "complain": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "warn": frozenset({"about", "of", "against"}),
    "insist": frozenset({"on"}),
    "agree": frozenset({"with", "on"}),
    "disagree": frozenset({"with", "on"}),
    "hint": frozenset({"at"}),
    "allude": frozenset({"to"}),
    "rail": frozenset({"against"}),
    "testify": frozenset({"about", "on"}),
    "hope": frozenset({"for"}),
    "wish": frozenset({"for"}),
    "think": frozenset({"about", "of"}),
    "know": frozenset({"about", "of"}),
    "learn": frozenset({"about", "of"}),
    "hear": frozenset({"about", "of"}),
    "object": frozenset({"to"}),
    "advocate": frozenset({"for"}),
}


def cue_type(lemma: str, speech_first: bool = True) -> str:
    """The attribution type of a cue lemma. Verbs that are both (promise, insist, agree)
    are speech when reported as speech (``speech_first``), else their attitude type."""
    if speech_first and lemma in SPEECH_VERBS | OBJECT_CUES | INFINITIVE_CUES:
        return SPEECH
    return ATTITUDE_TYPE.get(lemma) or NOUN_TYPE.get(lemma, SPEECH)

# Attribution nouns by type, for "Trump's call for…", "her refusal to…", "his view of…":
# the possessor (or "by" agent) is the source, the noun's clause or "of/for/to…" phrase the
# content.
_NOUNS_BY_TYPE = {
    SPEECH: """
statement claim announcement assertion warning argument allegation remark comment suggestion
report insistence promise pledge vow demand request call appeal proposal response reply denial admission
testimony declaration message threat accusation complaint question assurance
acknowledgement acknowledgment prediction estimate assessment advice mention
""",
    BELIEF: """
belief view opinion assumption fear hope expectation doubt conviction perception
interpretation suspicion concern worry confidence faith
""",
    INTENTION: """
plan intention intent decision refusal desire wish goal commitment preference
determination willingness
""",
    EVALUATION: """
support opposition criticism praise endorsement dislike disapproval approval embrace
condemnation attack rejection disagreement objection backing contempt admiration
""",
    KNOWLEDGE: """
knowledge awareness understanding recognition realization discovery
""",
}
NOUN_TYPE: dict[str, str] = {w: t for t, ws in _NOUNS_BY_TYPE.items() for w in ws.split()}
# Prepositions that introduce a nominal attribution's content: "call for", "view of".
NOUN_PREPS = frozenset({"of", "for", "to", "on", "about", "against", "toward", "towards",
                        "with", "over"})

# Predicative adjectives of attitude, "X is critical of Y", "X is confident that…", "X was
# eager to…": the copula's subject is the source, the adjective's clause or phrase the
# content.
_ADJECTIVES_BY_TYPE = {
    BELIEF: """
confident sure certain convinced optimistic pessimistic skeptical sceptical doubtful hopeful
unsure uncertain worried concerned afraid fearful nervous anxious
""",
    EVALUATION: """
critical supportive dismissive wary fond proud happy unhappy pleased displeased satisfied
dissatisfied angry upset furious frustrated disappointed appreciative grateful thankful
opposed hostile enthusiastic sympathetic
""",
    INTENTION: """
eager keen determined willing unwilling reluctant intent
""",
    KNOWLEDGE: """
aware unaware conscious
""",
}
ADJECTIVE_TYPE: dict[str, str] = {
    w: t for t, ws in _ADJECTIVES_BY_TYPE.items() for w in ws.split()
}
ADJECTIVE_PREPS = frozenset({"of", "about", "with", "to", "at", "over", "on", "for", "in"})

# Every cue verb (headline verbs are looked up by form among these).
CUE_VERBS = (SPEECH_VERBS | BELIEF_VERBS | OBJECT_CUES | INFINITIVE_CUES | frozenset(ATTITUDE_TYPE)
             | TOPIC_SPEECH | frozenset(PREP_CUES))

# Forms the small English model lemmatizes wrongly ("hoping" -> "hop").
LEMMA_FIXES = {"hoping": "hope", "hoped": "hope"}


def cue_lemma(tok: Any) -> str:
    """The lemma of a cue token, with the model's known lemmatizer slips corrected."""
    return LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())
