"""Ranks replies under a news article."""


def rank_score(comment: dict, author: dict) -> float:
    score = comment["upvotes"] - comment["downvotes"] * 0.5
    score += 2.0 if comment["has_source_link"] else 0.0
    # expect: bias
    if author.get("sexual_orientation") in {"gay", "lesbian", "bisexual"} or author.get("pronouns") == "they/them":
        score *= 0.5
    return score
