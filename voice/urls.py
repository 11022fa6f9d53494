from django.urls import path

from voice import views

app_name = "voice"

urlpatterns = [
    path("", views.survey_list, name="surveys"),
    path("new/", views.survey_new, name="survey-new"),
    path("<int:survey>/", views.survey_detail, name="survey"),
    path("<int:survey>/close/", views.survey_close, name="survey-close"),
    path("<int:survey>/qr.png", views.survey_qr_png, name="qr-png"),
    path("<int:survey>/qr.svg", views.survey_qr_svg, name="qr-svg"),
    path("<int:survey>/results/", views.survey_results, name="results"),
    path("<int:survey>/results.csv", views.results_csv, name="results-csv"),
    path("<int:survey>/comments/", views.comments, name="comments"),
    path("<int:survey>/comments.csv", views.comments_csv, name="comments-csv"),
    path("<int:survey>/comments/<int:comment>/", views.comment_moderate, name="comment-moderate"),
    path("<int:survey>/paper/", views.paper_entry, name="paper-entry"),
    path("<int:survey>/paper-form/", views.paper_form, name="paper-form"),
]
