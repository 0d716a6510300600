"""compose.yaml and .env.example, checked without Docker (which cannot run here): every
service's command is a real entry point, every variable set is one the settings read, the
health checks, volumes and start order are there."""

import importlib
import json
import re
import shlex
import subprocess
import sys

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.urls import resolve

from londonconnects import views

ROOT = settings.BASE_DIR
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
# The services that run this repository's image.
APP_SERVICES = {name: service for name, service in SERVICES.items() if "build" in service}
LONG_RUNNING = ["web", "worker", "scheduler"]

# Read by a library the settings configure rather than by the settings' own code.
READ_BY_LIBRARIES = {
    "DATABASE_URL": "dj_database_url.config(",  # in settings.py
    "AWS_ACCESS_KEY_ID": "storages.backends.s3.S3Storage",  # boto3's credentials
    "AWS_SECRET_ACCESS_KEY": "storages.backends.s3.S3Storage",
}
# What the postgres image reads to create its database.
POSTGRES_IMAGE_VARIABLES = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"}

ENVIRONMENT_READ = re.compile(
    r"""(?:os\.environ\.get\(|os\.environ\[|env_bool\(|env_list\()\s*(f?)"([^"]+)\""""
)


def settings_sources() -> str:
    return (ROOT / "londonconnects" / "settings.py").read_text() + (
        ROOT / "gunicorn.conf.py"
    ).read_text()


def variables_the_settings_read() -> list[re.Pattern]:
    """A pattern per name the settings read; an f-string name such as f"{location.upper()}_ROOT"
    stands for any capitalised word in its braces."""
    patterns = []
    for is_format, name in ENVIRONMENT_READ.findall(settings_sources()):
        if is_format:
            parts = re.split(r"\{[^}]*\}", name)
            patterns.append(re.compile("[A-Z][A-Z0-9_]*".join(map(re.escape, parts))))
        else:
            patterns.append(re.compile(re.escape(name)))
    return patterns


READ = variables_the_settings_read()


def is_read(name: str) -> bool:
    if name in READ_BY_LIBRARIES:
        return READ_BY_LIBRARIES[name] in settings_sources()
    return any(pattern.fullmatch(name) for pattern in READ)


def env_example() -> dict[str, str]:
    """Every NAME=value line of .env.example, commented out or not."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    found = [re.match(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)$", line) for line in lines]
    return {match[1]: match[2] for match in found if match}


def interpolated(text: str) -> set[str]:
    return set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text))


def as_argv(command) -> list[str]:
    return command if isinstance(command, list) else shlex.split(command)


def test_the_patterns_find_what_the_settings_read():
    assert is_read("DJANGO_SECRET_KEY")
    assert is_read("GUNICORN_WORKERS")  # gunicorn.conf.py
    assert is_read("PAPERS_ROOT")  # f"{location.upper()}_ROOT"
    assert is_read("SCHEDULE_CHECK_LINKS")
    assert is_read("DATABASE_URL")
    assert not is_read("DJANGO_SECRET")
    assert not is_read("EMAIL_HOST")


def test_the_whole_service_is_there():
    assert set(SERVICES) >= {"web", "worker", "scheduler", "postgres", "redis", "migrate"}
    assert SERVICES["postgres"]["image"] == "postgres:15"
    assert SERVICES["redis"]["image"].startswith("redis:7")
    assert set(APP_SERVICES) == {"web", "worker", "scheduler", "migrate"}
    assert all(service["build"] == "." for service in APP_SERVICES.values())


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_each_service_command_is_a_real_entry_point(name, settings):
    # As in production: tasks go to the database queue db_worker serves (the tests run them
    # in the request).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    argv = as_argv(APP_SERVICES[name]["command"])

    if argv[:2] == ["python", "manage.py"]:
        command, *arguments = argv[2:]
        commands = get_commands()
        assert command in commands, f"{name}: manage.py {command} is no command of this site"
        parser = load_command_class(commands[command], command).create_parser("manage.py", command)
        parser.parse_args(arguments)  # an unknown option exits: the test fails
    else:
        assert argv[0] == "gunicorn", f"{name}: {argv[0]} is neither manage.py nor gunicorn"
        module_name, _, attribute = argv[1].partition(":")
        application = getattr(importlib.import_module(module_name), attribute or "application")
        assert callable(application)


def test_the_expected_processes_run():
    commands = {name: as_argv(service["command"]) for name, service in APP_SERVICES.items()}

    assert commands["worker"] == ["python", "manage.py", "db_worker"]
    assert commands["scheduler"] == ["python", "manage.py", "run_scheduler"]
    assert commands["migrate"][:3] == ["python", "manage.py", "migrate"]
    assert "--no-input" in commands["migrate"]


def test_web_runs_what_the_dockerfile_runs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    [cmd] = re.findall(r"^CMD (\[.*\])$", dockerfile, flags=re.MULTILINE)

    assert as_argv(SERVICES["web"]["command"]) == json.loads(cmd)


def test_every_variable_compose_sets_is_one_the_settings_read():
    for name, service in APP_SERVICES.items():
        for variable in service["environment"]:
            assert is_read(variable), f"{name} sets {variable}, which no setting reads"
    assert set(SERVICES["postgres"]["environment"]) <= POSTGRES_IMAGE_VARIABLES


def test_every_variable_of_env_example_is_read_or_used_by_compose():
    used_by_compose = interpolated((ROOT / "compose.yaml").read_text())

    for variable in env_example():
        assert is_read(variable) or variable in used_by_compose, (
            f".env.example lists {variable}, which neither the settings nor compose.yaml read"
        )


def test_env_example_gives_what_compose_needs_and_keeps_no_secret():
    example = env_example()
    assert interpolated((ROOT / "compose.yaml").read_text()) <= set(example)
    for required in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "POSTGRES_PASSWORD"):
        assert example[required], f"{required} has no placeholder"
    assert example["DJANGO_SECRET_KEY"].startswith("change-me")
    assert example["POSTGRES_PASSWORD"].startswith("change-me")
    # The real .env stays on the host: out of git and out of the image.
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in (ROOT / ".dockerignore").read_text().splitlines()


def test_the_services_take_their_settings_from_env():
    for name, service in APP_SERVICES.items():
        assert service["env_file"] in (".env", [".env"]), name


def test_web_worker_and_scheduler_wait_for_the_migration_and_healthy_services():
    for name in LONG_RUNNING:
        depends_on = SERVICES[name]["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name
        assert depends_on["postgres"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name
    assert SERVICES["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert SERVICES["migrate"]["restart"] == "no"


def test_health_checks():
    web = " ".join(SERVICES["web"]["healthcheck"]["test"])
    postgres = SERVICES["postgres"]["healthcheck"]["test"]
    redis = SERVICES["redis"]["healthcheck"]["test"]

    assert "http://127.0.0.1:8000/healthz" in web
    assert resolve("/healthz").func is views.healthz
    assert "pg_isready" in postgres
    assert redis[-2:] == ["redis-cli", "ping"]


@pytest.mark.django_db(transaction=True)
def test_the_web_health_check_passes_against_a_running_site(live_server):
    """The health check's own command, pointed at a live server: it asks /healthz by an
    allowed host name over plain HTTP and gets its 200 (a redirect to HTTPS or a 400 for the
    host would fail it)."""
    argv = SERVICES["web"]["healthcheck"]["test"][1:]
    code = argv[-1].replace("http://127.0.0.1:8000", live_server.url)
    host = live_server.url.split("//")[1].split(":")[0]

    result = subprocess.run(  # noqa: S603  (compose.yaml's own health check)
        [sys.executable, *argv[1:-1], code],
        env={"DJANGO_ALLOWED_HOSTS": f"{host},londonconnects.example.org"},
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )

    assert argv[0] == "python"
    assert result.returncode == 0, result.stderr


def test_named_volumes_for_the_database_papers_and_reviews():
    declared = set(COMPOSE["volumes"])
    # source: target, from "source:target[:options]"
    mounts = {
        name: dict(volume.split(":")[:2] for volume in service.get("volumes", []))
        for name, service in SERVICES.items()
    }
    for name, service_mounts in mounts.items():
        for source in service_mounts:
            if not source.startswith((".", "/")):
                assert source in declared, f"{name} mounts {source}, which is not declared"

    assert mounts["postgres"]["postgres-data"] == "/var/lib/postgresql/data"
    dockerfile = (ROOT / "Dockerfile").read_text()
    for name, service in APP_SERVICES.items():
        environment = service["environment"]
        assert mounts[name]["papers"] == environment["PAPERS_ROOT"], name
        assert mounts[name]["reviews"] == environment["REVIEWS_ROOT"], name
    # The image makes the folders, owned by its user, so the new volumes are writable.
    for folder in ("/data/papers", "/data/reviews"):
        assert folder in dockerfile
