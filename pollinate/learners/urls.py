from django.urls import path

from pollinate.learners import views

app_name = "learners"
urlpatterns = [
    path("", views.my_profile, name="mine"),
    path("<int:learner_id>/", views.profile_detail, name="detail"),
    path("<int:learner_id>/edit/", views.profile_edit, name="edit"),
    path("class/", views.snapshot_index, name="snapshot-index"),
    path("class/<int:section_id>/", views.class_snapshot, name="class-snapshot"),
]
