from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registers.admin import ReadOnlyAdmin

from . import services
from .models import (
    Answer,
    Consultation,
    Forum,
    ModerationAction,
    Post,
    Question,
    Report,
    Suspension,
    Topic,
)


@admin.register(Forum)
class ForumAdmin(SimpleHistoryAdmin):
    list_display = ["name", "visibility", "order", "topic_count", "post_count"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "order", "visibility", "moderators"]
    filter_horizontal = ["moderators"]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "forum", "author", "is_pinned", "is_locked", "is_hidden"]
    list_filter = ["forum", "is_pinned", "is_locked", "is_hidden"]
    list_select_related = ["forum", "author"]
    search_fields = ["subject"]
    fields = ["forum", "subject", "is_pinned", "is_locked", "is_hidden"]
    readonly_fields = ["subject"]

    def save_model(self, request, obj, form, change):
        old_forum_id = form.initial.get("forum") if change else None
        super().save_model(request, obj, form, change)
        services.refresh_counts(obj)
        if old_forum_id and old_forum_id != obj.forum_id:  # moved: recount where it was
            services.refresh_forum(Forum.objects.get(pk=old_forum_id))


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "author", "created_at", "is_hidden", "deleted_at"]
    list_filter = ["is_hidden", "topic__forum"]
    list_select_related = ["topic", "author"]
    search_fields = ["body"]
    fields = ["topic", "author", "body", "is_hidden", "created_at", "edited_at", "deleted_at"]
    readonly_fields = ["topic", "author", "body", "created_at", "edited_at", "deleted_at"]
    actions = ["undelete"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.refresh_counts(obj.topic)

    @admin.action(description="Restore the selected posts their authors deleted")
    def undelete(self, request, queryset):
        restored = services.undelete_posts(queryset.filter(deleted_at__isnull=False), request.user)
        self.message_user(request, f"{restored} post(s) restored.")


@admin.register(Suspension)
class SuspensionAdmin(SimpleHistoryAdmin):
    list_display = ["user", "reason", "until", "created_at"]
    autocomplete_fields = ["user"]


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "moderator", "kind", "forum", "topic", "reason"]
    list_filter = ["kind", "forum"]
    list_select_related = ["moderator", "forum", "topic"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "post", "reporter", "reason", "resolved_at", "resolved_by"]
    list_filter = ["resolved_at"]
    list_select_related = ["post__topic", "reporter", "resolved_by"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "choices"]

    def get_readonly_fields(self, request, obj=None):
        # Answers name the choice they made: once there are any, the questions stay as asked.
        if obj is not None and Answer.objects.filter(question__consultation=obj).exists():
            return self.fields
        return []

    def has_delete_permission(self, request, obj=None):
        return not self.get_readonly_fields(request, obj)


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    """Consultations are opened in the forums (with their topic); here a moderator corrects
    the closing date or a question not yet answered."""

    list_display = ["topic", "closes_at", "opened_by", "created_at"]
    list_select_related = ["topic", "opened_by"]
    search_fields = ["topic__subject"]
    fields = ["topic", "closes_at", "opened_by", "created_at"]
    readonly_fields = ["topic", "opened_by", "created_at"]
    inlines = [QuestionInline]

    def has_add_permission(self, request):
        return False


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["question", "organisation", "choice", "updated_at"]
    list_filter = ["question__consultation"]
    list_select_related = ["question", "organisation"]
