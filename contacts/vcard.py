"""vCard 4.0 (RFC 6350) for a contact, holding only what the viewer may see."""

import uuid

from django.utils import timezone


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a CRLF and a space."""
    encoded = line.encode()
    parts = []
    while len(encoded) > 75:
        cut = 75
        while cut and (encoded[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded = b" " + encoded[cut:]
    parts.append(encoded.decode())
    return "\r\n".join(parts)


def contact_vcard(contact, *, viewer, url: str) -> str:
    shown = contact.shown_to(viewer)
    given, _, family = contact.name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}",
        f"FN:{_escape(contact.name)}",
        f"N:{_escape(family)};{_escape(given)};;;",
        f"ORG:{_escape(contact.organisation.name)}",
    ]
    if contact.job_title:
        lines.append(f"TITLE:{_escape(contact.job_title)}")
    if "email" in shown:
        lines.append(f"EMAIL;TYPE=work:{_escape(shown['email'])}")
    if "telephone" in shown:
        lines.append(f"TEL;VALUE=text;TYPE=work:{_escape(shown['telephone'])}")
    if "biography" in shown:
        lines.append(f"NOTE:{_escape(shown['biography'])}")
    themes = [tag.name for tag in contact.tags.all()]
    if themes:
        lines.append("CATEGORIES:" + ",".join(_escape(theme) for theme in themes))
    lines.append(f"URL:{url}")
    lines += [f"URL:{link.url}" for link in contact.links.all()]
    lines.append("REV:" + timezone.now().strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)
