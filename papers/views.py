import datetime

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from partners.models import is_partner
from registers.exports import Column, names
from registers.storage import count_download, stored_file_response
from registers.views import RegisterDetailView, RegisterListView

from .filters import PaperFilterSet
from .models import Paper


class PaperListView(RegisterListView):
    alert_register = "papers"
    model = Paper
    filterset_class = PaperFilterSet
    template_name = "papers/paper_list.html"
    context_object_name = "papers"
    export_filename = "londonconnects-papers"
    entry_noun = "paper"
    feed_url_name = "papers:feed"
    export_columns = [
        Column("title", lambda p: p.title),
        Column("url", lambda p: p.get_absolute_url()),
        Column("kind", lambda p: p.get_kind_display()),
        Column("date", lambda p: p.date, datetime.date),
        Column("summary", lambda p: p.summary),
        Column("organisation", lambda p: p.organisation.name),
        Column("group", lambda p: p.group.name if p.group else ""),
        Column("themes", lambda p: names(p.tags), list[str]),
        Column("who_may_download", lambda p: p.get_visibility_display()),
        Column("file_type", lambda p: p.file_type),
        Column("file_size_bytes", lambda p: p.file_size, int),
        Column("published_at", lambda p: p.published_at, datetime.datetime | None),
    ]


class PaperDetailView(RegisterDetailView):
    model = Paper
    template_name = "papers/paper_detail.html"
    context_object_name = "paper"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_download"] = may_download(self.request.user, self.object)
        return context


def may_download(user, paper) -> bool:
    return not paper.is_partners_only or is_partner(user)


def file_response(paper, name: str) -> FileResponse:
    """The stored file ``name`` of ``paper`` (its current file, or a past version's)."""
    info = paper.file_type_info
    return stored_file_response(
        Paper._meta.get_field("file").storage,
        name,
        filename=paper.download_name,
        content_type=info.content_type if info else "application/octet-stream",
        missing="The file of this paper is missing.",
    )


@require_safe
@never_cache
def download(request, slug):
    paper = get_object_or_404(Paper.objects.visible_to(request.user), slug=slug)
    if not may_download(request.user, paper):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("Only signed-in partner organisations may download this paper.")
    response = file_response(paper, paper.file.name)
    count_download(Paper.objects.filter(pk=paper.pk), "download_count", request)
    if paper.is_partners_only:
        response["Cache-Control"] = "private, no-store"
    return response
