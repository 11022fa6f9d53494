"""Assessment rounds, under /partnerships/<slug>/assessments/."""

from django.urls import path

from assessments.views import actions, agreeing, rating, rounds, workbook, workshop

app_name = "assessments"

urlpatterns = [
    path("", rounds.round_list, name="rounds"),
    path("new/", rounds.round_new, name="round-new"),
    path("<int:pk>/", rounds.round_detail, name="round"),
    path("<int:pk>/scope/", rounds.round_scope, name="round-scope"),
    path("<int:pk>/scope/<slug:code>/remove/", rounds.scope_remove, name="scope-remove"),
    path("<int:pk>/move/<slug:to>/", rounds.round_move, name="round-move"),
    path("<int:pk>/rate/<slug:dimension>/", rating.rate, name="rate"),
    path("<int:pk>/workshop/", workshop.workshop, name="workshop"),
    path("<int:pk>/workshop/agree/", agreeing.agree_all, name="agree-all"),
    path("<int:pk>/results/", workshop.results, name="results"),
    path("<int:pk>/compare/", workshop.compare, name="compare"),
    path("<int:pk>/elements/<slug:code>/", workshop.element, name="element"),
    path("<int:pk>/elements/<slug:code>/barriers/", workshop.barrier_add, name="barrier-add"),
    path("<int:pk>/elements/<slug:code>/actions/new/", actions.action_add, name="action-add"),
    path("<int:pk>/actions/", actions.action_list, name="actions"),
    path("<int:pk>/actions/<int:action>/", actions.action_edit, name="action-edit"),
    path("<int:pk>/export.xlsx", workbook.round_xlsx, name="round-xlsx"),
]
