"""Themes are typed as a comma-separated list, so a theme can have several words
("customer relationship management") without quoting. They form one vocabulary shared by
every register; ``near_duplicates`` says when a new theme would split an existing one's lists
("smart card" beside "smart cards"), for the admin form to refuse (registers.forms)."""

import difflib
import re


def comma_splitter(text: str) -> list[str]:
    return sorted({part.strip().lower() for part in text.split(",") if part.strip()})


def comma_joiner(tags) -> str:
    return ", ".join(sorted(tag.name for tag in tags))


# How alike two themes' keys must be (difflib's ratio) to count as the same theme spelt
# differently: "e-procurement" and "procurement" are (0.96), "e-learning" and "e-democracy"
# are not (0.53).
NEAR_DUPLICATE_RATIO = 0.85
# Looser, for "did you mean": an officer who typed a theme that does not exist yet.
SUGGESTION_RATIO = 0.6


def theme_key(name: str) -> str:
    """What a theme comes to once case, punctuation, spacing and plurals are set aside:
    "Smart-Cards" and "smart card" both come to "smartcard"."""
    words = re.findall(r"[^\W_]+", name.lower())
    return "".join(singular(word) for word in words)


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def near_duplicates(name: str, vocabulary) -> list[str]:
    """The existing themes in ``vocabulary`` that ``name`` would split a facet from: the same
    once case, punctuation and plurals are set aside, or a close spelling of one. Empty when
    ``name`` is itself in the vocabulary (in any case) or is new and unlike any."""
    vocabulary = list(vocabulary)
    if name.lower() in {theme.lower() for theme in vocabulary}:
        return []
    return _alike(name, vocabulary, NEAR_DUPLICATE_RATIO)


def nearest_themes(name: str, vocabulary, *, limit: int = 3) -> list[str]:
    """Existing themes to suggest for ``name``: its near-duplicates first, then looser
    matches."""
    vocabulary = list(vocabulary)
    found = near_duplicates(name, vocabulary)
    found += [theme for theme in _alike(name, vocabulary, SUGGESTION_RATIO) if theme not in found]
    return found[:limit]


def _alike(name: str, vocabulary: list[str], ratio: float) -> list[str]:
    key = theme_key(name)
    if not key:
        return []
    by_key: dict[str, list[str]] = {}
    for theme in vocabulary:
        by_key.setdefault(theme_key(theme), []).append(theme)
    same = by_key.get(key, [])
    close = difflib.get_close_matches(key, [k for k in by_key if k != key], n=5, cutoff=ratio)
    return sorted(same) + [theme for k in close for theme in sorted(by_key[k])]
