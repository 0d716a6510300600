from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Project register"

    def ready(self):
        from registers.merge import after_merge

        from .services import lead_is_not_a_partner

        after_merge(lead_is_not_a_partner)
