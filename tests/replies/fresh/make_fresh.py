"""Write the fresh held-out batches (corpus format) from compact, hand-written cases.

Written and labelled by the corpus policy BEFORE the new reader was run on them; kept as the
source of the .jsonl files so a label can be reviewed next to its reply. Run:
    python tests/replies/fresh/make_fresh.py
"""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

HERE = Path(__file__).parent
ANN = {
    "L": "Lunch & learn: Negotiating pay — Thu 16 May, 1–2pm, online on Teams",
    "S": "Summer social — Thu 11 July, 5:30pm, roof terrace at LOTI, Tooley Street",
    "U": "UPFRONT confidence course — spring cohort, six sessions from 4 March",
    "D": "Unconference day — Fri 21 June, 9:30am–4pm, City Hall",
}
MENTORING = "Mentoring round: reply if you'd like a mentor, would like to mentor, or both"
MENTION = ('<bc-attachment sgid="SGID-{n}" content-type="application/vnd.basecamp.mention">'
           '<figure><img src="x.png"><figcaption>{name}</figcaption></figure></bc-attachment>')


def to_html(text: str) -> str:
    """'> ' lines become a blockquote, '@First Last' at the start a mention, lines divs."""
    quote = [ln[2:] for ln in text.split("\n") if ln.startswith("> ")]
    own = [ln for ln in text.split("\n") if not ln.startswith("> ")]
    out = ""
    if quote:
        out += "<blockquote>" + "<br>".join(htmllib.escape(q) for q in quote) + "</blockquote>"
    for line in own:
        body = htmllib.escape(line)
        m = re.match(r"@([A-Z]\w+ [A-Z]\w+)", line)
        if m:
            body = MENTION.format(n=len(m.group(1)), name=m.group(1)) + htmllib.escape(
                line[m.end():])
        out += f"<div>{body}</div>" if line else "<div><br></div>"
    return out


def event(i: int, batch: int, ann: str, replies: list[str], signed: bool, intent: str,
          why: str) -> dict:
    return {"id": f"fr{batch}-ev-{i:03d}", "thread": "event", "announcement": ANN[ann],
            "replies": [{"html": to_html(r), "edited_to": None} for r in replies],
            "mentions": [m for r in replies for m in re.findall(r"^@([A-Z]\w+ [A-Z]\w+)", r)],
            "expect": {"signed_up": signed, "intent": intent}, "why": why}


def mentoring(i: int, batch: int, replies: list[str], role: str, topics: list[str],
              why: str) -> dict:
    return {"id": f"fr{batch}-me-{i:03d}", "thread": "mentoring", "announcement": MENTORING,
            "replies": [{"html": to_html(r), "edited_to": None} for r in replies],
            "mentions": [m for r in replies for m in re.findall(r"^@([A-Z]\w+ [A-Z]\w+)", r)],
            "expect": {"role": role, "topics": topics}, "why": why}


Y, N = True, False
EVENTS_1 = [
    ("L", ["Nothing would keep me away from this one!"], Y, "join", "no-cue idiom"),
    ("S", ["Save me a seat please 🙏"], Y, "join", "no-cue paraphrase"),
    ("S", ["Wild horses couldn't drag me away"], Y, "join", "idiom with a negation"),
    ("D", ["I'd be daft to miss it — in!"], Y, "join", "idiom"),
    ("L", ["Count me in", "Backing out I'm afraid, something's come up"], N, "withdraw",
     "word ending"),
    ("U", ["Sign me up!"], Y, "join", "plain"),
    ("S", ["Deffo coming"], Y, "join", "slang"),
    ("S", ["Da, vin cu drag!"], Y, "join", "Romanian"),
    ("L", ["Tak, chętnie przyjdę"], Y, "join", "Polish"),
    ("D", ["Sim, quero participar!"], Y, "join", "Portuguese"),
    ("S", ["Lamentablemente no puedo ir"], N, "decline", "Spanish"),
    ("L", ["Nie dam rady, przepraszam"], N, "decline", "Polish"),
    ("D", ["Evet, katılmak isterim"], Y, "join", "Turkish"),
    ("S", ["Ami ashbo, thanks!"], Y, "join", "Bengali romanised"),
    ("L", ["I can't say I'm not tempted... go on, yes please"], Y, "join", "double negation"),
    ("S", ["It's not that I don't want to come, I just can't that day"], N, "decline",
     "negation scope"),
    ("L", ["I won't be saying yes to this one, sorry"], N, "decline", "yes inside a negation"),
    ("D", ["I don't see why not — count me in"], Y, "join", "negation in a positive idiom"),
    ("S", ["I'm not not coming 😂 see you there"], Y, "join", "double negation"),
    ("L", ["Never say no to lunch and learning! In."], Y, "join", "negated no"),
    ("L", ["Is the recording only for people who sign up?"], N, "question",
     "question containing a join cue"),
    ("U", ["Do I need to register separately for each session?"], N, "question",
     "question containing a join cue"),
    ("L", ["Could you put me down for a place?"], Y, "join", "request as a question"),
    ("S", ["Will there be a +1 option for guests?"], N, "question", "+1 inside a question"),
    ("D", ["Is it 'count me in' here or do I need to fill in a form?"], N, "question",
     "join cue quoted in a question"),
    ("L", ["Yes, probably, depends on my 2pm"], N, "maybe", "hedge after a yes"),
    ("D", ["Probably yes but I'll confirm next week"], N, "maybe", "hedge before a yes"),
    ("S", ["Yes! Though it might depend on childcare"], N, "maybe", "hedge after a yes"),
    ("U", ["Tentatively yes"], N, "maybe", "tentative yes"),
    ("L", ["I think I can make it but not 100% yet"], N, "maybe", "hedge"),
    ("S", ["Yes please - if I can get cover that afternoon"], N, "maybe",
     "conditional on own diary"),
    ("L", ["Count me in!", "Un-sign me please, sorry - clash"], N, "withdraw",
     "needs history"),
    ("D", ["Yes please", "Withdrawing, apologies"], N, "withdraw", "needs history"),
    ("S", ["I'm in", "Actually can't now, sorry all"], N, "withdraw", "needs history"),
    ("L", ["Can't make this one",
           "Oh wait, my meeting moved - I can come after all!"], Y, "join", "re-join"),
    ("S", ["yes please", "Thanks for organising!"], Y, "other", "thanks after a join"),
    ("L", ["Sign me up", "What's the dial-in?"], Y, "question", "question after a join"),
    ("S", ["> Count me in please!\nSame!"], Y, "join", "same under a quoted yes"),
    ("L", ["> I can't make it, sadly\nSame here 😔"], N, "decline",
     "same under a quoted no"),
    ("D", ["> Ooh yes please, put me down\n+1"], Y, "join", "+1 under a quoted yes"),
    ("L", ["@Sam Ade yes it's on Teams"], N, "other", "reply to another member"),
    ("S", ["Thanks so much for organising these, they're brilliant"], N, "other", "thanks"),
    ("L", ["Automatic reply: I am out of the office until Monday 20 May with limited access "
           "to email."], N, "other", "out of office"),
    ("U", ["Loved the one in spring!"], N, "other", "about the past"),
    ("D", ["My colleague Jess would love this — @Jess Okafor have a look"], N, "other",
     "referral"),
    ("L", ["Please add me, thanks!\nKind regards\nPriya Shah\nHead of Digital | LB Hackney"],
     Y, "join", "signature"),
    ("S", ["Yes please 🙋‍♀️"], Y, "join", "plain"),
    ("S", ["👍"], Y, "join", "emoji"),
    ("L", ["Sadly not this time - on leave"], N, "decline", "plain no"),
    ("D", ["I'd love to but it clashes with our board"], N, "decline", "wish then but"),
    ("U", ["Not for me thanks"], N, "decline", "plain no"),
    ("S", ["Sounds great, I'll be there"], Y, "join", "plain"),
    ("L", ["Can't wait! See you on the 16th"], Y, "join", "positive can't"),
    ("S", ["Count me innnnn"], Y, "join", "stretched letters"),
    ("L", ["yes plaese"], Y, "join", "typo"),
    ("S", ["Ooh I'd be up for this"], Y, "join", "paraphrase"),
    ("D", ["Pencil me in as a maybe"], N, "maybe", "maybe phrase with a join cue"),
    ("U", ["Keen! Though not sure I can get away from work yet"], N, "maybe",
     "hedge after keen"),
    ("D", ["Yes - no wait, I'm on a course that day. Sorry!"], N, "decline",
     "self-correction"),
    ("L", ["Absolutely, I'm in. Is lunch provided?"], Y, "join", "join with side question"),
]
EVENTS_2 = [
    ("S", ["You had me at 'free'. Booking myself in!"], Y, "join", "no-cue paraphrase"),
    ("L", ["Couldn't keep me away"], Y, "join", "idiom with a negation"),
    ("S", ["Reserve me a spot 🙏"], Y, "join", "paraphrase"),
    ("D", ["I'll take one!"], Y, "join", "plain"),
    ("U", ["Put my name down"], Y, "join", "plain"),
    ("S", ["Would be rude not to 😄"], Y, "join", "double negation idiom"),
    ("D", ["It would be silly not to. Yes."], Y, "join", "double negation idiom"),
    ("L", ["No way I'm missing this"], Y, "join", "negated miss"),
    ("S", ["Hell yes"], Y, "join", "slang"),
    ("S", ["I'm so there"], Y, "join", "plain"),
    ("D", ["Ja, gerne! Bin dabei."], Y, "join", "German"),
    ("S", ["Oui, avec plaisir"], Y, "join", "French"),
    ("S", ["Sì, ci sarò"], Y, "join", "Italian"),
    ("L", ["Nu pot veni, din păcate"], N, "decline", "Romanian"),
    ("D", ["Hayır, maalesef gelemiyorum"], N, "decline", "Turkish"),
    ("S", ["Não posso, desculpa"], N, "decline", "Portuguese"),
    ("L", ["Hoyto ashbo, dekhi"], N, "maybe", "Bengali romanised"),
    ("D", ["No, I don't think so, not this time"], N, "decline", "plain no"),
    ("S", ["I don't not want to go, I just can't be there"], N, "decline",
     "double negation then a no"),
    ("L", ["There's no reason I can't come, so yes"], Y, "join", "negated obstacle"),
    ("S", ["Not sure yet, but I'd love to"], N, "maybe", "hedge before a yes"),
    ("D", ["Yes!! Well, maybe. Depends on the trains"], N, "maybe", "hedge after a yes"),
    ("L", ["Count me in, probably"], N, "maybe", "hedge after a yes"),
    ("U", ["Most likely yes, will confirm"], N, "maybe", "hedge before a yes"),
    ("S", ["Hoping so!"], N, "maybe", "hedge"),
    ("D", ["Will try my best to be there"], N, "maybe", "hedge"),
    ("D", ["Is this open to people outside London councils?"], N, "question", "question"),
    ("U", ["Do I reply here to join or is there a form?"], N, "question",
     "question containing a join cue"),
    ("L", ["What time does it finish?"], N, "question", "question"),
    ("S", ["Can I bring a guest?"], N, "question", "question about a guest"),
    ("L", ["Could I grab a place?"], Y, "join", "request as a question"),
    ("D", ["Any room for one more?"], Y, "join", "request as a question"),
    ("L", ["Yes please!", "Sorry, need to drop out - work crisis"], N, "withdraw",
     "needs history"),
    ("S", ["Count me in", "Take me off the list please, sorry"], N, "withdraw",
     "needs history"),
    ("D", ["I'm in", "Bowing out, apologies"], N, "withdraw", "needs history"),
    ("L", ["Count me in", "Un-book me please 🙏"], N, "withdraw", "needs history"),
    ("S", ["I'll be there", "Still coming, just running late!"], Y, "join", "re-confirm"),
    ("D", ["Sorry can't make it",
           "Rejigged my diary - I can come now if there's space"], Y, "join", "re-join"),
    ("L", ["Yes please", "Is there parking?"], Y, "question", "question after a join"),
    ("S", ["Yes please",
           "Gah, something's come up, I'll have to give my place up"], N, "withdraw",
     "needs history"),
    ("L", ["> Would love a place!\nMe too"], Y, "join", "me too under a quoted yes"),
    ("S", ["> Can't make it, on leave\nsame 🙁"], N, "decline", "same under a quoted no"),
    ("D", ["> Reply here if you'd like a place\nI would!"], Y, "join",
     "short yes under the quoted invitation"),
    ("L", ["@Leila Ahmed congrats on the promotion!!"], N, "other", "reply to another member"),
    ("L", ["@Leila Ahmed it's in the invite, 1pm"], N, "other", "reply to another member"),
    ("D", ["Thanks for sharing, what a great line-up"], N, "other", "thanks"),
    ("S", ["Out of office: I'm on annual leave returning on 3 June."], N, "other",
     "out of office"),
    ("U", ["My manager suggested I come - yes please!"], Y, "join", "yes after a third party"),
    ("U", ["Great course last year, really recommend it to everyone"], N, "other",
     "testimonial"),
    ("D", ["@Tom Reid you should go to this"], N, "other", "referral"),
    ("D", ["I'd love to. Sadly I'm in Leeds that day"], N, "decline", "wish then obstacle"),
    ("L", ["Yes, I'd like to attend."], Y, "join", "plain"),
    ("S", ["Please sign me up. Thanks\nAmira\nSent from my iPhone"], Y, "join", "signature"),
    ("S", ["Yep 👍"], Y, "join", "plain"),
    ("L", ["✅"], Y, "join", "emoji"),
    ("D", ["Nope, sorry"], N, "decline", "plain no"),
    ("L", ["Unfortunately won't be able to make this one"], N, "decline", "plain no"),
    ("L", ["Really keen but can't do Thursdays"], N, "decline", "keen then no"),
    ("S", ["yesss pleeeease"], Y, "join", "stretched letters"),
    ("D", ["In for this one, thank you!"], Y, "join", "short yes"),
]
MENTORING_1 = [
    (["I'd love a mentor, ideally someone who knows stakeholder management"], "mentee",
     ["stakeholder management"], "plain"),
    (["Happy to mentor on agile delivery and product management"], "mentor",
     ["agile delivery", "product management"], "plain"),
    (["Both please! I can offer user research and I'd like help with public speaking"],
     "both", ["user research", "public speaking"], "both"),
    (["Could someone mentor me on negotiation?"], "mentee", ["negotiation"],
     "request as a question"),
    (["Do mentors need to be in the same borough?"], "none", [], "question"),
    (["Thanks for setting this up!"], "none", [], "thanks"),
    (["@Jo Bright would make a great mentor for cyber security"], "none", [], "nomination"),
    (["I was a mentee last year and it was brilliant"], "none", [], "past"),
    (["Count me in as a mentee - coming back from maternity leave and need to rebuild "
      "confidence"], "mentee", ["returning from leave"], "paraphrase"),
    (["I can mentor - GDPR is my bread and butter"], "mentor", ["data protection"],
     "paraphrase"),
    (["Happy to mentor on cloud", "Sorry, need to withdraw - new job"], "none", [],
     "withdrawal"),
    (["I'd like a mentor for budgeting",
      "Actually, make that both - happy to mentor on procurement too"], "both",
     ["budgeting", "procurement"], "change of mind"),
    (["Chętnie zostanę mentorką"], "mentor", [], "Polish"),
    (["Looking for a sounding board on managing my first direct report"], "mentee",
     ["line management"], "paraphrase"),
    (["I'm no expert in AI but happy to mentor on service design"], "mentor",
     ["service design"], "negated topic"),
    (["Not looking for a mentor this time, but I could mentor on accessibility"], "mentor",
     ["accessibility"], "negation scope"),
    (["Mentee please - data analytics"], "mentee", ["data analytics"], "plain"),
    (["Automatic reply: I'm out of the office until 12 May"], "none", [], "out of office"),
    (["I'd love to mentor but honestly don't have the capacity this year"], "none", [],
     "wish then no"),
    (["Either way works for me - leadership is my area"], "both", ["leadership"], "either"),
    (["Keen to be paired with someone senior on data strategy"], "mentee", ["data strategy"],
     "paraphrase"),
    (["Could give back as a mentor - I've done lots of procurement"], "mentor",
     ["procurement"], "paraphrase"),
    (["Does mentoring count towards CPD?"], "none", [], "question"),
    (["I can take two mentees on line management"], "mentor", ["line management"],
     "capacity"),
    (["Would love some guidance on Azure migration"], "mentee", ["cloud"], "paraphrase"),
    (["Ich möchte gern eine Mentorin"], "mentee", [], "German"),
    (["Mentor please",
      "Sorry I meant I'd like TO mentor, not be mentored! Topic: digital inclusion"],
     "mentor", ["digital inclusion"], "correction"),
    (["> I'd like a mentor for public speaking\nSame"], "mentee", ["public speaking"],
     "same under a quote"),
    (["Sounds great, I'll think about it"], "none", [], "no decision"),
    (["I'm happy to help anyone with cyber security questions"], "mentor",
     ["cyber security"], "paraphrase"),
]
MENTORING_2 = [
    (["Would really value a mentor - stepping into my first head of service role, leadership"],
     "mentee", ["leadership"], "paraphrase"),
    (["I'd be glad to mentor someone on user research"], "mentor", ["user research"], "plain"),
    (["Mentor and mentee please: offering budgeting, wanting stakeholder management"], "both",
     ["budgeting", "stakeholder management"], "both"),
    (["Can I be a mentor for accessibility?"], "mentor", ["accessibility"],
     "request as a question"),
    (["Is there a time commitment for mentors?"], "none", [], "question"),
    (["Love this initiative 💜"], "none", [], "thanks"),
    (["I mentored in the spring round"], "none", [], "past"),
    (["Put me down as a mentee please. Interested in data engineering"], "mentee",
     ["data engineering"], "plain"),
    (["I'll mentor! Cyber and cloud"], "mentor", ["cyber security", "cloud"], "short topics"),
    (["Both please", "Sorry, I have to pull out - too much on"], "none", [], "withdrawal"),
    (["I'd like to mentor", "Topics: negotiation and public speaking"], "mentor",
     ["negotiation", "public speaking"], "topics later"),
    (["Sí, me gustaría tener una mentora"], "mentee", [], "Spanish"),
    (["I don't need a mentor, but I'd happily mentor on agile delivery"], "mentor",
     ["agile delivery"], "negation scope"),
    (["Not sure yet whether I want a mentor, can I let you know?"], "none", [], "undecided"),
    (["Mentee - service design and user research please"], "mentee",
     ["service design", "user research"], "plain"),
    (["I could use some support returning from a career break"], "mentee",
     ["returning from leave"], "paraphrase"),
    (["Out of office until Monday"], "none", [], "out of office"),
    (["Happy to be a mentor, not a mentee. Topics: procurement"], "mentor", ["procurement"],
     "negated role"),
    (["No thanks, not this round"], "none", [], "decline"),
    (["Would anyone mentor me on data protection?"], "mentee", ["data protection"],
     "request as a question"),
    (["I can offer mentoring on digital inclusion"], "mentor", ["digital inclusion"], "plain"),
    (["Hoping for a mentor who can help with negotiation and budgeting"], "mentee",
     ["negotiation", "budgeting"], "plain"),
    (["@Ama Boateng you'd be brilliant at this!"], "none", [], "nomination"),
    (["I'd like to mentor, perhaps two people, on product management"], "mentor",
     ["product management"], "capacity"),
    (["Mentee please",
      "Actually change that to mentor, I've had a rethink. Line management."], "mentor",
     ["line management"], "change of mind"),
    (["I want to learn more about AI, could someone help?"], "mentee", ["ai"], "paraphrase"),
    (["Both! Can mentor on data engineering, want to learn leadership"], "both",
     ["data engineering", "leadership"], "both"),
    (["Great idea, will share with my team"], "none", [], "chit-chat"),
    (["Mentoring please - public speaking"], "mentee", ["public speaking"], "short"),
    (["Da, aș vrea un mentor"], "mentee", [], "Romanian"),
]


def main() -> None:
    for batch, (events, ments) in enumerate(((EVENTS_1, MENTORING_1),
                                             (EVENTS_2, MENTORING_2)), start=1):
        rows = [event(i, batch, *e) for i, e in enumerate(events, 1)]
        rows += [mentoring(i, batch, *m) for i, m in enumerate(ments, 1)]
        path = HERE / f"fresh-{batch}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                        encoding="utf-8")
        print(path, len(events), "event,", len(ments), "mentoring")


if __name__ == "__main__":
    main()
