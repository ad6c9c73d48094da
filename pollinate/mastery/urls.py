from django.urls import path

from pollinate.mastery import views

app_name = "mastery"
urlpatterns = [
    path("", views.my_progress, name="mine"),
    path("evidence/<int:evidence_id>/", views.evidence_score, name="score"),
    path("learner/<int:learner_id>/", views.learner_progress, name="progress"),
    path("learner/<int:learner_id>/why/<int:competency_id>/", views.why, name="why"),
    path("learner/<int:learner_id>/next-steps/", views.next_steps, name="next-steps"),
    path("next-steps/<int:activity_id>/dismiss/", views.suggestion_dismiss, name="dismiss"),
    path("next-steps/restore/", views.suggestions_restore, name="restore"),
    path("classes/", views.grid_index, name="grid-index"),
    path("classes/<int:section_id>/", views.class_grid, name="grid"),
    path("expectations/", views.expectations, name="expectations"),
    path("expectations/<int:expected_id>/delete/", views.expectation_delete, name="expectation-delete"),
    path("quick-checks/import/", views.quick_check_import, name="quick-check-import"),
    path("frameworks/<int:framework_id>/fit-quick-checks/", views.quick_check_chances_fit, name="quick-check-fit"),
    path("frameworks/<int:framework_id>/recalculation/", views.recalculation, name="recalculation"),
    path("activities/<int:activity_id>/competencies/", views.activity_align, name="activity-align"),
]
