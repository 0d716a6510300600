from django.urls import path

from . import feeds, views

app_name = "forums"

urlpatterns = [
    path("", views.forum_index, name="list"),
    path("posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("posts/<int:post_id>/delete/", views.delete_post, name="delete_post"),
    path("<slug:slug>/", views.forum_detail, name="forum"),
    path("<slug:slug>/new/", views.new_topic, name="new_topic"),
    path("<slug:slug>/feed/", feeds.ForumFeed(), name="forum_feed"),
    path("<slug:slug>/<int:topic_id>/", views.topic_detail, name="topic"),
    path("<slug:slug>/<int:topic_id>/reply/", views.reply, name="reply"),
    path("<slug:slug>/<int:topic_id>/feed/", feeds.TopicFeed(), name="topic_feed"),
]
