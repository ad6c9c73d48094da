from django.urls import path

from pollinate.people import views

app_name = "people"
urlpatterns = [
    path("schools/", views.school_list, name="school-list"),
    path("classes/", views.section_list, name="section-list"),
    path("classes/<int:section_id>/", views.section_detail, name="section-detail"),
    path("<int:person_id>/", views.person_detail, name="person-detail"),
    path("audit/", views.audit_log, name="audit-log"),
]
