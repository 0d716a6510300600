from django.urls import path

from . import feeds, views

app_name = "forums"

urlpatterns = [
    path("", views.forum_index, name="list"),
    path("posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("posts/<int:post_id>/delete/", views.delete_post, name="delete_post"),
    path("posts/<int:post_id>/report/", views.report_post, name="report_post"),
    path("posts/<int:post_id>/moderate/", views.moderate_post, name="moderate_post"),
    path("moderation/", views.moderation, name="moderation"),
    path("settings/", views.mail_settings, name="mail_settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("reports/<int:report_id>/resolve/", views.resolve_report, name="resolve_report"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("<slug:slug>/", views.forum_detail, name="forum"),
    path("<slug:slug>/new/", views.new_topic, name="new_topic"),
    path("<slug:slug>/watch/", views.watch_forum, name="watch_forum"),
    path("<slug:slug>/consultation/new/", views.new_consultation, name="new_consultation"),
    path("<slug:slug>/feed/", feeds.ForumFeed(), name="forum_feed"),
    path("<slug:slug>/<int:topic_id>/", views.topic_detail, name="topic"),
    path("<slug:slug>/<int:topic_id>/reply/", views.reply, name="reply"),
    path("<slug:slug>/<int:topic_id>/watch/", views.watch_topic, name="watch_topic"),
    path("<slug:slug>/<int:topic_id>/feed/", feeds.TopicFeed(), name="topic_feed"),
    path("<slug:slug>/<int:topic_id>/moderate/", views.moderate_topic, name="moderate_topic"),
    path("<slug:slug>/<int:topic_id>/decision/", views.record_decision, name="record_decision"),
    path("<slug:slug>/<int:topic_id>/answers/", views.answer_consultation, name="answer"),
    path(
        "<slug:slug>/<int:topic_id>/results.csv",
        views.consultation_results,
        name="consultation_results",
    ),
]
