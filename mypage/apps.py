from django.apps import AppConfig


class MyPageConfig(AppConfig):
    """``/my/``: what needs a signed-in partner officer, across the registers (floor 4)."""

    name = "mypage"
    verbose_name = "My page"
