from django.urls import path

from pollinate.reflections import views

app_name = "reflections"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.reflection_new, name="new"),
    path("learner/<int:learner_id>/", views.timeline, name="timeline"),
    path("<int:reflection_id>/", views.detail, name="detail"),
    path("<int:reflection_id>/sharing/", views.set_sharing, name="sharing"),
    path("feedback/evidence/<int:evidence_id>/", views.feedback_add_evidence, name="feedback-add-evidence"),
    path("feedback/reflection/<int:reflection_id>/", views.feedback_add_reflection, name="feedback-add-reflection"),
    path("prompts/", views.prompts, name="prompts"),
    path("prompts/<int:prompt_id>/active/", views.prompt_toggle, name="prompt-toggle"),
]
