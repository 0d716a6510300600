import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from registers.structured_data import json_ld as build

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the script element.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(entry):
    """The entry's schema.org description, as a JSON-LD script element."""
    return json_ld_data(build(entry))


@register.simple_tag
def json_ld_data(description: dict):
    """A schema.org description built by a page itself (a dataset's), as a JSON-LD script."""
    data = json.dumps(description, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data.translate(ESCAPES)),  # noqa: S308 -- JSON, with <, > and & escaped
    )
