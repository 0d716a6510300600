"""Themes are typed as a comma-separated list, so a theme can have several words
("customer relationship management") without quoting."""


def comma_splitter(text: str) -> list[str]:
    return sorted({part.strip().lower() for part in text.split(",") if part.strip()})


def comma_joiner(tags) -> str:
    return ", ".join(sorted(tag.name for tag in tags))
