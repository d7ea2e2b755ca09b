app_name = "experience"

urlpatterns: list = []
