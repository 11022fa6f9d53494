from django.urls import path

from voice import public

app_name = "have-your-say"

urlpatterns = [
    path("<str:token>/", public.survey_page, name="survey"),
    path("<str:token>/easy-read/", public.easy_read, name="easy-read"),
    path("<str:token>/thanks/", public.thanks, name="thanks"),
    path("<str:token>/privacy/", public.privacy, name="privacy"),
    path("<str:token>/summary/", public.summary, name="summary"),
]
