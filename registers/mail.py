"""Mail that a reader can stop with one click (RFC 8058): forum notifications, saved-search
alerts. The link is signed; mail clients POST to it, a person GETs it and confirms."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def one_click_message(user, unsubscribe_url, subject, template, context) -> EmailMessage:
    body = render_to_string(
        template,
        {
            **context,
            "user": user,
            "unsubscribe_url": unsubscribe_url,
            "site_url": settings.SITE_URL,
        },
    )
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
