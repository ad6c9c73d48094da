from django.urls import path

from pollinate.teams import views

app_name = "teams"
urlpatterns = [
    path("", views.my_teams, name="mine"),
    path("new/", views.team_create, name="create"),
    path("overview/", views.overview, name="overview"),
    path("<int:team_id>/", views.team_detail, name="detail"),
    path("<int:team_id>/edit/", views.team_edit, name="edit"),
    path("<int:team_id>/members/", views.member_add, name="member-add"),
    path("<int:team_id>/members/<int:person_id>/remove/", views.member_remove, name="member-remove"),
    path("<int:team_id>/stage/", views.stage_move, name="stage-move"),
    path("<int:team_id>/meetings/new/", views.meeting_create, name="meeting-create"),
]
