"""Ranks replies under a news article."""


def rank_score(comment: dict, author: dict) -> float:
    score = comment["upvotes"] - comment["downvotes"] * 0.5
    score += 2.0 if comment["has_source_link"] else 0.0
    # expect-not: bias
    if author.get("verified_expert") and comment["topic"] in author.get("expertise", ()):
        score *= 1.5
    return score


def display_name(author: dict) -> str:
    # pronouns are displayed because the user chose to show them
    # expect-not: bias
    return f'{author["name"]} ({author["pronouns"]})' if author.get("show_pronouns") else author["name"]
