"""Topics and posts join the site search: a stored, GIN-indexed search document each, filled
in for what is already there (PostgreSQL only; SQLite matches without one)."""

import django.contrib.postgres.search
from django.db import migrations

from registers.operations import PostgreSQLOnlySQL, search_index


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0005_subscriptions"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="topic",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgreSQLOnlySQL(
            sql=[
                "UPDATE forums_topic SET search_vector ="
                " setweight(to_tsvector('english', coalesce(subject, '')), 'A')"
                " || setweight(to_tsvector('english', coalesce(decision, '')), 'B')",
                "UPDATE forums_post SET search_vector ="
                " setweight(to_tsvector('english', coalesce(body, '')), 'B')",
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
        search_index("forums_topic"),
        search_index("forums_post"),
    ]
