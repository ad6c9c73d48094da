from django.urls import path

from pollinate.goals import views

app_name = "goals"
urlpatterns = [
    path("", views.my_goals, name="mine"),
    path("new/", views.goal_create, name="create"),
    path("<int:goal_id>/", views.goal_detail, name="detail"),
    path("<int:goal_id>/edit/", views.goal_edit, name="edit"),
    path("<int:goal_id>/revise/", views.goal_revise, name="revise"),
    path("<int:goal_id>/propose/", views.goal_propose, name="propose"),
    path("<int:goal_id>/agree/", views.goal_agree, name="agree"),
    path("<int:goal_id>/request-changes/", views.goal_request_changes, name="request-changes"),
    path("<int:goal_id>/achieve/", views.goal_achieve, name="achieve"),
    path("<int:goal_id>/drop/", views.goal_drop, name="drop"),
    path("<int:goal_id>/steps/", views.step_add, name="step-add"),
    path("<int:goal_id>/steps/<int:step_id>/", views.step_update, name="step-update"),
    path("<int:goal_id>/check-ins/", views.check_in_add, name="check-in-add"),
    path("<int:goal_id>/check-ins/<int:check_in_id>/to-step/", views.check_in_to_step, name="check-in-to-step"),
    path("learners/", views.guide_goals, name="guide-list"),
    path("learner/<int:person_id>/", views.learner_goals, name="learner"),
    path("school-and-district/", views.system_goals, name="system-list"),
    path("school-and-district/<int:system_goal_id>/publish/", views.system_goal_publish, name="system-publish"),
    path("alignment/", views.alignment, name="alignment"),
]
