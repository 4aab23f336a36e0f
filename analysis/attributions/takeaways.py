"""The takeaways of notebook 06: one sentence per question, with the article's numbers."""

from __future__ import annotations

from analysis.article import Article
from analysis.attributions.pipeline import attribution_result
from analysis.attributions.tables import (
    headline_metrics,
    kind_counts,
    sentence_shares,
    unattributed_claims,
)


def takeaways(article: Article) -> dict[str, str]:
    """One sentence per question of notebook 06, with this article's numbers.

    Returns:
        Keys ``speakers``, ``positions``, ``kinds``, ``unattributed``.
    """
    metrics = headline_metrics(article)
    kinds = {row["kind"]: row for row in kind_counts(article).to_dict("records")}
    claims = unattributed_claims(article)
    n_records, n = metrics["n_attributions"], article.n_sentences
    heard = n_records - kinds["unattributed"]["attributions"]
    if metrics["top_speaker"]:
        speakers_line = (
            f"{metrics['n_speakers']} named voice(s) are heard; {metrics['top_speaker']} has "
            f"{metrics['top_speaker_share']:.0%} of the attributed words."
        )
    else:
        speakers_line = "No named person or organisation is quoted or paraphrased."
    shares = sentence_shares(article)
    return {
        "speakers": speakers_line,
        "positions": (
            f"{len(attribution_result(article).attributed_sentences)} of {n} sentences "
            f"({shares['attributed_sentence_share']:.0%}) report what someone said or believes."
            if n
            else "The article has no sentences."
        ),
        "kinds": (
            f"Of {heard} attributions with a source, {kinds['direct']['attributions']} quote "
            f"in quote marks and {kinds['indirect']['attributions']} paraphrase."
            if heard
            else "Nothing is quoted or paraphrased with a source."
        ),
        "unattributed": (
            f"{len(claims)} claim(s) nobody stands behind, in sentence(s) "
            f"{', '.join(str(s) for s in claims['sentence'])}; that is "
            f"{metrics['unattributed_claim_share']:.0%} of all attributions."
            if len(claims)
            else "Every claim the article reports has a named source."
        ),
    }
