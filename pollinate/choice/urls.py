from django.urls import path

from pollinate.choice import views

app_name = "choice"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.pathway_create, name="create"),
    path("<int:pathway_id>/", views.pathway_detail, name="detail"),
    path("<int:pathway_id>/edit/", views.pathway_edit, name="edit"),
    path("<int:pathway_id>/activities/", views.activity_add, name="activity-add"),
    path("<int:pathway_id>/publish/", views.pathway_publish, name="publish"),
    path("<int:pathway_id>/items/<int:item_id>/move/", views.item_move, name="item-move"),
    path("<int:pathway_id>/items/<int:item_id>/remove/", views.item_remove, name="item-remove"),
    path("<int:pathway_id>/choose/<int:activity_id>/", views.choose, name="choose"),
    path("<int:pathway_id>/propose/", views.propose, name="propose"),
    path("<int:pathway_id>/progress/", views.progress, name="progress"),
    path("picks/<int:choice_id>/status/", views.choice_status, name="choice-status"),
    path("picks/<int:choice_id>/drop/", views.choice_drop, name="choice-drop"),
    path("proposals/<int:activity_id>/review/", views.proposal_review, name="proposal-review"),
]
