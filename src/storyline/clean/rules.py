"""Line patterns for boilerplate in scraped news text.

Each pattern describes a *kind* of boilerplate seen across many outlets (comment notices,
donation appeals, share prompts, photo credits, bylines, dates), never one page's literal
string. A pattern must match the whole stripped line (or the stated part of it), so article
sentences that merely mention "comments" or "support" are kept.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Comment sections and their notices.
COMMENTS = re.compile(
    r"^(?:(?:sorry,?\s+)?(?:we\s+are|we're|we\s+have)\s+(?:not\s+accepting|closed|disabled)\s+"
    r"comments\b.*"
    r"|comments?\s+(?:are|have\s+been)\s+(?:closed|disabled|turned\s+off)\b.*"
    r"|(?:leave|post|add|write)\s+a\s+(?:reply|comment|response)\b.{0,40}"
    r"|your\s+email\s+address\s+will\s+not\s+be\s+published\b.*"
    r"|required\s+fields\s+are\s+marked\b.*"
    r"|(?:view|show|hide|load|read)\s+(?:all\s+)?(?:\d+\s+)?comments?\b.{0,20}"
    r"|\d+\s+comments?|comments?(?:\s*\(\d+\))?|join\s+the\s+(?:conversation|discussion)\b.{0,40}"
    r"|(?:log|sign)\s*(?:in|up)\s+to\s+(?:comment|reply|join\s+the\s+discussion)\b.{0,40}"
    r"|cancel\s+reply|save\s+my\s+name,?\s+email.*)$",
    _I,
)

# Headings that open a donation / subscription appeal block.
APPEAL_HEADING = re.compile(
    r"^(?:keep\s+(?:independent\s+)?(?:journalism|news|reporting)\s+(?:alive|free|going)"
    r"|support\s+(?:independent|quality|our|local|fearless)\s+(?:journalism|news|reporting)"
    r"|(?:we|our\s+journalism)\s+(?:need|needs)\s+your\s+(?:help|support)"
    r"|(?:become|join\s+us\s+as)\s+an?\s+(?:member|supporter|patron|subscriber)"
    r"|(?:a|one)\s+(?:message|note|request)\s+(?:from|to)\s+(?:the\s+editor|our\s+readers)"
    r"|before\s+you\s+go|can\s+you\s+help\s+us\b.*|help\s+us\s+keep\b.*)[.!:]?$",
    _I,
)
# One-line appeals that stand alone anywhere.
APPEAL_LINE = re.compile(
    r"^(?:support\s+us\b.{0,60}|donate(?:\s+(?:now|today|here|to\s+(?:us|our\s+\w+)))?[.!]?"
    r"|(?:make|please\s+make)\s+a\s+donation\b.{0,60}"
    r"|your\s+(?:support|donation|contribution)\s+(?:makes|will\s+make)\s+a\s+difference\b.*"
    r"|every\s+(?:contribution|donation)\b.{0,80}|(?:subscribe|sign\s+up)\s+(?:now|today|here)\b.{0,60}"
    r"|(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}"
    r"(?:newsletters?|digest|briefing|alerts?)\b.{0,60}"
    r"|.{0,60}\b(?:delivered|straight)\s+to\s+your\s+inbox\b.{0,40}"
    r"|get\s+(?:our|the)\s+(?:free\s+)?(?:daily\s+|weekly\s+)?(?:newsletter|briefing)\b.{0,60}"
    r"|(?:support|donate)\s+(?:via|with|on|through)\s+(?:paypal|patreon|stripe|ko-fi|card)\b.*)$",
    _I,
)
# Words that mark a paragraph as part of an appeal (used only right after an appeal heading).
APPEAL_WORDS = re.compile(
    r"\b(?:donat\w*|contribut\w*|support\w*|subscri\w*|paypal|patreon|membership|"
    r"independent\s+journalism|reader[- ]funded|funded\s+by\s+readers|readers\s+like\s+you|"
    r"become\s+a\s+member|paywall|sponsor\w*|inbox|newsletter)\b",
    _I,
)

# Social sharing, notifications, app prompts, ads.
_SOCIAL = (r"share|tweet|email|e-mail|print|copy(?:\s+link)?|link\s+copied|facebook|twitter|x|"
           r"linkedin|whatsapp|telegram|reddit|pinterest|flipboard|messenger|threads|bluesky")
SHARE = re.compile(
    rf"^(?:(?:{_SOCIAL})(?:\s*[|/·•,]?\s*(?:{_SOCIAL}))*"
    r"|share\s+(?:this|the)\s+(?:article|story|page|post)\b.{0,30}|share\s+on\s+\w+.{0,30}"
    r"|(?:enable|allow|turn\s+on|get)\s+(?:push\s+)?notifications?\b.{0,40}"
    r"|ok\s+no\s+thanks|no\s+thanks|not\s+now|follow\s+us\s+on\b.{0,60}"
    r"|(?:download|get)\s+(?:our|the)\s+app\b.{0,60}"
    r"|advertisement|sponsored(?:\s+content)?|ad|scroll\s+to\s+continue.*|continue\s+reading.{0,20}"
    r"|listen\s+to\s+this\s+(?:article|story)\b.{0,30}|\d+\s+min(?:ute)?s?\s+read"
    r"|reading\s+time:?.{0,20}|click\s+here\s+to\b.{0,60}|skip\s+to\s+(?:main\s+)?content"
    r"|skip\s+to\s+(?:navigation|footer)|reuse\s+this\s+content|report\s+an?\s+(?:error|typo)"
    r"|(?:sign|log)\s+in(?:\s+or\s+(?:register|sign\s+up))?|register|subscribe|menu|search"
    r"|(?:open|close)\s+(?:menu|navigation)|back\s+to\s+top|print\s+this\s+(?:article|page)"
    r"|follow\s+(?:\S+\s+){0,3}on\s+(?:telegram|twitter|x|facebook|instagram|whatsapp|youtube|"
    r"google\s+news|social\s+media|linkedin|threads|bluesky)\b.{0,30}"
    r"|save\s+(?:this\s+)?(?:articles?|story|stories)\b.{0,80}|(?:show\s+)?key\s+events(?:\s+only)?"
    r"|please\s+(?:turn\s+on|enable)\s+javascript\b.{0,60}|(?:this\s+)?video\s+can\s*not\s+be\s+played.{0,40}"
    r"|(?:home|news)\s*[>/»|].{0,80})$",
    _I,
)

# Photo credits: a whole credit line, or a caption ending in a parenthesized credit.
CREDIT_LINE = re.compile(
    r"^(?:(?:photo|image|picture|video|graphic|illustration)s?\s*(?:credit|courtesy|source)?\s*"
    r"(?:by)?\s*[:|]\s*.{2,150}|(?:photo|image)\s+(?:credit|courtesy)\b.{0,150}"
    r"|(?:credit|source|photograph|photography)\s*:\s*.{2,150}"
    r"|\(?(?:photo|image)\s+by\s+.{2,120}|.{0,80}(?:/\s*|\(\s*|photo(?:graph)?(?:\s*:|\s+by)\s*|credit:\s*|©\s*)"
    r"(?:[\w.'-]+\s+){0,4}(?:getty\s+images|shutterstock|alamy|istock)\)?\.?)$",
    _I,
)
_AGENCY = (r"AP|AFP|Reuters|Getty|EPA|Sputnik|Xinhua|TASS|Anadolu|Bloomberg|PA|ANP|DPA|"
           r"Pool|Photo|Photographer|Images?|Shutterstock|Alamy|via|Wire|Press|Agency|Kremlin")
CAPTION_CREDIT = re.compile(
    rf"^(?P<caption>[^()]{{2,300}}?)\s*\((?=[^()]*\b(?:{_AGENCY})\b)[^()]{{2,160}}\)\.?$"
)
# A photo credit line, the kind a caption sits directly above (not "Source: ..." footers).
PHOTO_CREDIT_LINE = re.compile(
    r"^(?:(?:photo|image|picture|photograph)s?\s*(?:credit|courtesy)?|credit|(?:photo|image)\s+by)\b"
    r"|\b(?:getty\s+images|shutterstock|alamy|istock)\b",
    _I,
)
# A caption ending in a bracketed credit: "... in Moscow [File: Name/AP Photo]".
BRACKET_CREDIT = re.compile(r"\[[^\[\]]*(?:/|\bphoto\b|\bvia\b|\bfile:)[^\[\]]*\]\.?$", _I)
# Credits written as "NAME/AGENCY" at the end of a caption: "... in Kazan. REUTERS/Name".
SLASH_CREDIT = re.compile(r"(?:^|\s)(?:REUTERS|AFP|AP|EPA|GETTY)\s*/\s*[A-Z][\w .'-]{1,60}$")

BYLINE = re.compile(
    r"^(?:by|written\s+by|words\s+by|author|reporting\s+by|report\s+by|text\s+by|"
    r"von|par|por|door|av|autor|auteur)\s*:?\s+"
    r"(?:(?:contributor|staff\s+writer|staff|correspondent|reporter)\s+)?"
    r"(?P<name>(?-i:[A-Z])[^.!?]{1,120}?)\s*(?:[|,]\s*(?:published|updated|posted)\b.*)?$",
    _I,
)
# "Published", "Updated 10:32 am", "Posted on 9 May 2025" stubs (the date is parsed apart).
DATE_STUB = re.compile(
    r"^(?:(?:first\s+)?published|updated|last\s+updated|posted|last\s+modified|date|"
    r"veröffentlicht|aktualisiert|publié|mis\s+à\s+jour|publicado|actualizado|pubblicato|"
    r"aggiornato|gepubliceerd|bijgewerkt)"
    r"\b\s*(?:on|at)?\s*:?\s*(?P<rest>.{0,80})$",
    _I,
)
# Headings above related-link lists; the short headline lines after them go too.
LINK_LIST_HEADING = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|news|coverage|content|topics|reading))?|"
    r"(?:more|latest|top)\s+(?:from|in|on|news|stories|headlines)\b.{0,40}|read\s+(?:more|next|also)"
    r"|(?:most\s+(?:read|popular|viewed|shared))|trending(?:\s+now)?|recommended(?:\s+for\s+you)?"
    r"|you\s+(?:may|might)\s+(?:also\s+)?like|see\s+also|topics|tags"
    r"|explore\s+more(?:\s+on\s+(?:these|this)\s+topics?)?|more\s+on\s+(?:this|these)\s+(?:story|topics?)"
    r"|(?:related|popular|top)\s+(?:topics|tags))\s*:?$",
    _I,
)
READ_MORE_INLINE = re.compile(
    r"^(?:read\s+(?:more|also|next)|see\s+also|related|tags|topics|filed\s+under|categories)"
    r"\s*:\s*.{1,200}$",
    _I,
)
# Contributor credits at the foot of wire copy: "Reporting by X; Editing by Y".
_NAMES = r"(?-i:[A-Z])[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*)*"
CONTRIBUTORS = re.compile(
    rf"^\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+{_NAMES}"
    rf"(?:\s*(?:,|;|and|in\s+(?-i:[A-Z])\w+)\s*(?:(?:additional\s+)?(?:reporting|writing|editing)"
    rf"\s+by\s+)?{_NAMES})*[.)]*$",
    _I,
)
# Appeals speak to the reader; an article paragraph about donations usually does not.
SECOND_PERSON = re.compile(r"\b(?:we|us|our|you|your)\b", _I)
# A caption ending in an inline credit: "Rescue teams in Faenza. Photo: AFP".
INLINE_CREDIT = re.compile(
    r"^.{2,200}[.\s]\s*(?:photo|image|picture|photograph|credit)s?\s*(?:by)?\s*:\s*"
    r"[A-Z][\w .&/'-]{1,60}$",
    _I,
)
# A person credit in parentheses: "(John Smith/Harbor Gazette)".
NAME_SLASH_CREDIT = re.compile(r"\(\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3}\s*/\s*[A-Z][^()]{1,80}\)\.?$")
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b|all\s+rights\s+reserved).{0,200}$|.{0,120}all\s+rights\s+reserved\.?$",
    _I,
)

SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Two sentences glued by a scraper: "...this article.Putin to visit" (no space after the stop).
GLUED = re.compile(r"(?<=[a-z0-9][.!?])(?=[A-Z][a-z])")
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
