from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from registers.filters import filter_errors
from registers.views import pagination_context

from . import consultations, markup, notifications, services
from .filters import TopicFilterSet
from .forms import (
    AnswerForm,
    ConsultationForm,
    DecisionForm,
    EditForm,
    PostForm,
    PostModerationForm,
    ReportResolutionForm,
    TopicForm,
    TopicModerationForm,
)
from .models import (
    Answer,
    Consultation,
    Forum,
    ForumProfile,
    MailChoice,
    ModerationAction,
    Post,
    Report,
    Subscription,
    Topic,
)

TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 25


def readable_forum(request, slug) -> Forum:
    """The forum, if this visitor may read it: the public is sent to sign in for a
    partners-only forum; other signed-in accounts get a 404, as if it did not exist."""
    forum = get_object_or_404(Forum, slug=slug)
    if not services.can_read(request.user, forum):
        if not request.user.is_authenticated:
            raise SignInFirst
        raise Http404
    return forum


class SignInFirst(Exception):
    pass


def signed_in_first(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SignInFirst:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def forum_index(request):
    forums = (
        Forum.objects.visible_to(request.user)
        .select_related("last_post__author", "last_post__topic__forum")
        .order_by("order", "name")
    )
    return TemplateResponse(request, "forums/index.html", {"forums": forums})


@signed_in_first
def forum_detail(request, slug):
    forum = readable_forum(request, slug)
    topics = (
        Topic.objects.shown()
        .filter(forum=forum)
        .select_related("forum", "author", "last_post__author")
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    # A year that is not understood is reported and left out, as on the registers.
    filterset = TopicFilterSet(request.GET, queryset=topics)
    page = Paginator(filterset.qs, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    started_in = filterset.form.cleaned_data.get("started_in")
    return TemplateResponse(
        request,
        "forums/forum.html",
        {
            "forum": forum,
            "page": page,
            **pagination_context(page),
            "started_in": started_in,
            "page_query": urlencode({"started_in": started_in}) if started_in else "",
            "filter_errors": filter_errors(filterset),
            "unread": services.unread_topic_ids(request.user, page.object_list),
            "may_post": _may_write(request.user),
            "may_open_consultation": services.may_open_consultation(request.user, forum),
        },
    )


def _may_write(user, topic=None) -> str:
    """'' when ``user`` may post, else why not."""
    try:
        services.check_may_write(user, topic)
    except services.Refused as refused:
        return refused.message
    return ""


def _topic_or_404(request, slug, topic_id) -> Topic:
    forum = readable_forum(request, slug)
    topic = get_object_or_404(
        Topic.objects.select_related("forum", "author", "decision_paper", "consultation"),
        pk=topic_id,
        forum=forum,
    )
    if topic.is_hidden and not services.is_moderator(request.user, forum):
        raise Http404
    return topic


@signed_in_first
def topic_detail(
    request,
    slug,
    topic_id,
    form=None,
    status=200,
    *,
    topic_form=None,
    post_form=None,
    decision_form=None,
    answer_form=None,
    answer_refusal="",
):
    """The topic's posts and reply form; for its moderators, the moderation forms too. A
    form in error (``form``, the reply, or a moderation form) is shown as it was sent, with
    its errors, on the page that holds what it was about."""
    topic = _topic_or_404(request, slug, topic_id)
    moderating = services.is_moderator(request.user, topic.forum)
    other_forums = (
        services.moderated_forums(request.user).exclude(pk=topic.forum_id)
        if moderating
        else Forum.objects.none()
    )
    posts = (
        (Post.objects.all() if moderating else Post.objects.shown())
        .filter(topic=topic)
        .select_related("author__membership__organisation")
        .order_by("created_at", "pk")
    )
    if moderating:  # moderators see which posts wait for them
        posts = posts.annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
        )
    paginator = Paginator(posts, POSTS_PER_PAGE)
    page_number = request.GET.get("page")
    wanted = str(post_form.post.pk) if post_form else request.GET.get("post", "")
    if wanted.isascii() and wanted.isdigit():  # ?post=<id>: the page that holds it
        target = posts.filter(pk=int(wanted)).first()
        if target is not None:
            earlier = posts.filter(created_at__lt=target.created_at).count()
            page_number = earlier // POSTS_PER_PAGE + 1
    page = paginator.get_page(page_number)
    if form is None:
        form = PostForm()
        quoted = request.GET.get("quote", "")
        if quoted.isascii() and quoted.isdigit():
            source = posts.filter(pk=int(quoted)).first()
            if source is not None:
                name = source.author.get_full_name() or source.author.get_username()
                form = PostForm(initial={"body": markup.quote(name, source.body)})
    services.mark_read(request.user, topic)
    consultation = consultation_of(topic)
    return TemplateResponse(
        request,
        "forums/topic.html",
        {
            **(
                _consultation_context(request, consultation, answer_form, answer_refusal)
                if consultation
                else {}
            ),
            "forum": topic.forum,
            "topic": topic,
            "page": page,
            **pagination_context(page),
            "form": form,
            "may_post": _may_write(request.user, topic),
            "user_id": request.user.pk,
            "moderating": moderating,
            "watching": request.user.is_authenticated
            and Subscription.objects.filter(user=request.user, topic=topic, muted=False).exists(),
            "other_forums": other_forums,
            "topic_form": topic_form
            or (TopicModerationForm(other_forums=other_forums) if moderating else None),
            "post_form": post_form,
            "decision_form": decision_form
            or (
                None
                if consultation and consultation.is_open
                else DecisionForm(
                    initial={
                        "decision": topic.decision,
                        "paper": topic.decision_paper.slug if topic.decision_paper_id else "",
                    }
                )
                if moderating
                else None
            ),
            "decision_paper": topic.decision_paper
            if topic.decision_paper_id and topic.decision_paper.is_published
            else None,
        },
        status=status,
    )


@require_POST
@signed_in_first
def reply(request, slug, topic_id):
    topic = _topic_or_404(request, slug, topic_id)
    if not request.user.is_authenticated:
        return redirect_to_login(topic.get_absolute_url())
    form = PostForm(request.POST)
    if not form.is_valid():
        return topic_detail(request, slug, topic_id, form=form, status=400)
    try:
        post = services.reply(
            topic=topic,
            author=request.user,
            body=form.cleaned_data["body"],
            submission_key=form.cleaned_data["submission_key"],
        )
    except services.Refused as refused:
        form.add_error(None, refused.message)
        return topic_detail(request, slug, topic_id, form=form, status=refused.status)
    return redirect(post.get_absolute_url())


def consultation_of(topic) -> Consultation | None:
    """The consultation the topic holds, if any (fetched with the topic)."""
    try:
        return topic.consultation
    except Consultation.DoesNotExist:
        return None


def _consultation_context(request, consultation, answer_form, answer_refusal) -> dict:
    """The consultation on its topic's page: the tally of each question, the comments, and
    for a partner while it is open, their own answers' form (this page is never kept in a
    shared cache for a signed-in visitor: see AnonymousPageCacheMiddleware)."""
    questions = list(consultation.questions.order_by("position", "pk"))
    refused = _answer_refused(request.user, consultation)
    answered = False
    if answer_form is None and refused is None:
        mine = Answer.objects.filter(question__consultation=consultation, user=request.user)
        initial = {}
        for answer in mine:
            initial[f"choice_{answer.question_id}"] = answer.choice
            initial[f"comment_{answer.question_id}"] = answer.comment
        answer_form = AnswerForm(questions=questions, initial=initial)
        answered = bool(initial)
    return {
        "consultation": consultation,
        "tallies": consultations.tallies(consultation, questions),
        "answer_form": answer_form if refused is None else None,
        "answered": answered,
        "cannot_answer": refused.message if refused else "",
        "answer_refusal": answer_refusal,
        "closing_words": services.closing_words(consultation),
    }


def _answer_refused(user, consultation) -> "services.Refused | None":
    """Why ``user`` may not answer ``consultation`` now, or None if they may."""
    try:
        services.check_may_answer(user, consultation)
    except services.Refused as refused:
        return refused
    return None


@require_POST
@signed_in_first
def answer_consultation(request, slug, topic_id):
    """A partner's answers, in place of those they gave before. The answers are always the
    signed-in user's own: nothing in the form says whose they are."""
    topic = _topic_or_404(request, slug, topic_id)
    consultation = consultation_of(topic)
    if consultation is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(topic.get_absolute_url())
    if (refused := _answer_refused(request.user, consultation)) is not None:
        return topic_detail(
            request, slug, topic_id, answer_refusal=refused.message, status=refused.status
        )
    questions = list(consultation.questions.order_by("position", "pk"))
    form = AnswerForm(request.POST, questions=questions)
    if not form.is_valid():
        return topic_detail(request, slug, topic_id, answer_form=form, status=400)
    try:
        services.answer_consultation(
            consultation=consultation, user=request.user, answers=form.answers()
        )
    except services.Refused as refused:
        if refused.status == 400:
            form.add_error(None, refused.message)
            return topic_detail(request, slug, topic_id, answer_form=form, status=400)
        return topic_detail(
            request, slug, topic_id, answer_refusal=refused.message, status=refused.status
        )
    messages.success(
        request,
        "Your answers are recorded. You can change them until the consultation closes on "
        f"{services.closing_words(consultation)}.",
    )
    return redirect(f"{topic.get_absolute_url()}#consultation")


@require_safe
@signed_in_first
def consultation_results(request, slug, topic_id):
    """Every answer as CSV: the organisation and sector, never who wrote it."""
    topic = _topic_or_404(request, slug, topic_id)
    consultation = consultation_of(topic)
    if consultation is None:
        raise Http404
    return consultations.results_csv(consultation)


def consultation_list(request):
    """Consultations the visitor may read: the open ones first, soonest closing first, then
    the closed ones, latest closed first."""
    visible = Consultation.objects.visible_to(request.user).for_list()
    return TemplateResponse(
        request,
        "forums/consultations.html",
        {
            "open_consultations": visible.open().order_by("closes_at", "pk"),
            "closed_consultations": visible.closed().order_by("-closes_at", "-pk"),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in_first
def new_consultation(request, slug):
    """A moderator of the forum, or a member of the steering group, opens a consultation."""
    forum = readable_forum(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.may_open_consultation(request.user, forum):
        raise PermissionDenied(
            "Only the forum's moderators and the steering group open consultations."
        )
    refusal = _may_write(request.user)
    status = 403 if refusal else 200
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and not refusal:
        if form.is_valid():
            try:
                topic = services.open_consultation(
                    forum=forum,
                    author=request.user,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    closes_at=form.closes_at(),
                    questions=form.cleaned_data["questions"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except services.Refused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                return redirect(topic.get_absolute_url())
        else:
            status = 400
    return TemplateResponse(
        request,
        "forums/new_consultation.html",
        {"forum": forum, "form": form, "refusal": refusal},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@signed_in_first
def new_topic(request, slug):
    forum = readable_forum(request, slug)
    refusal = _may_write(request.user)
    if refusal and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    status = 200
    form = TopicForm(request.POST or None)
    if request.method == "POST" and not refusal:
        if form.is_valid():
            try:
                topic = services.start_topic(
                    forum=forum,
                    author=request.user,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except services.Refused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                return redirect(topic.get_absolute_url())
        else:
            status = 400
    elif refusal:
        status = 403
    return TemplateResponse(
        request,
        "forums/new_topic.html",
        {"forum": forum, "form": form, "refusal": refusal},
        status=status,
    )


def _own_post(request, post_id) -> Post:
    post = get_object_or_404(Post.objects.select_related("topic__forum"), pk=post_id)
    forum = post.topic.forum
    if not services.can_read(request.user, forum) or not post.is_shown or post.topic.is_hidden:
        raise Http404
    return post


@require_http_methods(["GET", "POST"])
def edit_post(request, post_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = _own_post(request, post_id)
    form = EditForm(request.POST or None, initial={"body": post.body})
    status = 200
    try:
        if post.author_id != request.user.pk:
            raise services.Refused("You can edit only your own posts.")
        services.check_may_write(request.user, post.topic)
        if request.method == "POST":
            if form.is_valid():
                services.edit_post(post=post, user=request.user, body=form.cleaned_data["body"])
                messages.success(request, "Your post was updated.")
                return redirect(post.get_absolute_url())
            status = 400
    except services.Refused as refused:
        if refused.status != 429:
            raise PermissionDenied(refused.message) from refused
        # Too many edits a minute: the form again, with the text as typed.
        form.add_error(None, refused.message)
        status = refused.status
    return TemplateResponse(
        request, "forums/edit_post.html", {"post": post, "form": form}, status=status
    )


@require_POST
def delete_post(request, post_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = _own_post(request, post_id)
    try:
        services.delete_post(post=post, user=request.user)
    except services.Refused as refused:
        raise PermissionDenied(refused.message) from refused
    messages.success(request, "Your post was deleted. A moderator can restore it if need be.")
    return redirect(post.topic.get_absolute_url())


# -- reports and moderation ------------------------------------------------------------------


def _back_to(post_or_topic):
    return redirect(post_or_topic.get_absolute_url())


def _page_holding(post):
    """The topic's page that holds the post, opened at the top where the message is: a
    #post target would scroll the message out of view and take the focus from it."""
    return redirect(f"{post.topic.get_absolute_url()}?post={post.pk}")


def _moderator_only(request, forum) -> None:
    try:
        services.check_moderator(request.user, forum)
    except services.Refused as refused:
        raise PermissionDenied(refused.message) from refused


def _refused_page(request, refused: "services.Refused"):
    if refused.status == 400:
        messages.error(request, refused.message)
        return None
    raise PermissionDenied(refused.message) from refused


@require_POST
def report_post(request, post_id):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("forums:list"))
    post = _own_post(request, post_id)
    try:
        services.report_post(post=post, reporter=request.user, reason=request.POST.get("reason"))
    except services.Refused as refused:
        _refused_page(request, refused)
        return _page_holding(post)
    messages.success(request, "Thank you: the moderators will look at the post.")
    return _page_holding(post)


@require_POST
@signed_in_first
def moderate_topic(request, slug, topic_id):
    topic = _topic_or_404(request, slug, topic_id)
    _moderator_only(request, topic.forum)
    form = TopicModerationForm(
        request.POST,
        other_forums=services.moderated_forums(request.user).exclude(pk=topic.forum_id),
    )
    if not form.is_valid():
        return topic_detail(request, slug, topic_id, topic_form=form, status=400)
    kind = form.cleaned_data["action"]
    try:
        action = services.moderate_topic(
            topic=topic,
            moderator=request.user,
            kind=kind,
            reason=form.cleaned_data["reason"],
            to_forum=form.cleaned_data["to_forum"] if kind == "move" else None,
        )
    except services.Refused as refused:
        if refused.status != 400:
            raise PermissionDenied(refused.message) from refused
        form.add_error(None, refused.message)
        return topic_detail(request, slug, topic_id, topic_form=form, status=400)
    topic.refresh_from_db()
    messages.success(request, services.outcome(action))
    return _back_to(topic)


@require_POST
def moderate_post(request, post_id):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("forums:list"))
    post = get_object_or_404(Post.objects.select_related("topic__forum"), pk=post_id)
    if not services.is_moderator(request.user, post.topic.forum):
        raise Http404  # not a moderator: the post is none of their business
    form = PostModerationForm(request.POST, post=post)
    if form.is_valid():
        try:
            action = services.moderate_post(
                post=post,
                moderator=request.user,
                kind=request.POST.get("action", ""),
                reason=form.cleaned_data["reason"],
            )
        except services.Refused as refused:
            if refused.status == 403:
                raise Http404 from refused
            form.add_error(None, refused.message)
        else:
            messages.success(request, services.outcome(action))
            return _page_holding(post)
    # The topic's page that holds the post, with the reason as typed and what is wrong.
    topic = post.topic
    return topic_detail(request, topic.forum.slug, topic.pk, post_form=form, status=400)


@require_POST
@signed_in_first
def record_decision(request, slug, topic_id):
    topic = _topic_or_404(request, slug, topic_id)
    _moderator_only(request, topic.forum)
    form = DecisionForm(request.POST, site_hosts=[request.get_host()])
    if not form.is_valid():
        # Shown again as typed: a refused paper never costs the summary.
        return topic_detail(request, slug, topic_id, decision_form=form, status=400)
    try:
        services.record_decision(
            topic=topic,
            moderator=request.user,
            decision=form.cleaned_data["decision"],
            paper=form.cleaned_data["paper"],
        )
    except services.Refused as refused:
        if refused.status == 403:
            raise PermissionDenied(refused.message) from refused
        messages.error(request, refused.message)
        return _back_to(topic)
    if consultation_of(topic):
        messages.success(request, "The summary of views is recorded on the consultation.")
    else:
        messages.success(request, "The decision is recorded on the topic.")
    return _back_to(topic)


def moderation(request, resolve_form=None, status=200):
    """Open reports and the moderation log, for moderators of at least one forum; with a
    refused resolution (``resolve_form``) shown as typed, beside its report."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    forums = services.moderated_forums(request.user)
    if not forums.exists():
        raise PermissionDenied("Only moderators can see this page.")
    reports = (
        Report.objects.filter(resolved_at__isnull=True, post__topic__forum__in=forums)
        .select_related("post__topic__forum", "post__author", "reporter")
        .order_by("created_at")
    )
    log = (
        ModerationAction.objects.filter(forum__in=forums)
        .select_related("moderator", "forum", "topic__forum", "post__author")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(log, 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "forums/moderation.html",
        {
            "reports": reports[:200],
            "page": page,
            **pagination_context(page),
            "resolve_form": resolve_form,
        },
        status=status,
    )


@require_POST
def resolve_report(request, report_id):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("forums:moderation"))
    report = get_object_or_404(Report.objects.select_related("post__topic__forum"), pk=report_id)
    _moderator_only(request, report.post.topic.forum)
    form = ReportResolutionForm(request.POST, report=report)
    if not form.is_valid():
        return moderation(request, resolve_form=form, status=400)
    try:
        done = services.resolve_report(
            report=report,
            moderator=request.user,
            resolution=form.cleaned_data["resolution"],
            hide_post=request.POST.get("action") == "hide-post",
        )
    except services.Refused as refused:
        _refused_page(request, refused)
    else:
        if done:
            said = (services.outcome(action).rstrip(".") for action in done)
            messages.success(request, " ".join(f"{sentence}." for sentence in said))
        else:
            messages.info(request, "That report was already resolved.")
    return redirect("forums:moderation")


# -- watching and mail ---------------------------------------------------------------------


@require_POST
@signed_in_first
def watch_topic(request, slug, topic_id):
    topic = _topic_or_404(request, slug, topic_id)
    if not request.user.is_authenticated:
        return redirect_to_login(topic.get_absolute_url())
    _toggle(request, topic=topic)
    return _back_to(topic)


@require_POST
@signed_in_first
def watch_forum(request, slug):
    forum = readable_forum(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(forum.get_absolute_url())
    _toggle(request, forum=forum)
    return redirect(forum.get_absolute_url())


def _toggle(request, **target):
    if request.POST.get("watch") == "yes":
        notifications.watch(request.user, **target)
        messages.success(request, "You will be told about new posts.")
    else:
        subscription = Subscription.objects.filter(user=request.user, **target).first()
        if subscription is not None:
            notifications.unwatch(subscription)
        messages.success(request, "You will no longer be told about new posts.")


@csrf_exempt  # the signed token is the authority; mail clients POST here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    target = notifications.what_token_stops(token)
    if target is None:
        return TemplateResponse(request, "forums/unsubscribe.html", {"invalid": True}, status=404)
    context = {"digest": isinstance(target, ForumProfile), "subscription": target}
    if request.method == "POST":
        notifications.stop(target)
        context["done"] = True
    return TemplateResponse(request, "forums/unsubscribe.html", context)


@require_http_methods(["GET", "POST"])
def mail_settings(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile, _created = ForumProfile.objects.get_or_create(user=request.user)
    if request.method == "POST":
        choice = request.POST.get("mail")
        if choice in MailChoice.values:
            profile.mail = choice
            profile.save(update_fields=["mail"])
            messages.success(request, "Your mail settings are saved.")
            return redirect("forums:mail_settings")
        messages.error(request, "Choose one of the options.")
    readable = Forum.objects.visible_to(request.user)
    watching = (
        Subscription.objects.filter(user=request.user, muted=False)
        .filter(Q(topic__is_hidden=False, topic__forum__in=readable) | Q(forum__in=readable))
        .select_related("topic__forum", "forum")
        .order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "forums/mail_settings.html",
        {"profile": profile, "choices": MailChoice.choices, "watching": watching},
    )
