"""Assessment rounds, under /partnerships/<slug>/assessments/."""

app_name = "assessments"

urlpatterns: list = []
