from urllib.parse import urlencode

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.generic import TemplateView

from londonconnects.views import OGL
from partners.models import Sector, SubRegion
from projects.models import Programme, ProjectStatus
from registers.exports import FORMATS, export_response
from registers.filters import filter_errors
from registers.pagecache import SharedPageCacheMixin
from registers.structured_data import CONTEXT, absolute

from .analysis import ACTIVE_RULE, filterset_for, joint_work, theme_choices
from .network import draw
from .tables import TABLES

PAIRS_SHOWN = 50  # rows of the pairs table on the page; the downloads hold every pair


class JointWorkView(SharedPageCacheMixin, TemplateView):
    """The map of joint work: who works with whom, which sectors work together, where the
    gaps are, for the project register's filters."""

    template_name = "jointwork/joint_work.html"

    def get(self, request, *args, **kwargs):
        self.filterset = filterset_for(request.GET)
        fmt = request.GET.get("format")
        if fmt is not None:
            return self.export(fmt, request.GET.get("table", ""))
        return super().get(request, *args, **kwargs)

    def export(self, fmt: str, name: str):
        errors = []
        if fmt not in FORMATS:
            errors.append(f"“{fmt}” is not a download format. Use one of: {', '.join(FORMATS)}.")
        if name not in TABLES:
            errors.append(f"“{name}” is not a table of the map. Use one of: {', '.join(TABLES)}.")
        # A download must be exactly the figures asked for: never silently widen it.
        errors += filter_errors(self.filterset)
        if errors:
            body = render_to_string(
                "registers/bad_request.html",
                {"errors": errors, "list_url": self.request.path},
                request=self.request,
            )
            return HttpResponse(body, status=400)
        table = TABLES[name]
        return export_response(
            table.rows(joint_work(self.filterset)),
            table.columns,
            fmt=fmt,
            filename=f"londonconnects-joint-work-{name}",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work = joint_work(self.filterset)
        params = work.params
        downloads = [
            (
                table.title,
                [
                    (fmt.upper(), "?" + urlencode([*params, ("table", key), ("format", fmt)]))
                    for fmt in FORMATS
                ],
            )
            for key, table in TABLES.items()
        ]
        form = self.filterset.form
        chosen = {name: self.request.GET.getlist(name) for name in form.fields}
        context.update(
            work=work,
            figure=draw(work),
            pairs_shown=work.pairs[:PAIRS_SHOWN],
            active_rule=ACTIVE_RULE,
            filter_errors=filter_errors(self.filterset),
            chosen=chosen,
            themes=theme_choices(),
            sub_regions=SubRegion.objects.values_list("slug", "name"),
            sectors=Sector.objects.values_list("slug", "name"),
            programmes=Programme.choices,
            statuses=ProjectStatus.choices,
            active_in=self.request.GET.get("active_in", ""),
            active_in_error=form.errors.get("active_in"),
            filtered=bool(params),
            downloads=downloads,
            dataset=dataset(self.request, downloads),
        )
        return context


def dataset(request, downloads) -> dict:
    """The map's downloads as a schema.org Dataset, for search engines and data portals."""
    page = absolute(request.get_full_path())
    formats = {"CSV": "text/csv", "JSON": "application/json"}
    return {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": "Joint work across London",
        "description": "Which organisations in London's e-government share projects, which "
        "sectors work together, and where no joint work is under way yet: counted from the "
        "published projects of the LondonConnects project register.",
        "url": page,
        "license": OGL,
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": "LondonConnects"},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f"{title} ({label})",
                "encodingFormat": formats[label],
                "contentUrl": absolute(request.path + query),
            }
            for title, links in downloads
            for label, query in links
        ],
    }
