from django.urls import path

from pollinate.inquiry import views

app_name = "inquiry"
urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("new/", views.inquiry_new, name="new"),
    path("questions/", views.essential_questions, name="questions"),
    path("<int:inquiry_id>/", views.inquiry_detail, name="detail"),
    path("<int:inquiry_id>/plan/", views.inquiry_plan, name="plan"),
    path("<int:inquiry_id>/findings/", views.inquiry_findings, name="findings"),
    path("<int:inquiry_id>/stage/", views.inquiry_stage, name="stage"),
    path("<int:inquiry_id>/sources/", views.inquiry_source, name="source-add"),
    path("<int:inquiry_id>/evidence/", views.inquiry_link_evidence, name="evidence-link"),
]
