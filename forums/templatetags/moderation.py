"""The header's way in for moderators: ``{% moderation_link %}``, in the account links' hole
(``templates/_account.html``), never in a page kept for others."""

from django import template

from forums.services import open_report_count

register = template.Library()


@register.inclusion_tag("forums/_moderation_link.html", takes_context=True)
def moderation_link(context):
    return {"open_reports": open_report_count(context["user"])}
