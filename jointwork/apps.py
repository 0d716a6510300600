from django.apps import AppConfig


class JointWorkConfig(AppConfig):
    """Joint working across the registers (floor 4): who works with whom, the sector and
    gap matrices, and what an organisation could join."""

    name = "jointwork"
    verbose_name = "Joint work"
