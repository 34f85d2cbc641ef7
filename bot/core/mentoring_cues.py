"""Word patterns the mentoring reply reader looks for (pure data: compiled regexes).

Kept apart from the reader's logic so the patterns can be read and tuned on their own. They run
on lower-cased text with straight apostrophes.
"""

from __future__ import annotations

from bot.core.lazy_re import lazy

NUM = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "several": 3, "a pair of": 2,
}  # fmt: skip
NUM_RE = r"(\d{1,3}|one|two|three|four|five|six|a couple(?: of)?|couple of|a few|several|a|an)"
CAPACITY = [
    # "I can take one, maybe two": the larger number
    lazy(r"\b(?:take|take on|mentor|support|have)\s+(?:one|1|two|2|three|3)\s*[,/]?\s*"
               r"(?:maybe|possibly|perhaps|or|at most|max(?:imum)?)\s+(two|three|four|2|3|4)\b"),
    lazy(
        r"\b(?:take|taking|take on|mentor|mentoring|support|supporting|have|room for|capacity for|"
        r"space for|up to|manage|handle|work with)\s+(?:on\s+|up to\s+|with\s+|for\s+)?" + NUM_RE
        + r"\s+(?:people|persons|mentees|folk|others|of you|colleagues|women)\b"
    ),
    lazy(r"\b(?:up to|capacity for|room for|space for|take on|take)\s+(\d{1,3}|two|"
               r"three|four|five|six)\b"),
    lazy(r"\b(\d{1,3}|two|three|four|five|six)\s+(?:mentees|people|persons)\b"),
    lazy(r"\bmore than one\b()"),
    # "a mentee or two": the larger number
    lazy(r"\b(?:a|an|one)\s+(?:mentee|person|colleague)\s+or\s+(two|three|four|2|3|4)\b"),
    lazy(r"\b(?:capacity|max|maximum)\s*(?:for|is|of|:|=)?\s*(\d{1,3}|one|two|three|four|"
               r"five|six)\b"),
]  # fmt: skip

# Real words one letter from a topic word, never "mended" into it ("contacts" -> "contracts").
REAL_WORDS = frozenset({"contacts"})

FIRST = r"(?:i|i'm|i'd|i'll|i've|me|my|myself|we|us|our)"
OTHER = r"(?:you|you'd|you'll|you're|your|she|she'd|she's|he|he'd|he's|they|they'd|they're|" \
    r"her|his|their|colleague|colleagues|@person|someone in my team|my team|people|anyone|" \
    r"who'd|who would|who'll|who wants?|who needs?)"
SUBJECT = lazy(r"(?<![\w'])(" + FIRST + "|" + OTHER + r")(?![\w'])")
FIRST_RE = lazy(FIRST + "$")
# "My manager Kate would make a great mentor": "my" here names someone else.
SOMEONE_OF_MINE = lazy(r"\b(?:my|our) (?:line )?(?:manager|colleague|boss|director|deputy|"
                             r"team ?mate|friend|report|direct report|head of \w+)\b")

BOTH = [
    lazy(r"\b(?:mentor|mentoring)\s*(?:and|&|/|\+|or)\s*(?:a\s+)?mentee\b"),
    lazy(r"\bmentee\s*(?:and|&|/|\+|or)\s*(?:a\s+)?mentor\b"),
    lazy(r"\b(?:give|giving|offer|offering)\s+(?:and|&)\s+(?:receive|receiving|get|getting)"
               r"\s+mentoring\b|\bmentor\w*\s+(?:and|&)\s+(?:also\s+)?(?:be|being|get|getting)"
               r"\s+mentored\b"),
    lazy(r"\beither(?:\s+(?:or|role|way))?\b(?!\s+\w+\s+or\b)"),
    lazy(
        r"(?<!you )(?<!thank you )(?<!thanks )(?<!to you )"
        r"(?<!hi )(?<!hello )(?<!hey )(?<!dear )(?<!morning )(?<!afternoon )\bboth\b"  # greeting
        r"(?!\s+of\b)(?!\s+\w+(?:\s+\w+)?\s+(?:and|&)\b)(?!\s+(?:topics|areas|subjects)\b)"
    ),
]
MENTOR = [
    lazy(r"\b(?:be|become|being|as|join as)\s+(?:a|an)\s+(?:[a-z]+\s+){0,2}?mentors?\b"),
    lazy(r"\b(?:be|join|sign\w* up|count me in|put me down|down)\s+as\s+mentors?\b"),
    lazy(r"\b(?:i'm|i am)\s+(?:happy\s+)?(?:a|an)\s+(?:\w+\s+)?mentor\b(?!s)"),
    lazy(r"\b(?:paired|matched|partnered|linked|put)\s+(?:up\s+)?with\s+(?:a|an|one|two|"
               r"three|some)\s+(?:\w+\s+)?mentees?\b"),
    lazy(r"\b(?:up for|open to|available for)\s+(?:some\s+)?mentoring\b"
               r"(?!\s+(?:for me|me)\b)"),
    lazy(
        r"(?:\b(?:to|can|could|will|would|rather|gladly|happily|also|i|and|then)|'ll|'d)\s+"
        r"(?:also\s+|definitely\s+|happily\s+|gladly\s+|still\s+)?mentor\b(?!\s+(?:me|us|for me)\b)"
    ),
    lazy(r"\b(?:offer|offering|provide|providing|give|giving|do|"
               r"doing)\s+(?:some\s+)?mentoring\b"),
    # Passing on what she knows is an offer, with or without the word "mentor".
    lazy(r"\bgive (?:something |a bit )?back\b|\bpay it forward\b|"
               r"\b(?:share|pass on|pass along|hand on|hand down)\s+(?:some of\s+|a bit of\s+)?"
               r"(?:my (?:experience|knowledge|learning|know-how|skills|lessons)|"
               r"what i(?:'ve| have)? (?:learn\w*|know|picked up|gathered))\b"),
    lazy(r"\bi (?:can|could) (?:\w+ )?(?:help|support|offer)\b|\bhappy to (?:help|"
               r"support)\b"),
    lazy(r"\bi know [\w ]{2,40}? well\b"
               r"|\bi know (?:a lot|lots|loads|plenty|a fair bit) about\b"),
    lazy(r"\b(?:take|taking|take on|have room for|support|"
               r"supporting)\s+(?:on\s+)?(?:up to\s+)?"
               r"(?:a|one|two|three|four|five|\d+|a couple of|a few|more than one)\s+"
               r"(?:people|mentees?|persons|folk)\b"),
    lazy(r"\bmentoring (?:others|someone|somebody|people|colleagues|a mentee|newer)\b"),
    lazy(r"\b(?:just|only)\s+(?:as\s+)?(?:a\s+)?mentor\b(?!s|\s+(?:me|us|for me)\b)"),
    lazy(r"^(?:as a )?(?:mentoring|mentor|"
               r"offering)\s*[:\-–—]"),  # "Mentoring: line management"
]  # fmt: skip
MENTEE = [
    lazy(r"\b(?:be|being|get|getting)\s+mentored\b"),
    lazy(r"\bmentor\s+(?:me|us)\b|\bmentor(?:ing)? for me\b"),
    lazy(
        r"\b(?:like|love|want|wanting|need|have|having|get|getting|find|benefit from|appreciate|"
        r"welcome|use|value|"
        r"with|for|after|keen on|interested in|looking for|request|requesting|assign me|"
        r"pair me with)"
        r"\s+(?:\w+\s+)?(?:a|an|one|my own)\s+(?:[a-z]+\s+)?mentor\b"
        r"|\b(?:yes|please)\s+(?:to|for)\s+(?:a|an)\s+mentor\b"  # "yes please to a mentor"
    ),
    lazy(r"\b(?:like|love|want|need|get|receive|have|appreciate|value|welcome|benefit "
               r"from|interested in)\s+(?:some\s+|a bit of\s+)?mentoring\b"
               r"|^mentoring (?:please|pls|for me)\b"),
    lazy(r"(?<!\bone )(?<!\b1 )(?<!\bsingle )\bmentee\b"),  # "one mentee" is capacity
    lazy(r"\b(?:want|like|love|keen|hoping|hope) to (?:learn|get better|develop|"
               r"improve|grow)\b"),
    lazy(r"\b(?:sounding board|someone to talk (?:things )?through|some support|help me)\b"),
    lazy(r"\b(?:pair|match|link|partner|team|put) me (?:up )?with\b"),
    lazy(r"\b(?:like|love|want|need|appreciate|welcome|could use|could do with)\s+"
               r"(?:some\s+|a bit of\s+)?(?:help|support|guidance|advice)\b"),
    lazy(r"\b(?:looking for|love|like|need|want|appreciate) (?:someone|"
               r"somebody) (?:who|with|to)\b"),
    lazy(r"\b(?:be|get|getting|being)\s+(?:paired|matched|partnered|linked|put)\s+(?:up\s+)?"
               r"with\b(?!\s+(?:a|an|one|two|three|some)\s+(?:\w+\s+)?mentees?\b)"),
]  # fmt: skip
# Praise of someone else ("Jo would make a brilliant mentor"): nobody signs herself up like that.
NOMINATION = lazy(
    r"\b(?:would|will|should|could|'d)\s+(?:make|be)\s+(?:a|an|such a)\s+(?:\w+\s+){0,2}?mentors?\b"
)
# A role said about the past ("I was a mentee last year", "I signed up as a mentor above"):
# checked against the words just before a cue.
PAST_BEFORE = lazy(
    r"\b(?:was|were|been|signed (?:myself )?up|put myself down|registered|said i'?d|said i would|"
    r"offered to)\s+(?:as\s+)?(?:a\s+|an\s+)?$"
)
# ...or said just after it ("I was a mentee last year", "a mentor from last round").
PAST_AFTER = lazy(r"\s+(?:from |in |during )?(?:the )?(?:last|previous|past) (?:year|round|"
                        r"time|cohort|scheme)\b")
# A role put off ("I'll save being mentored for next round"): checked just before a cue.
DEFER_BEFORE = lazy(r"\b(?:save|saving|leave|leaving|hold off(?: on)?|park|parking|"
                          r"postpone|postponing)\s+$")
# "I don't need a mentor, but I'd like to be one": "one" is the role last named.
BE_ONE = lazy(r"\b(mentor|mentee)s?\b([^.!?\n]{0,80}?\b(?:be|become|being)) one\b")
# "+1, I'd like a mentor for that too": a topic named only in the quote above.
BACK_REF = lazy(r"\b(?:on|for|in|with|about|of) (?:that|this|the same)(?: (?:topic|area|"
                      r"one|subject|thing))?\b(?=\s*(?:too|as well|also|please|[.!,;)]|$))")
BARE_MENTOR = lazy(r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bmy )(?<!\bone )(?<!\byour "
                         r")\bmentor\b(?!s)")
LIKE_ONE = lazy(r"\b(?:like|love|want|need|have|benefit from)\s+one\b")  # "I'd like one"

NEGATION = lazy(
    r"(?:\b(?:not|no|never|nor|without|neither|hardly)\b|n't\b|\bcannot\b|\btoo \w+ to\b)"
)
NOT_NEGATION = lazy(r"\b(?:can't wait|not only|no doubt|not just|never mind)\b")
TOPIC_NEGATION = lazy(
    r"(?:\b(?:not|no|except|apart from|other than|but not|rather than|instead of|anything but|"
    r"never|nothing on|nothing about)\b|n't\b)[\w\s']{0,24}$"
)
EXPERTISE_NEG = lazy(
    r"\b(?:no expert|not an expert|not (?:really )?my (?:area|thing|strength)|"
    r"know (?:very )?little|"
    r"(?:don't|do not) know (?:much|enough|anything)|not (?:confident|experienced)|"
    r"little experience)\b"
)

OOO = lazy(
    r"\b(?:automatic reply|auto[- ]?reply|out of (?:the )?office|ooo|on annual leave until|"
    r"away from (?:the office|my desk) until|limited access to (?:my )?e-?mail)\b"
)
WITHDRAW = lazy(
    r"\b(?:withdraw\w*|pull(?:ing)? out|drop(?:ping)? out|take me off|remove me|count me out|"
    r"bow(?:ing)? out|step(?:ping)? back|no longer (?:able|available|want|need)|"
    r"can(?:'t| ?not) (?:do it|take part|commit|make it)(?: any ?more| after all)?|"
    r"won't be able to (?:take part|do it|mentor|commit)|(?:un|de)-?register|cancel my)\b"
)
DECLINE = lazy(
    r"\b(?:not able to|unable to|can't|cannot) take part\b|"
    r"\b(?:not (?:this|for me this) (?:round|time|year)|not for me|no thanks|no thank you|"
    r"sit (?:this|it)(?: \w+)? out|maybe next (?:time|year|round)|"
    r"(?:don't|do not|won't|haven't) (?:have|got) (?:the |enough |much )?(?:capacity|time|"
    r"bandwidth|headspace)|give (?:it|this one) a miss|pass (?:on )?this (?:time|round)|"
    r"too much (?:going )?on|leave my place|give my place|someone else (?:can|could) have)\b"
)
REPLACE = lazy(
    r"\b(?:rather|instead|wrong way round|changed? my mind|on second thoughts|scratch that|"
    r"correction|only as|just as|switch me|i meant|meant to (?:say|put|write)|"
    r"(?:just|only) (?:a )?(?:mentee|mentor)\b(?! and)|change of (?:plan|heart)|"
    r"make (?:it|that) (?:a )?(?:mentor|"
    r"mentee)|change (?:that|it|mine|me) to|had a rethink|rethought)\b"
)
# "I'd love to mentor but I don't have the capacity": a wish withdrawn in the same sentence.
# Masked before reading; "...but I can only take one" and "...so just one person" stay offers.
WISH_BUT = lazy(
    r"\b(?:i'd|i would|i'll|i will)\s+(?:love|like|be happy|be keen|be glad)\s+to\s+[^.!?\n]{0,60}?"
    r",?\s+but\b(?=[^.!?\n]*?(?:n't|\bnot|\bno|\bunable)\b[^.!?\n]{0,30}?\b(?:time|capacity|"
    r"bandwidth|headspace|room|space)\b)(?![^.!?\n]*\b(?:so|just|only|more than|beyond)\b)"
)
# Short forms expanded before reading ("line mgmt").
ABBREVIATIONS = {r"\bmgmt\b": "management", r"\bmgr\b": "manager", r"\bmgrs\b": "managers"}
# "data analytics, engineering and strategy": bare list items after "data" mean "data <item>".
_TAILS = r"engineering|strategy|protection|pipelines|visualisation|visualization"
DATA_TAIL = lazy(r"(?:(?<=[,:/&–—] )|(?<=\band )|(?<=\bor )|"
                       rf"(?=(?:{_TAILS})\s*(?:,|and|or|&)\s*(?:{_TAILS})\b))({_TAILS})\b")
DATA_HEAD = lazy(r"\bdata (?!and\b|or\b|&)[\w-]+\b[^.!?\n]{0,60}$")  # not "data and strategy"
# A leadership team as the audience ("buy-in from the senior leadership team") is not a topic.
AUDIENCE_BEFORE = lazy(r"\b(?:from|to|with|by|before|in front of)\s+(?:the |our |my |a )?"
                             r"(?:senior |corporate |extended |executive |wider )?$")
AUDIENCE_NOUN = lazy(r"(?:leadership|management|executive) (?:team|board)s?\b")
THANKS = lazy(r"\b(?:thanks|thank you|brilliant|great|lovely|love this|fab|amazing)\b")
PAST = lazy(r"\b(?:i|i've|i have)\s+(?:was |been |have been )?(?:mentored|mentoring|"
                  r"a mentor|a mentee)\b"
                   r"|\bi was (?:a )?(mentee|mentor)\w*\b|\bwas mentored\b")
AGAIN = lazy(r"\b(?:go|do (?:it|this)|same) again\b|\bagain this (?:year|round|time)\b|"
                   r"\bhappy to (?:formalise|formalize|continue|carry on|keep going)\b|"
                    r"\bsame (?:as|again)\b.*\blast (?:year|round|time)\b")
SELF_ASK = lazy(r"\b(?:could|can|may|might|would it be possible for) (?:i|you pair me|"
                      r"you match me)\b"
                       r"|\bis it (?:ok|okay|possible) (?:if|for) (?:i|me)\b|\bplease\b"
                       r"|\b(?:mentor|match|pair|sign|put|add) me\b")  # fmt: skip
PREFS = [
    ("other_org", lazy(r"\b(?:different|another|other|outside (?:my|our))\s+(?:borough|"
                             r"council|"
                             r"organisation|organization|org|authority)\b|\boutside (?:my|"
                             r"our) (?:own )?"
                             r"(?:borough|council|organisation)\b|"
                             r"\bnot from my (?:own )?(?:borough|council)\b")),
    ("same_org", lazy(r"\b(?:same|my own|my)\s+(?:borough|council|organisation|"
                            r"organization)\b"
                            r"(?!\s+(?:would|is|has))")),
    ("more_senior", lazy(r"\b(?:more senior|senior to me|someone senior|"
                               r"a senior leader|further "
                               r"(?:on|along) in (?:her|their) career)\b")),
]  # fmt: skip
