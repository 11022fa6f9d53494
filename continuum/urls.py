"""The service map, under /partnerships/<slug>/services/."""

app_name = "continuum"

urlpatterns: list = []
