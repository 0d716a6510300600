app_name = "jointwork"

urlpatterns = []
