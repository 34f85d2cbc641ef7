"""Other languages, detected cheaply (no model): common words of the languages London members
write in, and a small set of their yes and no words.

About one reply in twenty is not in English. A reply with no English cue that looks foreign
is read from these words when they are clear (a yes word and no no word, or the reverse) and
flagged ``maybe_not_english`` either way, so staff can be told; anything else is unsure.
"""

from __future__ import annotations

from bot.core.lazy_re import lazy

# Yes / no words and short phrases (lower case, diacritics kept; NFKC applied before).
YES = {
    "pl": "tak chętnie chetnie przyjdę przyjde będę bede jasne oczywiście",
    "ro": "da vin sigur bucuros bucuroasă particip",
    "pt": "sim claro quero vou conta comigo participar",
    "es": "sí claro quiero voy apunto cuenta conmigo",
    "bn": "hya ha haan ashbo asbo thakbo jabo nishchoy",
    "tr": "evet tabii tabi katılmak katılırım gelirim isterim memnuniyetle",
    "fr": "oui volontiers viens serai participer avec plaisir",
    "de": "ja gerne gern dabei komme natürlich",
    "it": "sì certo vengo ci sarò sarò volentieri",
}
NO = {
    "pl": "nie niestety",
    "ro": "nu păcate pacate",
    "pt": "não nao infelizmente",
    "es": "no lamentablemente desafortunadamente",
    "bn": "na parbona parbo-na",
    "tr": "hayır hayir maalesef gelemiyorum gelemem",
    "fr": "non malheureusement",
    "de": "nein leider nicht",
    "it": "no purtroppo non",
}
MAYBE = "hoyto może moze poate talvez quizás quizas belki peut-être vielleicht forse"
# Words common in those languages and rare in English replies.
COMMON = set(
    [
        'i', 'w', 'z', 'na', 'się', 'sie', 'że', 'ze', 'jest', 'nie', 'tak', 'bardzo', 'dzięki',
        'dziękuję', 'dziekuje', 'și', 'si', 'cu', 'drag', 'mulțumesc', 'multumesc', 'este',
        'pentru', 'e', 'o', 'os', 'um', 'uma', 'obrigado', 'obrigada', 'com', 'para', 'não',
        'muito', 'el', 'la', 'los', 'las', 'con', 'por', 'gracias', 'muy', 'también', 'pero', 'ami',
        'tumi', 'amra', 'dhonnobad', 'achhi', 'dekhi', 've', 'bir', 'bu', 'çok', 'teşekkürler',
        'teşekkür', 'için', 'je', 'le', 'les', 'des', 'et', 'merci', 'très', 'pour', 'avec', 'ich',
        'und', 'der', 'die', 'das', 'danke', 'sehr', 'bin', 'für', 'mit', 'il', 'che', 'grazie',
        'molto', 'per', 'sono',
    ]
)
_FOREIGN_LETTERS = lazy(r"[ąćęłńśźżăâîșțşţãõçñáéíóúàèìòùêôûäöüßığ¿¡]")
# A letter outside the Latin alphabets (Bengali, Arabic, Cyrillic, Greek, ...).
_NON_LATIN_LETTER = lazy(r"[^\W\d_a-zA-Z\u00C0-\u024F\u1E00-\u1EFF]")
_WORD = lazy(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_ENGLISH = frozenset(
    [
        'i', 'me', 'my', 'the', 'a', 'an', 'to', 'and', 'of', 'in', 'it', 'is', 'be', 'for', 'you',
        'we', 'yes', 'no', 'not', 'please', 'thanks', 'thank', 'can', "can't", 'will', 'would',
        'love', 'like', 'come', 'join', 'sorry', 'so', 'this', 'that', 'be', 'am', 'are', 'with',
        'on',
    ]
)
_YES = {w for ws in YES.values() for w in ws.split()}
_NO = {w for ws in NO.values() for w in ws.split()}
_MAYBE = set(MAYBE.split())


def looks_foreign(low: str) -> bool:
    """The reply reads as not English: foreign letters or words, and few English words."""
    head = low[:2000]
    non_latin = len(_NON_LATIN_LETTER.findall(head))
    if non_latin and non_latin * 2 >= sum(c.isalpha() for c in head):
        return True  # mostly another script: plainly not English, whatever the words
    words = _WORD.findall(head)
    if not words:
        return False
    english = sum(w in _ENGLISH for w in words)
    foreign = sum(w in COMMON or w in _YES or w in _NO or w in _MAYBE for w in words)
    letters = bool(_FOREIGN_LETTERS.search(low[:2000]))
    return (foreign + letters * 2) > english


def read_foreign(low: str) -> tuple[str, bool, str]:
    """(intent, sure, the words read) from the built-in yes/no words of other languages."""
    words = set(_WORD.findall(low[:2000]))
    yes, no, maybe = words & _YES, words & _NO, words & _MAYBE
    if maybe:
        return "maybe", False, " ".join(sorted(maybe))
    if yes and not no and "?" not in low:
        return "join", True, " ".join(sorted(yes))
    if no and not yes:
        return "decline", True, " ".join(sorted(no))
    return "other", False, " ".join(sorted(yes | no))
