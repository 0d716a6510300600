from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from registers.exports import Column, names
from registers.views import RegisterDetailView, RegisterListView

from .filters import ContactFilterSet
from .models import CONSENTED_FIELDS, Contact
from .vcard import contact_vcard


class ContactListView(RegisterListView):
    alert_register = "contacts"
    model = Contact
    filterset_class = ContactFilterSet
    template_name = "contacts/contact_list.html"
    context_object_name = "contacts"
    export_filename = "londonconnects-contacts"
    entry_noun = "contact"
    feed_url_name = "contacts:feed"

    def get_export_columns(self):
        viewer = self.request.user
        personal = [
            Column(field, lambda c, field=field: c.shown_to(viewer).get(field, ""))
            for field in CONSENTED_FIELDS
        ]
        return [
            Column("name", lambda c: c.name),
            Column("url", lambda c: c.get_absolute_url()),
            Column("job_title", lambda c: c.job_title),
            Column("organisation", lambda c: c.organisation.name),
            *personal,
            Column("groups", lambda c: names(c.groups), list[str]),
            Column("areas_of_interest", lambda c: names(c.tags), list[str]),
            Column("web_links", lambda c: [link.url for link in c.links.all()], list[str]),
        ]


class ContactDetailView(RegisterDetailView):
    model = Contact
    template_name = "contacts/contact_detail.html"
    context_object_name = "contact"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = self.object.shown_to(self.request.user)
        email = shown.get("email", "")
        local, _, domain = email.partition("@")
        context.update(shown=shown, email_local=local, email_domain=domain)
        return context


class MailtoRedirect(HttpResponseRedirect):
    allowed_schemes = ["mailto"]


def _visible_contact(request, slug):
    return get_object_or_404(Contact.objects.visible_to(request.user).for_detail(), slug=slug)


def vcard(request, slug):
    contact = _visible_contact(request, slug)
    url = request.build_absolute_uri(contact.get_absolute_url())
    response = HttpResponse(
        contact_vcard(contact, viewer=request.user, url=url),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{contact.slug}.vcf"'
    response["Cache-Control"] = "private, no-store"
    return response


def email(request, slug):
    """The one-click e-mail link: the address is never written into the page's source."""
    contact = _visible_contact(request, slug)
    address = contact.shown_to(request.user).get("email")
    if not address:
        raise Http404("No published e-mail address.")
    response = MailtoRedirect(f"mailto:{address}")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
