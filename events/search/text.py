"""Text handling shared by every search backend, so that they agree on what a word is.

A document's text and a person's query are both *folded* (HTML stripped, accents removed, lower case) and
split into words. A query word matches a document word when it is equal, when it is a prefix of it (query
words of two or more characters, in the fields of weight A–C: "berl" finds Berlin in a name or a location,
not inside a description), or when it is within the typo budget of it: the
Damerau-Levenshtein distance that Elasticsearch's `fuzziness: AUTO` allows (none up to 2 characters, one up to
5, two beyond), with a transposition counting as one edit ("pyhton" finds Python).
"""

import html
import re
import unicodedata

TAG_RE = re.compile(r"<[^>]*>")
WORD_RE = re.compile(r"\w+", re.UNICODE)
#: query words kept (a longer query is cut: a search box, not a document)
MAX_QUERY_WORDS = 8
#: characters of a query word kept
MAX_WORD_LENGTH = 40
#: shortest query word matched as a prefix
MIN_PREFIX_LENGTH = 2


def fold(text):
    """Plain, accent-free, lower-case text: "<p>Café München</p>" -> " cafe munchen ". (Stored HTML is already
    sanitized, so dropping tags with a regular expression is enough to index its words.)"""
    if not text:
        return ""
    if "<" in text:
        text = TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")
    return text.lower()


def words(text):
    """The folded words of `text`, in order (duplicates kept)."""
    return WORD_RE.findall(fold(text).replace("_", " "))


def query_words(text):
    """The words of a query: folded, de-duplicated, at most MAX_QUERY_WORDS of at most MAX_WORD_LENGTH."""
    seen = []
    for word in words(text or ""):
        word = word[:MAX_WORD_LENGTH]
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


def allowed_edits(word):
    """Elasticsearch's `fuzziness: AUTO`: 0 edits for 1-2 characters, 1 for 3-5, 2 for longer words."""
    if len(word) <= 2:
        return 0
    if len(word) <= 5:
        return 1
    return 2


def edit_distance(a, b, limit):
    """Damerau-Levenshtein distance (optimal string alignment) of `a` and `b`, or `limit + 1` once it is
    certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def is_typo_of(query_word, word):
    """True when `word` is within the typo budget of `query_word` (and not equal to it)."""
    limit = allowed_edits(query_word)
    return limit > 0 and word != query_word and edit_distance(query_word, word, limit) <= limit
