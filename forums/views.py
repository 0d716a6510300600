from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from . import markup, services
from .forms import EditForm, PostForm, TopicForm
from .models import Forum, Post, Topic

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
        .select_related("author", "last_post__author")
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    page = Paginator(topics, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "forums/forum.html",
        {
            "forum": forum,
            "page": page,
            "unread": services.unread_topic_ids(request.user, page.object_list),
            "may_post": _may_write(request.user),
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
    topic = get_object_or_404(Topic.objects.select_related("forum"), pk=topic_id, forum=forum)
    if topic.is_hidden and not services.is_moderator(request.user, forum):
        raise Http404
    return topic


@signed_in_first
def topic_detail(request, slug, topic_id, form=None, status=200):
    topic = _topic_or_404(request, slug, topic_id)
    posts = (
        Post.objects.shown()
        .filter(topic=topic)
        .select_related("author__membership__organisation")
        .order_by("created_at", "pk")
    )
    paginator = Paginator(posts, POSTS_PER_PAGE)
    page_number = request.GET.get("page")
    if request.GET.get("post", "").isdigit():  # ?post=<id>: the page that holds it
        target = posts.filter(pk=int(request.GET["post"])).first()
        if target is not None:
            earlier = posts.filter(created_at__lt=target.created_at).count()
            page_number = earlier // POSTS_PER_PAGE + 1
    page = paginator.get_page(page_number)
    if form is None:
        form = PostForm()
        quoted = request.GET.get("quote", "")
        if quoted.isdigit():
            source = posts.filter(pk=int(quoted)).first()
            if source is not None:
                name = source.author.get_full_name() or source.author.get_username()
                form = PostForm(initial={"body": markup.quote(name, source.body)})
    services.mark_read(request.user, topic)
    return TemplateResponse(
        request,
        "forums/topic.html",
        {
            "forum": topic.forum,
            "topic": topic,
            "page": page,
            "form": form,
            "may_post": _may_write(request.user, topic),
            "user_id": request.user.pk,
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
    if not services.can_read(request.user, forum) or not post.is_shown:
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
        raise PermissionDenied(refused.message) from refused
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
