#!/usr/bin/env python3
"""Cross-validation by author of the topic classifier (voice_guide/nlu/classifier.py) on its own.

For each tuning part (one author each: tune, tune2, tune3, tune4:odd, tune5:odd), the classifier
is trained on the pack's own lines (topic samples, training.yaml, out-of-domain samples) plus the
other authors' tuning lines (as scripts/build_training_sets.py places them), and scored on the
left-out author's knowledge and out-of-domain questions. Also scored: the pack's own lines alone
(the fifth round's classifier). Feature variants: the sentence vector alone, + word features,
+ hashed character n-grams. With ``--held-out``, the variants trained on all five tuning parts
are scored on the held-out halves tune4:even and tune5:even (aggregates only).

Per cell: knowledge placed in the right section by the best topic (the out-of-domain class
ignored) / knowledge whose best class is out-of-domain / out-of-domain questions whose best class
is out-of-domain.

    python3 scripts/cv_classifier.py [--variants emb,words,chars] [--held-out]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_training_sets import HELD_OUT_PARTS, TUNING_PARTS, build  # noqa: E402
from eval_paraphrase import SECTION_ALIASES, records_of  # noqa: E402

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.lang import get_language  # noqa: E402
from voice_guide.nlu import classifier as clf  # noqa: E402
from voice_guide.nlu.embedding import load_embedder  # noqa: E402
from voice_guide.nlu.normalize import TextNormalizer  # noqa: E402

VARIANTS = {
    "emb": clf.TrainingSettings(words=False),
    "words": clf.TrainingSettings(),
    "chars": clf.TrainingSettings(char_buckets=1 << 14),
    "chars05": clf.TrainingSettings(char_buckets=1 << 14, char_weight=0.5),
}


class Lab:
    """Texts embedded and tokenized once; classifiers trained on any mix of them."""

    def __init__(self) -> None:
        self.pack = load_pack()
        language = get_language(str(self.pack.intents.get("language", "en")))
        self.normalizer = TextNormalizer(self.pack.lexicon.synonyms, self.pack.lexicon.filler, language)
        embedder = load_embedder()
        if embedder is None:
            raise SystemExit("the wordllama model is needed")
        self.embedder = embedder
        self._cache: dict[str, tuple[np.ndarray, list[str], str]] = {}
        saved = clf.TRAINING_FILES
        clf.TRAINING_FILES = (clf.TRAINING_FILE,)  # the pack's own lines only
        try:
            base = clf.training_data(self.pack)
        finally:
            clf.TRAINING_FILES = saved
        assert base is not None
        self.base = list(zip(base.texts, base.labels, strict=True))
        self.names = [t.name for t in self.pack.topics]
        self.sections = [t.section_id for t in self.pack.topics]

    def prepared(self, text: str) -> tuple[np.ndarray, list[str], str]:
        got = self._cache.get(text)
        if got is None:
            clean = self.normalizer.language.normalize(text)
            got = (self.embedder.embed_one(clean).copy(), self.normalizer.tokens(clean), clean)
            self._cache[text] = got
        return got

    def author_lines(self, part: str) -> list[tuple[str, int]]:
        topics, ood, _ = build([part])
        index = {n: i for i, n in enumerate(self.names)}
        return [(q, index[name]) for name, qs in topics.items() for q in qs] + [(q, len(self.names)) for q in ood]

    def train(self, lines: list[tuple[str, int]], settings: clf.TrainingSettings) -> clf.TopicClassifier:
        texts = [t for t, _ in lines]
        prepared = [self.prepared(t) for t in texts]
        vocabulary = sorted({f for _, tokens, _ in prepared for f in clf.word_features(tokens)}) if settings.words else []
        classes = len(self.names) + 1
        blank = clf.TopicClassifier(np.zeros((self.embedder.dim + len(vocabulary) + settings.char_buckets + 1, classes),
                                             dtype=np.float32), vocabulary, settings, self.normalizer.language.stopwords)
        vectors = np.stack([v for v, _, _ in prepared]) * settings.embedding_weight
        rows = [blank.sparse(tokens, clean) for _, tokens, clean in prepared]
        weights = clf._fit(vectors, rows, len(vocabulary) + settings.char_buckets,
                           np.asarray([label for _, label in lines]), classes, settings)
        return clf.TopicClassifier(weights, vocabulary, settings, self.normalizer.language.stopwords)

    def score(self, model: clf.TopicClassifier, part: str) -> tuple[int, int, int, int, int]:
        """(knowledge right section, knowledge called OOD, knowledge n, OOD called OOD, OOD n)."""
        right = k_ood = n_k = o_ok = n_o = 0
        n = len(self.names)
        for r in records_of(part):
            if r["kind"] not in ("knowledge", "ood"):
                continue
            vector, tokens, clean = self.prepared(r["text"])
            probs = model.probabilities(vector, tokens, clean)
            if r["kind"] == "knowledge":
                n_k += 1
                want = SECTION_ALIASES.get(r["section"], r["section"])
                right += self.sections[int(probs[:n].argmax())] == want
                k_ood += int(probs.argmax()) == n
            else:
                n_o += 1
                o_ok += int(probs.argmax()) == n
        return right, k_ood, n_k, o_ok, n_o


def _cell(s: tuple[int, int, int, int, int]) -> str:
    return f"{s[0]}/{s[2]} ({100 * s[0] / s[2]:.1f} %), K->OOD {s[1]}, OOD {s[3]}/{s[4]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default="emb,words,chars")
    parser.add_argument("--held-out", action="store_true", help="also score tune4:even and tune5:even (aggregates)")
    parser.add_argument("--no-cv", action="store_true", help="skip the leave-one-author-out folds")
    args = parser.parse_args(argv)
    lab = Lab()
    authors = {part: lab.author_lines(part) for part in TUNING_PARTS}
    for name in args.variants.split(","):
        settings = VARIANTS[name]
        t0 = time.perf_counter()
        if not args.no_cv:
            totals = np.zeros(5, dtype=int)
            own_totals = np.zeros(5, dtype=int)
            print(f"== {name}: leave one author out (trained on ours + the other authors | ours alone)")
            own = lab.train(lab.base, settings)
            for part in TUNING_PARTS:
                lines = lab.base + [line for other, ls in authors.items() if other != part for line in ls]
                got = lab.score(lab.train(lines, settings), part)
                alone = lab.score(own, part)
                totals += got
                own_totals += alone
                print(f"  {part:10s} {_cell(got)}   | {_cell(alone)}")
            print(f"  {'all':10s} {_cell(tuple(totals))}   | {_cell(tuple(own_totals))}")
        if args.held_out:
            model = lab.train(lab.base + [line for ls in authors.values() for line in ls], settings)
            for part in HELD_OUT_PARTS:
                print(f"  held out {part}: {_cell(lab.score(model, part))}")
        print(f"  ({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
