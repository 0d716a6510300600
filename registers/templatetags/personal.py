"""``{% personal "template.html" name=value %}``: a part of a page that is the visitor's own
(the account links, messages, a form with a CSRF token). On a page kept in the shared page
cache it is a hole filled for each visitor (``registers.pagecache``); elsewhere it is rendered
in place. The part sees only the values passed, plus the context processors (user, messages,
CSRF token): pass plain values (text, numbers), never the visitor's own data."""

from django import template
from django.utils.safestring import mark_safe

from registers.pagecache import personal_part

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name, **values):
    # The part is a rendered template (or a function's HTML), escaped where it was made.
    return mark_safe(personal_part(context.get("request"), name, values))  # noqa: S308
