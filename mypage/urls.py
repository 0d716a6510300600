app_name = "mypage"

urlpatterns = []
