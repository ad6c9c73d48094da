from django.urls import path

from pollinate.competencies import views

app_name = "competencies"
urlpatterns = [
    path("", views.framework_list, name="framework-list"),
    path("new/", views.framework_create, name="framework-create"),
    path("import/", views.case_import_page, name="case-import"),
    path("<int:framework_id>/", views.framework_detail, name="framework-detail"),
    path("<int:framework_id>/edit/", views.framework_edit, name="framework-edit"),
    path("<int:framework_id>/mastery/", views.framework_method, name="framework-method"),
    path("<int:framework_id>/competencies/", views.competency_add, name="competency-add"),
    path("competency/<int:competency_id>/", views.competency_detail, name="competency-detail"),
    path("competency/<int:competency_id>/edit/", views.competency_edit, name="competency-edit"),
    path("competency/<int:competency_id>/move/", views.competency_move, name="competency-move"),
    path("competency/<int:competency_id>/remove/", views.competency_remove, name="competency-remove"),
    path("scales/", views.scale_list, name="scale-list"),
    path("scales/new/", views.scale_create, name="scale-create"),
    path("scales/<int:scale_id>/edit/", views.scale_edit, name="scale-edit"),
]
