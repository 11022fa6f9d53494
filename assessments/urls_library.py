"""The framework library, under /frameworks/."""

app_name = "library"

urlpatterns: list = []
