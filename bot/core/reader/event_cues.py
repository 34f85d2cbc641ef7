# ruff: noqa: E501  (a table of patterns reads better one per line)
"""Step 3 data, event cues: patterns by intent and kind, in priority order (pure data).

Patterns run on lower-cased, normalised text (straight apostrophes, common typos fixed,
``@person`` for a mention). Earlier cues win: a matched span is masked so that, say,
"count me out" is never also read as "count me ... in" and "can't not come" never as
"can't come". Staff add phrases through config/replies.yaml (ReplyLexicon), which are
matched before these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.lazy_re import lazy

# Kinds: strong = a decision on its own; wish = "I'd love to" (cancelled by a following
# "but"); hedge = uncertainty that turns a yes in the same sentence into a maybe;
# soft = uncertainty that only counts when nothing firmer is said; obstacle = a reason
# not to come (decides "I'd love to but ..."); ask = a question; context = "+1", "same";
# referral = about a colleague, not the replier; emoji = counts only on its own.


@dataclass(frozen=True)
class Cue:
    """One built-in cue: an intent, a kind and a compiled pattern."""

    intent: str
    kind: str
    pattern: re.Pattern[str]


_VERB = r"(?:make it|make this|make that|come|attend|join|be there|go|do it|do this|get there|take part)"
_SELF_REQ = (
    r"(?:have|get|grab|take|book|reserve|nab|claim|join|come|attend|sign up|register|be added|"
    r"put my name down|be put down|bag|re-?register|re-?book|re-?join|sign up again|sign back up)"
)
# A subject that includes the writer and someone else: "me and my colleague Dana", "my
# manager and I", "both of us", "we'd both". Her yes, with the colleague as a referral.
_OTHER = r"(?:colleague|teammate|team mate|friend|manager|boss|deputy|director|report)"
JOINT = (
    r"(?:(?:both )?(?:me|myself|i) and (?:my |a |our )?" + _OTHER + r"(?: [a-z]+)?"
    r"|(?:my |a |our )?" + _OTHER + r"(?: [a-z]+)? and (?:i|me|myself)"
    r"|both of us|the two of us|the pair of us|us two|us both|we(?:'d| would)? both|we both)"
)
_END = r"(?=\s*(?:[.!,;:)\-–—]|$|\n|if\b|too\b|as well\b|again\b|for (?:this|it|one|the)\b|please\b|x{1,3}\b|[^\w\s'@]))"

_RAW: list[tuple[str, str, str]] = [
    # Double negatives and fixed idioms that look like their opposite.
    # Pseudo-triggers: idioms whose "not"/"nothing" does not negate, matched first.
    ("join", "strong", r"(?:\b(?:wild horses|nothing|nobody|no one|no-one|you|they)(?: (?:in the world|on earth))? |^\s*|(?<=[.!?,;:\-–—])\s*)(?:could|would|will|can|couldn't|wouldn't|won't|can't)(?: possibly)? (?:keep|stop|drag|tear|pull|hold) me (?:away|back|from (?:coming|going|joining|attending|being there)|(?:coming|going|joining|attending))\b"),
    ("join", "strong", r"\b(?:wild horses|nothing|nobody|no one|no-one) (?:could|would|will|can|couldn't|wouldn't|won't|can't) (?:possibly )?(?:stop|keep) me\b"),
    ("join", "strong", r"\b(?:i'm |i am )?(?:not|never) not (?:coming|going|attending|joining|come|go|attend|join|be there)\b"),
    ("join", "strong", r"\b(?:i'd|i would|would|it'd|it would|that'd|that would) be (?:mad|silly|daft|crazy|rude|foolish|bonkers|criminal|a crime) not to\b"),
    ("join", "strong", r"\b(?:i )?(?:don't|can't) see why not\b"),
    ("other", "neutral", r"\bno doubt\b|\bnot only\b|\bnot just\b|\bcouldn't be happier\b|\bnever mind\b|\b(?:it's |it is )?not that\b|\bnothing (?:would|could) make me happier\b"),
    ("join", "strong", r"\b(?:can't|couldn't|won't) not (?:come|attend|join|be there|go)\b"),
    ("join", "strong", r"\b(?:wouldn't|won't|would not|will not) miss (?:it|this|that)\b"),
    ("decline", "strong", r"\bcount me out\b"),
    # Doubt before a yes phrase is a no: "Doubt I'll make it", "unlikely I can come".
    ("decline", "strong", r"\b(?:i doubt|doubt|unlikely|not likely|i don't think|i can't see how|can't see how|don't see how)(?: that)? (?:i'll|i will|i can|i could|i'd|i would|i'm going to|i am going to|i'll be able to|i'm able to) (?:\w+ ){0,2}?" + _VERB + r"\b"),
    ("decline", "strong", r"\b(?:probably|likely|most likely) not\b|\bi (?:don't|do not) think so\b|\bi think not\b"),
    ("decline", "strong", r"\b(?:me neither|nor me|neither can i|nor can i|me either)\b"),
    # What they would have said is not what they say: "I'd have said count me in, but ...".
    ("decline", "wish_past", r"\b(?:i'd|would) have said\b[^.!?,\n]{0,80}?(?=\s+(?:but|however|only|if)\b|\s*[.!?,;\n\-–—]|$)"),
    ("decline", "strong", r"\b(?:i'd|i would) rather not\b|(?:^|[.!?]\s*)not me\b(?! who)"),
    ("decline", "strong", r"(?<!\bshe's )(?<!\bhe's )(?<!\bthey're )(?<!\bwho's )\bnot (?:really |that |too |very |so |overly )?(?:keen|interested)\b"),
    # Understatement: "I wouldn't say no to a place" is a yes.
    ("join", "strong", r"\b(?:i )?(?:wouldn't|won't|couldn't|can't) say no\b"),
    # A wish conceded before a no ("Much as I'd like to, I can't") is not a yes.
    ("other", "neutral", r"\b(?:as much as|much as|although|though|while|whilst) (?:i'd|i would|i) (?:really |so )?(?:love|like|want|be keen)(?: to)?(?: (?:come|join|attend|be there|go))?\b"),
    # A negated miss/skip/pass-up is a yes: "not missing this one", "no way I'd miss it".
    # Only the replier's own ("you can't miss it" gives directions).
    ("join", "strong", r"(?<!\byou )(?<!\bthey )(?<!\bshe )(?<!\bhe )(?<!\bit )(?<!\bwe )\b(?:not|never|can't|cannot|no (?:way|chance) (?:i'd|i'll|i'm|i would|i will|i could|am i|would i|will i|i'm going to)|wouldn't|won't|couldn't|don't want to|didn't want to|not going to|not gonna)(?: be)?(?: \w+)? (?:miss(?:ing)?|skip(?:ping)?|pass(?:ing)? (?:up|on)|pass(?:ing)? (?:this|it|that)(?: one)? up)(?: out)?(?: on)?(?=\s+(?:it|this|that|one|out|for the world|an? (?:chance|opportunity)|the (?:chance|opportunity|session|event|talk|workshop|meetup|course|day))\b|\s*[!.,;:)\-–—]|\s*$)"),
    # Present only in spirit is a no, however much "I'll be there" it says.
    ("decline", "strong", r"\b(?:(?:i'll|i will) )?(?:be )?(?:there |with you(?: all)? )?in spirit\b"),
    ("decline", "strong", r"\b(?:gutted|sad|sorry|a shame|a pity|annoyed|disappointed) (?:to|that i'll|i'll|i will|i have to|i'm going to|to have to) miss\b"),
    ("maybe", "strong", r"\b(?:make|change) (?:that|it|mine|my answer)(?: to)? (?:a )?(?:maybe|possible|tentative)\b"),
    # Other people who can't come are not the replier: "a recording for those who can't attend?"
    ("other", "neutral", r"\b(?:those|people|anyone|anybody|others|folks|colleagues|members|someone|somebody|everyone) (?:who|that)(?: [\w']+){1,4}"),
    ("other", "neutral", r"\bcan't wait\b|\bcan't believe\b|\bcan't recommend\b|\bcan't thank\b"),
    ("other", "future", r"\b(?:for|at|in|maybe|perhaps|hopefully) (?:the )?next (?:one|time|session|event|cohort|round|year|meetup)\b|\bnext time\b|\bin (?:the )?future\b|\bfuture (?:ones|sessions|events|cohorts)\b|\b(?:one|some) day(?=\s*(?:[!.?]|$))|\bsomeday\b|\bat some point\b"),
    ("maybe", "strong", r"\b(?:pencil|put|mark) me (?:down |in )?as (?:a )?(?:maybe|tentative|possible)\b"),
    ("maybe", "hedge", r"\b(?:tentative(?:ly)?|provisional(?:ly)?|pencilled|penciled)\b(?: yes)?"),
    ("maybe", "hedge", r"\bnot (?:yet )?(?:sure|certain|100%) (?:if |whether |that )?(?:i|i'll|i will|i can|i'd)\b"),
    ("maybe", "hedge", r"\bnot sure yet\b"),
    ("maybe", "hedge", r"\bunsure\b"),
    ("maybe", "hedge", r"\b(?:can't|cannot|unable to|not able to) (?:commit|confirm|say|promise)(?: (?:for sure|either way|definitely))? (?:just )?yet\b"),
    # Withdrawing a place already asked for.
    ("withdraw", "strong", r"\b(?:drop|pull|bow|back|duck) out\b"),
    ("withdraw", "strong", r"\bwithdraw(?:ing)?\b"),
    ("withdraw", "strong", r"\b(?:need|have|got|going) to bail\b|\bbail(?:ing)? out\b"),
    ("withdraw", "strong", r"\bcancel (?:my|me|our) (?:place|spot|booking|seat|name)\b|\bcancel me\b"),
    ("withdraw", "strong", r"\b(?:have|need|got|going) to cancel\b"),
    ("withdraw", "strong", r"\b(?:take|cross|strike|scratch) (?:me|my name) (?:off|out)\b"),
    ("withdraw", "strong", r"\bremove me\b"),
    ("withdraw", "strong", r"\b(?:give|offer|pass|release|free up|free) (?:up )?my (?:place|spot|seat|ticket)\b"),
    ("withdraw", "strong", r"\bno longer (?:able|make|come|attend|coming|attending|available|join|go|be able)\w*\b"),
    ("withdraw", "strong", r"\bcan(?:'t| no longer| not) (?:make it|come|attend|join|do it) any ?more\b"),
    ("withdraw", "strong", r"\b(?:can't|won't be able to|cannot) (?:make it|come|attend|join) after all\b"),
    ("withdraw", "strong", r"\bun-?(?:sign|register|book) me\b"),
    # Maybe: uncertainty about coming.
    ("maybe", "hedge", r"\b(?:maybe|perhaps|possibly|hopefully|potentially)\b"),
    ("maybe", "hedge", r"\bfingers crossed\b"),
    ("maybe", "hedge", r"\b(?:i'll|i will|will|i'm going to|going to|i'd|i shall) (?:try|aim|attempt)\b"),
    ("maybe", "hedge", r"\btry (?:to|and) (?:make|come|join|attend|get|be)\b"),
    ("maybe", "hedge", r"\bdo (?:my|our) best\b"),
    ("maybe", "hedge", r"\b50/50\b|\bfifty[- ]fifty\b"),
    # "Probably", "most likely" as an answer (not "I'll probably leave early"): a hedge.
    ("maybe", "hedge", r"\b(?:probably|(?:most |very |quite )?likely)(?=\s*(?:[.!,;:\-–—]|$)|\s+(?:yes|a yes|come|coming|make|be there|join|joining|attend|attending|in|ok|fine|can|will|i'll|be able|i can)\b)"),
    ("maybe", "hedge", r"\bhop(?:e|ing|efully) so\b|\bi think (?:i can|i'll|i should|i will|i could) (?:make|come|be there|join|attend|do)\b"),
    ("maybe", "hedge", r"\bnot (?:yet )?(?:100 ?%|100 per ?cent|totally|entirely|completely|fully) (?:yet|sure|certain|definite|confirmed)?\b"),
    ("maybe", "hedge", r"\b(?:might|may) (?:be able to|make it|come|join|attend|manage|be there|pop)\b"),
    ("maybe", "hedge", r"\bif i can (?:make it|get|come|join|attend|manage|swing|get away)\b"),
    ("maybe", "hedge", r"\bif i (?:can|am able|'m able|manage)\b(?=\s*(?:[.!,;:)\-–—]|$|\n|thanks|thank|x\b|[^\w\s'@]))"),
    ("maybe", "hedge", r"(?<!\bwas )(?<!\bwere )\bhoping to\b|\bi hope to\b|\bhope i can\b"),
    ("maybe", "hedge", r"\b(?:tbc|tbd|to be confirmed)\b"),
    # Waiting on someone else's say-so, or a condition about the replier's own diary.
    ("maybe", "hedge", r"\b(?:waiting|awaiting|wait) (?:for |on |to hear (?:from |back from |about )?)?(?:my |the |a )?(?:manager|line manager|boss|director|approval|sign-?off|confirmation|cover|childcare|diary|rota)\b|\b(?:subject to|pending) (?:my |the )?(?:manager|approval|sign-?off|cover|confirmation)\b"),
    ("maybe", "hedge", r"\b(?:if|as long as|provided|assuming) (?:i'm not|i am not|i don't|i can get|i get|i manage|i finish|i'm free|i am free|i'm back|i can swing|my (?:manager|boss|diary|work|line manager|team|director)|work (?:allows|permits)|nothing (?:else )?comes up)\b"),
    ("maybe", "hedge", r"\bdepends? (?:on|whether|if)\b|\bdepending on\b"),
    ("maybe", "hedge", r"\b(?:if|as long as|provided|assuming|once) (?:my |the )?(?:[\w-]+ ){0,2}(?:gets|is|are|get) (?:approved|signed off|agreed|confirmed|granted)\b"),
    ("maybe", "soft", r"\b(?:will|i'll|can i|i will|let me|i need to|need to) (?:confirm|let you know|check|see if|see whether|get back)\b"),
    ("maybe", "soft", r"\bweather permitting\b|\bdiary permitting\b|\bwork permitting\b"),
    ("maybe", "soft", r"🤞"),
    # Decline: a clear no, in any of the usual British ways.
    ("join", "strong", r"\bno (?:problem|worries)\b(?=.{0,120}\b(?:count me in|yes)\b)"),
    ("decline", "strong", r"\b(?:can't|cannot|can not|won't be able to|will not be able to|unable to|not able to|couldn't|won't|not going to be able to|not going to) (?:\w+ ){0,2}?" + _VERB + r"\b"),
    ("decline", "strong", r"\b(?:can't|cannot|unable to|not able to|won't be able to) (?:get (?:in|into|to|there|away|along|out of)|manage|justify|commit|fit|spare|do)\b"),
    ("decline", "strong", r"\b(?:i'm afraid i|i|sadly i|unfortunately i|sorry i|but|so|sadly|unfortunately|afraid|sorry|alas|actually|now)(?: just| simply| really| honestly| actually)?,? can't\b(?=\s*(?:[.!,;:\-–—]|$|\n|sorry|this|that|today|make|now|any ?more|after all))"),
    ("decline", "strong", r"^\s*can't\b"),
    ("decline", "strong", r"\bwon't be (?:there|joining|attending|coming|able|around|going)\b"),
    ("decline", "strong", r"\b(?:i'm|i am) not (?:coming|attending|joining|going(?! to\b)|able(?! to (?:stay|be there for|make (?:all|the (?:whole|start|end|first|last))))|in(?= (?:this|that) (?:time|one)\b|\s*(?:[.!,;:\-–—]|$)))\b"),
    ("decline", "strong", r"\bgive (?:this|it|this one|that) a miss\b"),
    ("decline", "strong", r"\b(?:i'll|i will|i'm going to|going to|i must|have to|i'd better|i'll have to) (?:pass|skip|sit this|sit it|miss)\b"),
    # "I'm going to have to say no": a refusal in so many words, however softened.
    ("decline", "strong", r"\b(?:have to|must|i'll have to|going to have to|got to|need to) (?:say no|decline|give (?:this|it|that)(?: one)? a miss)\b"),
    ("decline", "strong", r"\bpass on (?:this|it|that)\b"),
    ("decline", "strong", r"\b(?:doesn't|does not|won't|don't|do not|isn't going to) (?:work|suit) (?:for )?(?:me|us)\b"),
    ("decline", "strong", r"\b(?:alas|sadly|unfortunately|afraid|sorry)[\s,:\-–—]*no\b(?!\s+(?:problem|worries|need|rush|pressure|idea|doubt))"),
    ("decline", "wish_past", r"\b(?:i )?wish i (?:could|can|was able to)\b"),
    ("decline", "strong", r"\b(?:not|isn't|is not) (?:one |something |really |quite |an? \w+ )?for me\b"),
    ("decline", "strong", r"\b(?:i'll|i will|i think i'll|i'm going to|going to|i'd better|better|have to|need to|must) leave it\b(?= (?:this time|for now|this once|on this occasion|for this one|thanks|for (?:someone|somebody|others|another|other people))|\s*(?:[.!,;:\-–—]|$))"),
    ("decline", "strong", r"\b(?:i'll|i will|i'm going to|going to|i must|i'd better|i'll have to|i) (?:have to )?(?:politely |regretfully |respectfully |reluctantly )?(?:decline|say no)\b"),
    ("decline", "strong", r"\b(?:i'm|i am|i'll be|i will be) unavailable\b|\blet (?:someone|somebody|others|another person|other people|a colleague)(?: else)? (?:have|take|go)\b|\bgive (?:someone|somebody)(?: else)? (?:a|the|my) (?:chance|place|spot)\b"),
    ("decline", "strong", r"(?:\b(?:i'm|i am) |^\s*)not (?:free|around|available)\b(?= (?:that|this|then|on the|at that|for (?:this|it|that)|unfortunately|sadly|i'm afraid)\b|\s*(?:[.!,;:\-–—]|$))"),
    ("decline", "strong", r"\b(?:sadly |unfortunately |afraid |but )?not (?:for )?(?:this|that|the) (?:time|one|cohort|session|round|year|month|event|occasion)\b"),
    ("decline", "strong", r"\b(?:sadly|afraid|unfortunately) not\b"),
    ("decline", "strong", r"(?:[.!?\-–—]\s*|\b(?:so|but) )(?:no|nope|nah)\b(?![,\s]+(?:i (?:don't|haven't|have no)|dietary|access|need))(?=\s*(?:[.!,;:\-–—]|$|sorry|thanks|thank|i'm afraid|unfortunately|sadly|from me|for me|[^\w\s]))"),
    ("decline", "strong", r"\b(?:i'd|i would|would) (?:\w+ ){0,2}?if i could\b(?=\s*(?:[.!,;:)\-–—]|$|[^\w\s]))"),
    ("decline", "strong", r"\bno can do\b|\bno go for me\b|\bnot a chance\b"),
    ("decline", "strong", r"\b(?:it's|its) a no\b|\ba no from me\b"),
    ("decline", "strong", r"\b(?:leave|save) (?:the|a|this) (?:place|spot|space) for (?:someone|somebody|others|another)\b"),
    ("decline", "strong", r"\bno,? thank(?:s| you)\b"),
    ("decline", "strong", r"^\s*(?:no|nope|nah)\b(?!\s+(?:problem|worries|idea|doubt))"),
    ("decline", "strong", r"\bi (?:don't|do not) think i (?:can|will|could|'ll) (?:make|come|attend|join|be)\b"),
    ("decline", "strong", r"\b(?:have|going) to miss (?:this|it|that)\b"),
    # "Please don't add me": a yes verb under a direct "don't" is a no.
    ("maybe", "hedge", r"\b(?:don't|do not) (?:add|book|sign|count|put|pop|include|register|enrol|enroll|pencil|reserve|save) me (?:in |down |up )?(?:just )?yet\b"),
    ("decline", "strong", r"\b(?:please )?(?:don't|do not) (?:add|book|sign|count|put|pop|include|register|enrol|enroll|pencil|reserve|save) me\b"),
    # Join as a request phrased as a question ("Could I have a place?").
    ("join", "strong", r"\b(?:can|could|may|might) i (?:please |also |still )?" + _SELF_REQ + r"\b(?! (?:a|my) (?:colleague|friend|partner|guest|plus))"),
    ("join", "strong", r"\b(?:can|could|would) you (?:please )?(?:add|put|sign|book|count|pop|save|enrol|enroll|register|include|reserve|pencil|stick|squeeze|fit) (?:me|my name|myself)\b|\b(?:would|do) you mind (?:adding|putting|signing|booking|popping|saving|including) me\b"),
    ("join", "strong", r"\b(?:is there|any) (?:still )?(?:a )?(?:place|space|room|spot) (?:left )?for me\b"),
    ("join", "strong", r"\b(?:any chance|is there any chance|is it possible|would it be possible|is there any way|could there be)(?: of| for me| to| that)?(?: i could)?(?: (?:get|getting|have|having|grab|grabbing|book|booking|reserve|reserving|squeeze|squeezing))?(?: me)?(?: in)? (?:a|one|my) (?:place|spot|seat|space|ticket)\b"),
    ("join", "strong", r"\b(?:any chance|is it possible|would it be possible|is there any way)(?: for me)? (?:to|i could|i can|of me) (?:still )?(?:join|come|attend|squeeze in|take part)\b"),
    ("join", "strong", r"\b(?:room|space) for (?:one|1) more\b"),
    # A yes whose subject includes the writer ("Me and my colleague would like places").
    ("join", "wish", r"\b" + JOINT + r"(?: (?:would|will|'d|are|both|all|really|very much|also|definitely|be))* (?:like|love|want|keen|up for|coming|come|attend|join|be there|interested)\b"),
    ("join", "strong", r"\b(?:count|put|sign|book|pop|add|pencil|stick) (?:us|us both|both of us|the two of us|the pair of us) (?:in|down|up|on)\b"),
    # Join: asks for a place for themselves.
    ("join", "strong", r"\b(?:count|put|sign|book|pop|add|pencil|stick|write|get|squeeze|slot|rope|include) me (?:in|down|up|on)\b"),
    ("join", "strong", r"\bcount me\b"),
    ("join", "strong", r"\b(?:add|put|pop) me (?:to|on) (?:the|your) (?:list|register|attendees)\b"),
    ("join", "strong", r"\b(?:definitely|certainly|absolutely|deffo) (?:coming|attending|joining|there|up for it)\b"),
    ("join", "wish", r"\b(?:would|it'd|that'd|it would) be (?:great|lovely|good|nice|fab|brilliant|fantastic|amazing) to (?:come|join|attend|be there|take part|have a place)\b"),
    ("join", "strong", r"\b(?:add|put|get) my name (?:down|on|to (?:the|your) (?:list|register))\b"),
    ("join", "strong", r"\b(?:save|reserve|book|hold|keep|grab) me a (?:place|spot|seat|space|ticket)\b"),
    ("join", "strong", r"\b(?:i'm|i am|definitely|count me|totally) up for (?:this|it|that)\b"),
    ("join", "strong", r"\bi can (?:now|after all|come now|make it now|make it after all)\b(?! \w)"),
    ("join", "wish", r"\b(?:i'd|i would|i'll|i will|i'd definitely|i'd totally) (?:\w+ )?be up for (?:this|it|that)\b"),
    ("join", "strong", r"\b(?:definitely|deffo|absolutely) (?:coming|attending|joining|on for (?:this|it))\b"),
    # A bare "in" as a whole clause ("— in!", "In for this one") is a yes.
    ("join", "strong", r"(?:^|(?<=[.!?,;:\-–—])\s*|\band )in(?= for (?:this|it|that)\b|\s*[!.]+|\s*$)"),
    ("join", "strong", r"\b(?:be |i'd be )?(?:mad|daft|silly|crazy|foolish|bonkers) to miss (?:it|this|that)\b"),
    ("join", "strong", r"^\s*(?:(?:i'm|i am|yes,?|yes i'm|yes i am) )?(?:very |really |definitely |super )?(?:interested|keen)\b(?=\s*(?:[!.,]|$|please|in a place))"),
    ("join", "strong", r"^\s*me(?: please)?\s*[!.]*\s*(?:[^\w\s]\s*)*$"),
    ("join", "strong", r"\b(?:i'm|i am|definitely|also|back) in" + _END),
    ("join", "strong", r"\b(?:yes|yeah|yep|yup|ok|okay|sure|absolutely|definitely|certainly|of course|gladly|sounds good)[, ]+please\b"),
    ("join", "strong", r"(?:^|(?<=[.!?,;:\-–—\n])|(?<=[.!?,;:\-–—\n] )|\b(?:oh|ooh|yes|and|so) )(?:me|moi) please\b"),
    ("join", "strong", r"\b(?:a|one|1) (?:place|spot|seat|space|ticket) for me\b(?! to\b)"),
    ("join", "strong", r"\bplease (?:add|include|book|register|enrol|enroll) me\b|\b(?:add|include|book|register|enrol|enroll) me(?= please\b|\s*(?:[!.,;:\-–—]|$|\n|too\b|as well\b|thanks\b))"),
    ("join", "strong", r"\b(?:i'd|i would) (?:really |so )?(?:love|like|want|welcome) one\b(?! day)"),
    ("join", "strong", r"\b(?:i'd|i would|i) (?:really |very much |so |absolutely )?(?:love|like|want|be keen|be happy|be glad|be delighted|welcome) (?:to have |to take |to get |to grab |to book )?(?:a|one) (?:place|spot|seat|space|ticket)\b"),
    ("join", "strong", r"\b(?:i'd|i would|i) (?:really |very much |so |absolutely )?(?:love|like|want|be keen|be happy|be glad|be delighted) to (?:come|join|attend|be there|take part|sign up|go|register|book|take a place|take up|put myself forward|participate|be part)\b"),
    ("join", "strong", r"\b(?:happy|keen|glad|delighted|up for|interested in) (?:to )?(?:take|taking|have|having|grab|join|joining|come|coming|attend|attending|a place|a spot|it)\b"),
    ("join", "strong", r"(?:^|(?<=[.!?,;:\-–—\n])\s*|\b(?:yes|oh|ooh|so|and)[, ]+)would (?:really |very much |so )?(?:love|like|welcome) (?:a|one) (?:place|spot|seat|space|ticket)\b"),
    ("join", "strong", r"\bput (?:me|myself|my name) forward\b"),
    # A yes with the "I" dropped, at the start of a clause: "Will definitely attend 👍".
    ("join", "strong", r"(?:^|(?<=[.!\n])\s*|\b(?:yes|yep|yeah|ok|okay|sure)[, !]+)will (?:definitely |certainly |absolutely |happily )?(?:attend|come|come along|be there|join|be attending|be joining)\b(?!\s*\?)"),
    ("join", "strong", r"\b(?:i'll|i will|i shall|i can|i'm going to|we'll) (?:definitely |certainly |absolutely )?(?:come|be there|join|attend|make it|be joining|be coming|come along|see you|pop along|pop in|pop by|pop over|head along|head over|swing by|drop in|tag along)\b"),
    ("join", "strong", r"\b(?:i'm|i am) (?:so |definitely |totally )?there\b(?=\s*(?:[!.,]|$|x\b|[^\w\s]))"),
    ("join", "strong", r"\b(?:i'm|i am) (?:definitely |so |absolutely )?(?:coming|attending|joining|going(?! to\b)|up for it|game|keen)\b"),
    ("join", "strong", r"\bsee you (?:there|then|on)\b"),
    ("join", "strong", r"\b(?:already (?:signed up|registered|booked)|(?:signed up|registered|booked) (?:[\w-]+ ){0,4}?already)\b(?! for (?:the|a) (?:last|previous|other|next|different))"),
    ("join", "strong", r"\b(?:i'll|i will|i shall) (?:definitely |certainly |absolutely )?be (?:at|joining|attending|coming to) (?:this|that|it|the (?:session|event|meetup|talk|workshop|day|lunch))\b"),
    ("join", "strong", r"\b(?:keep|save|hold|reserve|book) (?:a|one) (?:place|spot|seat|space|ticket) for me\b"),
    # "I will be attending." on its own (a following object such as "another event" is not a yes).
    ("join", "strong", r"\b(?:i'll|i will|i shall) (?:definitely |certainly |absolutely |also )?be (?:attending|joining|coming|coming along)\b(?=\s*(?:[!.,;:)\-–—]|$|\n|[^\w\s'@]|on (?:teams|zoom|the day)|online|in person|virtually|remotely|too|as well|for (?:this|it|the (?:session|event|day|course))))"),
    ("join", "strong", r"\b(?:is it|would it be|will it be) (?:ok|okay|alright|all right|fine|possible) (?:if i|for me to|that i|to) (?:\w+ )?(?:join|come|attend|pop in|take a place|sign up)\b"),
    ("join", "strong", r"\b(?:i'll|i will|i'd|i would|i can) (?:happily )?(?:take|have|grab|nab|bag) (?:one|a place|a spot|a seat|a space|a ticket)\b(?!\s+(?:for|off|look))"),
    ("join", "strong", r"\bme(?:[,!]*\s+me)+\b"),
    ("join", "strong", r"(?:^|\b(?:yes|yeah|oh|ooh|ok|okay|alright|right|righto)[, !]+)go on\b(?=\s*(?:[!.,]|$|then|[^\w\s]))"),
    ("join", "strong", r"^\s*(?:yes,? )?(?:i'm|i am) (?:free|available)\b(?= (?:that day|on the day|then|on the \d+\w*|for (?:this|it))\b|\s*(?:[!.]|$|[^\w\s]))"),
    ("join", "strong", r"\b(?:happy|glad|keen) to (?:go|be put|be added|be|go straight) (?:on|onto|to) (?:it|that|the (?:waiting ?list|waitlist|reserve list|list))\b"),
    ("join", "strong", r"\bsign(?:ing)? up\b(?= (?:please|for (?:this|it|a place)|now|\.|!|$))"),
    ("join", "strong", r"\b(?:me apunto|cuenta conmigo|je viens|j'y serai|ich bin dabei|ci sono|conta comigo)\b"),
    ("join", "strong", r"\b(?:yes|yeah|yep|yup|yess+|yas|ya|aye|sí|si|oui|ja|absolutely|definitely|certainly|of course|gladly|go on then|why not|sure thing|count on me)\b(?=\s*(?:[!.,;:)\-–—]|$|\n|from me|for me|i'm|i am|thanks|thank|pls|x\b|[^\w\s'@]))"),
    ("join", "strong", r"^\s*(?:yes|yeah|yep|yup)\b"),
    # Short replies that take their meaning from a quote: "+1", "same", "me too".
    ("join", "context", r"(?:^|\s)\+ ?1\b|\bsame(?: here| for me| please)?\b(?! (?:time|day|date|week|morning|afternoon|evening|slot|as)\b)|\bditto\b|\bi(?:'d| would)(?: too)?" + _END + r"|\bme (?:too|as well|also)\b|\band me\b"),
    # A wish that a following "but" can cancel.
    # A bare "would love to" counts only with no subject before it ("Yes, would love to"),
    # so "my colleague would love to" is not the replier's yes.
    ("join", "wish", r"(?:\b(?:i'd|i would|i)|(?:^|(?<=[.!?,;:\-–—\n])|(?<=[.!?,;:\-–—\n] )|(?<=\bso )|(?<=\bbut )|(?<=\band )|(?<=\byes )|(?<=\bohh )|(?<=\booh ))would) (?:really |so |absolutely )?(?:love|like) to\b"),
    ("decline", "wish_past", r"\b(?:would|i'd|i would) have (?:loved|liked) to\b"),
    ("decline", "wish_past", r"\b(?:would|i'd|i would) have (?:said yes|come|joined|attended|signed up|been there|jumped at)\b"),
    ("decline", "wish_past", r"\b(?:was|were) (?:going|about|planning|hoping) to (?:say yes|come|join|attend|sign up|book)\b(?=.{0,120}\b(?:but|however|sadly|unfortunately|now)\b)"),
    ("join", "wish", r"\b(?:i'd|i would) (?:come|join|attend|be there)\b"),
    ("join", "wish", r"\b(?:love|like) to (?:come|join|attend)\b"),
    ("join", "strong", r"\b(?:say|saying) yes\b"),
    # Colleague referrals: sign up nobody, invite the colleague to reply themselves.
    ("other", "referral", r"\b(?:add|sign up|sign|put|book|register|include|nominate|invite) (?:my |a |our )?(?:colleague|colleagues|team ?mate|friend|manager|her|him|them|@person)\b"),
    ("other", "referral", r"\b(?:my|a) (?:colleague|teammate|team mate|friend)\b.{0,40}\b(?:would|wants|is keen|keen|interested|love)\b"),
    ("other", "referral", r"\b(?:can|could|may|might) (?:my|a|our|one of my) (?:colleague|colleagues|teammate|team mate|deputy|manager|friend|report|direct report|member of (?:my )?(?:staff|team))\b"),
    ("other", "referral", r"\b(?:my|our|one of my) (?:manager|line manager|director|boss|deputy|direct report|report|team)\b(?: [\w'-]+){0,2} (?:would (?:really |also )?(?:love|like) to|wants to|is keen to|is interested in) (?:come|attend|join|take part|have a place|coming|attending|joining)\b"),
    ("other", "referral", r"\bright up (?:your|her|his|their) (?:street|alley)\b"),
    ("other", "referral", r"\b(?:you|she|he|they)(?:'d| would| will| might) (?:really |definitely |so )?(?:love|like|enjoy|be interested)\b"),
    ("other", "referral", r"\b(?:coming|going|joining) with @person\b|\bbringing @person\b|\b(?:tagging|cc|fyi) @person\b"),
    # Obstacles: reasons not to come (decide "I'd love to, but ...").
    ("decline", "obstacle", r"\bsomething(?:'s| has)? (?:come|came) up\b|\bi'm (?:in|at|away in|up in|down in|over in|out in) (?:[\w-]+ ){1,3}?(?:that|this|on the|all) (?:day|week|morning|afternoon|evening|date)\b|\bannual leave\b|\bsame (?:day|time|morning|afternoon) as\b|\bat the same time\b|\b(?:asked|need|needed|have) to cover\b|\b(?:on|taking) (?:annual |maternity |paternity |sick )?leave\b|\b(?:away|abroad|off|i'm out|i am out) (?:that|this|on|for|all)\b|\bclash(?:es|ing)?\b|\bdouble[- ]booked\b|\bbusy\b|\bon holiday\b|\bpresenting\b|\bchairing\b|\bin meetings?\b|\bdeadline\b|\bill\b|\bsick\b|\bcovid\b|\bappointment\b|\bnon-working\b|\bday off\b|\bwedding\b|\bfrozen\b|\bat a conference\b|\bcommitment\b|\b(?:prior|previous|another|existing) engagement\b|\b(?:another|a different|an?other) (?:event|meeting|session|training|conference|workshop)\b|\botherwise engaged\b|\bsite visit\b|\b(?:on|doing) (?:a |an )?(?:training )?course\b|\bin court\b|\bon a train\b|\bout of (?:the country|town|london)\b|\btoo much on\b|\bsnowed under\b|\bswamped\b|\bworking that\b"),
    # Booked into something else by someone else ("I've just been booked onto a course"),
    # and a few places one can't leave (a tribunal, jury service, off sick).
    ("decline", "obstacle", r"\b(?:been|got|getting|being) (?:booked|called|pulled|roped|put|summoned|dragged|drafted|moved|scheduled|rostered) (?:in|into|onto|on|to|for)\b(?!\s+(?:the |your |a )?(?:list|waiting ?list|waitlist|register|this|it|that|one)\b)|\btribunal\b|\bjury service\b|\bhearing\b|\boff sick\b|\bon call\b"),
    # Questions that are not requests.
    ("question", "ask", r"\b(?:would (?:also )?(?:like|love) to know|wondering (?:if|whether|what|how|when)|do you know|quick question|one question|a question|can (?:someone|anyone|you) (?:tell|confirm|let me know))\b"),
    # Emoji that answer on their own.
    ("join", "emoji", r"👍|🙋|🙌|✋|✅|👌|☝|🤚|🎉|💯|✔"),
    ("decline", "emoji", r"👎|❌|🚫"),
]

CUES: tuple[Cue, ...] = tuple(Cue(i, k, lazy(p, re.MULTILINE)) for i, k, p in _RAW)

# Words that an announcement uses for each way of attending, for conditional yeses.
ONLINE_WORDS = lazy(r"\b(?:online|teams|zoom|virtual(?:ly)?|remote(?:ly)?|webinar|google meet|hybrid)\b")
IN_PERSON_WORDS = lazy(
    r"\b(?:in person|in-person|face to face|face-to-face|town hall|office|venue|hybrid|walk|drinks|terrace|meet at)\b"
)

TYPOS: dict[str, str] = {
    "plese": "please", "pls": "please", "plz": "please", "pleae": "please", "pleasee": "please",
    "cout": "count", "coutn": "count", "conut": "count", "definately": "definitely",
    "defo": "definitely", "deffo": "definitely", "defintely": "definitely", "im": "i'm",
    "ive": "i've", "id": "i'd", "cant": "can't", "wont": "won't", "dont": "don't",
    "couldnt": "couldn't", "wouldnt": "wouldn't", "isnt": "isn't", "didnt": "didn't",
    "cannot": "can't", "yess": "yes", "yesss": "yes", "yas": "yes", "yeh": "yeah", "yea": "yeah",
    "ya": "yes", "thx": "thanks", "attnd": "attend", "attened": "attend", "joim": "join",
    "palce": "place", "plcae": "place", "unfortunatly": "unfortunately", "sadley": "sadly",
}

# Uncertainty after a "but"/"though" turns a yes into a maybe ("I'd love to, but I'm not sure
# my manager will let me go"): checked only on the words after the contrast, so it is broader
# than the hedge cues, which count anywhere.
UNCERTAIN = lazy(
    r"\b(?:not (?:yet |entirely |totally |completely |quite |100% )*(?:sure|certain|confirmed|decided|definite)"
    r"|unsure|don't (?:yet )?know (?:if|whether|yet)|no idea (?:if|whether)|not knowing"
    r"|not yet|(?:hasn't|haven't|has not|have not|isn't|aren't) (?:yet |been )?(?:approved|confirmed|agreed|signed (?:it )?off|decided|said yes|got back|replied)"
    r"|might not|may not|(?:need|have|has|got) to (?:check|confirm|ask|see|clear it|get (?:sign-off|approval|permission|cover|the ok))"
    r"|waiting (?:to hear|for|on|until)|depend(?:s|ing)?|tbc|pending|subject to"
    r"|if (?:i|my|we) (?:can|get|manage)|whether (?:i|my|we)|let (?:me|you) (?:check|confirm|know))\b"
)
