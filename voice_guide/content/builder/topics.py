"""Topics: sample questions for each section, made from its own words, and its key words.

Samples are lower-case words only, so they serve as the recognizer's domain vocabulary as
they are. Phrases are ranked by how often they occur in the section, how rare they are in
the other sections and how rare they are in English (``wordfreq``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Any

from voice_guide.content.builder import doc as _limits
from voice_guide.content.builder.doc import BYLINE_LINE, WORD
from voice_guide.content.builder.structure import QUESTION_WORDS

_STOPWORDS = frozenset(
    """a an the is are was were be been being am do does did done doing have has had having i you he she it we
    they them him her me us this that these those what which who whom whose when where why how can could
    would should will shall may might must of to in on at by for with from about as into through during
    before after above below up down out off over under again then once here there all both each few more
    most other some such no nor not only own same so than too very just also any many much often even
    well get gets got make makes made use used using one two three four five six seven eight nine ten
    first second new like way ways if or and but because until while your my our their its his hers
    theirs yours mine ours it's don't can't isn't aren't doesn't won't let lets may maybe every
    something someone anything everything thing things lot lots around across along keep keeps need needs
    want wants try tries help helps good better best take takes give gives put puts say says said
    sure still yet already always never sometimes usually often able less least enough whether onto into
    whenever wherever however soon rather within without toward towards upon among also guide article
    share shares harder easier quicker faster slower safer next""".split()
)
_GENERIC_HEADINGS = frozenset({"introduction", "overview", "summary", "background", "in brief", "at a glance", "the basics", "key points"})
"""Headings that say nothing about the subject: their samples are made from the article's title."""
_LY_NOUNS = frozenset("family daily elderly supply reply belly assembly jelly lily italy july ally rally".split())
_VERB_BASES = """add allow appear ask become begin build call cause change choose come consider contain continue
    create cut decide describe develop do drop explain feel find follow get give go grow happen help hold include
    increase involve keep know lead learn leave let live look lose make mean meet move need notice occur offer open
    pay place plan play provide put reach read reduce remain remember require result run say see seem send set show
    speak spend stand start stay stop suggest take talk tell tend think try turn understand use want watch work
    write wear bring carry check avoid prevent protect improve support install remove store clean fix replace
    ensure allow happen belong hurt""".split()
_IRREGULAR_VERBS = """builds built made took taken gave given went gone got gotten felt found kept knew known led left
    lost meant met paid ran said saw seen sent shown spoke spent stood told thought understood wore worn brought
    came began begun became grew grown held does doing done""".split()
_GENERIC_ADJECTIVES = """important common easy hard simple small large big little high low great possible likely certain
    different general whole real right wrong sure ready free full long short early late young main major key
    special best better worse worst good bad""".split()


def _verb_forms(base: str) -> set[str]:
    forms = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        forms |= {base[:-1] + "ing", base + "d"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if re.fullmatch(r".*[^aeiou][aeiou][bdgmnprt]", base):
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


_NOT_TOPICAL = frozenset().union(*(_verb_forms(b) for b in _VERB_BASES)) | frozenset(_IRREGULAR_VERBS) | frozenset(_GENERIC_ADJECTIVES)
_IMPERATIVES = frozenset(
    """keep make use check get take wear light remove add install stay drink eat know talk ask plan prevent
    avoid choose learn watch move stand sit call tell find build clear put turn look have fix set store
    clean limit review protect reduce improve start stop give try let mind follow see""".split()
)


def make_topics(article: dict[str, Any]) -> dict[str, Any]:
    """The ``topics.yaml`` mapping: a topic per section and FAQ entry, then the sources and the author."""
    entries: list[tuple[dict[str, Any], str, str, str]] = []  # (entry, id, heading, text)
    for s in article["sections"]:
        entries.append((s, s["id"], s["title"], blocks_text(s["blocks"])))
    for f in article.get("faq") or []:
        entries.append((f, f["id"], f["question"], blocks_text(f["blocks"])))
    df: Counter[str] = Counter()
    words_of: dict[str, list[list[str]]] = {}
    for _, sid, heading, text in entries:
        runs = _content_runs(text if sample_words(heading) in _GENERIC_HEADINGS else heading + ". " + text)
        words_of[sid] = runs
        df.update({w for run in runs for w in run})
    n = max(1, len(entries))
    taken: set[str] = set()
    topics: list[dict[str, Any]] = []
    for entry, sid, heading, _text in entries:
        phrases = _key_phrases(words_of[sid], df, n, heading, limit=4)
        samples = _samples(entry, heading, phrases, article["title"], taken)
        taken.update(samples)
        keywords = " ".join(dict.fromkeys([w for p in phrases for w in p.split()] + _key_words(words_of[sid], df, n)))
        topic: dict[str, Any] = {"name": f"ask_{sid}", "section": sid}
        if keywords:
            topic["keywords"] = keywords
        topic["samples"] = samples
        topics.append(topic)
    if article.get("sources"):
        topics.append({
            "name": "ask_sources",
            "section": "sources",
            "samples": ["where does this information come from", "what sources does the article use",
                        "which references are cited"],
        })
    if article.get("byline"):
        topics.append({
            "name": "ask_author",
            "section": "about",
            "keywords": sample_words(BYLINE_LINE.sub("", article["byline"] + " ").strip() or article["byline"]),
            "samples": ["who wrote this article", "who is the author", "where is this article from"],
        })
    return {"topics": topics}


def _samples(entry: dict[str, Any], heading: str, phrases: list[str], title: str, taken: set[str]) -> list[str]:
    """Sample questions for one section or FAQ entry, none already ``taken`` by another."""
    clean_heading = sample_words(heading)
    samples = _heading_samples(clean_heading, heading, is_faq="question" in entry, title=title)
    for i, phrase in enumerate(phrases):
        samples.append(f"tell me about {phrase}")
        if i == 0:
            samples.append(f"what does it say about {phrase}")
    for head in _item_heads(entry["blocks"])[:4]:
        samples.append(f"tell me about {head}")
    unique: list[str] = []
    for sample in samples:
        sample = " ".join(sample.split())
        if sample and sample not in taken and sample not in unique:
            unique.append(sample)
        if len(unique) >= _limits.MAX_SAMPLES_PER_SECTION:
            break
    filler = [f"read the part about {clean_heading}", f"what can you tell me about {clean_heading}",
              f"i have a question about {clean_heading}", f"what does the article say about {clean_heading}"]
    for sample in filler:
        if len(unique) >= _limits.MIN_SAMPLES_PER_SECTION:
            break
        sample = " ".join(sample.split())
        if sample not in unique:
            unique.append(sample)
    return unique


def _heading_samples(clean_heading: str, heading: str, is_faq: bool, title: str) -> list[str]:
    """Questions made from the heading's own words, by the kind of heading it is."""
    first = clean_heading.split()[0] if clean_heading else ""
    if not is_faq and clean_heading in _GENERIC_HEADINGS:
        subject = sample_words(title)
        return [f"what is {subject} about", f"tell me about {subject}", f"give me an overview of {subject}"]
    if is_faq or _is_question(heading):
        return [clean_heading]
    if first in _IMPERATIVES:
        return [f"how do i {clean_heading}", f"how can i {clean_heading}", f"tell me how to {clean_heading}"]
    if first in ("if", "when", "after", "before", "while"):
        mine = _first_person(clean_heading)
        return [f"what should i do {mine}", f"what to do {clean_heading}", f"tell me what to do {mine}"]
    if " and " in f" {clean_heading} " or clean_heading.endswith("s"):
        return [f"tell me about {clean_heading}", f"what about {clean_heading}", f"what should i know about {clean_heading}"]
    return [f"what is {clean_heading}", f"tell me about {clean_heading}", f"what should i know about {clean_heading}"]


def blocks_text(blocks: list[Any]) -> str:
    """A section's blocks as one text (list items end with a full stop)."""
    parts = []
    for b in blocks:
        if isinstance(b, str):
            parts.append(b)
        else:
            parts.append(str(b.get("intro") or ""))
            parts.extend(f"{i}." for i in b.get("items") or [])
    return " ".join(parts)


def _content_runs(text: str) -> list[list[str]]:
    """Runs of consecutive content words (no stopwords, no punctuation in between)."""
    runs: list[list[str]] = []
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower().replace("’", "'"))  # "non-slip" -> "non slip"
    for piece in re.split(r"[.,;:!?()\[\]\"“”‘/\u2013\u2014]+|\s-\s", text):
        run: list[str] = []
        for token in piece.split():
            word = WORD.fullmatch(token.strip("'"))
            bare = token.strip("'")
            if word and bare not in _STOPWORDS and bare not in _NOT_TOPICAL and len(bare) > 2 and not (
                bare.endswith("ly") and bare not in _LY_NOUNS
            ):
                run.append(token.strip("'"))
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs


def _key_phrases(runs: list[list[str]], df: Counter[str], n: int, heading: str, limit: int = 3) -> list[str]:
    """The section's most telling phrases of one to three words: frequent here, rare elsewhere, rare in English."""
    counts: Counter[str] = Counter()
    for run in runs:
        for size in (1, 2, 3):
            for i in range(len(run) - size + 1):
                counts[" ".join(run[i : i + size])] += 1
    heading_words = set(sample_words(heading).split())

    def score(phrase: str) -> float:
        words = phrase.split()
        idf = sum(math.log((n + 1) / (df[w] + 0.5)) + 0.2 for w in words) / len(words)
        rarity = sum(_rarity(w) for w in words) / len(words)
        bonus = {1: 1.0, 2: 1.6, 3: 1.3}[len(words)]
        novelty = 0.5 if set(words) <= heading_words else 1.0
        return counts[phrase] ** 0.7 * idf * rarity * bonus * novelty

    chosen: list[str] = []
    for phrase in sorted(counts, key=lambda p: (-score(p), p)):
        if any(set(phrase.split()) & set(c.split()) for c in chosen):
            continue
        if " " not in phrase and counts[phrase] < 2 and _rarity(phrase) < 0.8:
            continue  # one everyday word, said once, is not what a section is about
        chosen.append(phrase)
        if len(chosen) >= limit:
            break
    return chosen


def _key_words(runs: list[list[str]], df: Counter[str], n: int, limit: int = 10) -> list[str]:
    """The section's most telling single words (for ``keywords``: they steer which sentences are read)."""
    counts = Counter(w for run in runs for w in run)

    def score(word: str) -> float:
        return counts[word] ** 0.7 * (math.log((n + 1) / (df[word] + 0.5)) + 0.2) * _rarity(word)

    ranked = [w for w in sorted(counts, key=lambda w: (-score(w), w)) if counts[w] >= 2 or _rarity(w) >= 0.6]
    return ranked[:limit]


def _item_heads(blocks: list[Any]) -> list[str]:
    """The first content words of each list item ("Grab bars next to the toilet" -> "grab bars")."""
    heads: list[str] = []
    for block in blocks:
        if isinstance(block, dict):
            for item in block.get("items") or []:
                runs = _content_runs(str(item))
                if runs:
                    heads.append(" ".join(runs[0][:3]))
    return list(dict.fromkeys(heads))


def _rarity(word: str) -> float:
    try:
        from wordfreq import zipf_frequency

        zipf = zipf_frequency(word, "en")
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        zipf = 4.0
    return min(1.6, max(0.4, (7.5 - zipf) / 3.0))


def sample_words(text: str) -> str:
    """Lower-case words only, as a recognizer would hear them ("Why Falls Happen?" -> "why falls happen")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"&", " and ", text)
    return " ".join(WORD.findall(text))


def _first_person(words: str) -> str:
    """"if you fall" -> "if i fall": a listener asks about themselves."""
    swap = {"you": "i", "your": "my", "yours": "mine", "yourself": "myself"}
    return " ".join(swap.get(w, w) for w in words.split())


def _is_question(text: str) -> bool:
    first = text.strip().split()[0].lower() if text.strip() else ""
    return text.strip().endswith("?") or first in QUESTION_WORDS

