app_name = "ce"

urlpatterns: list = []
