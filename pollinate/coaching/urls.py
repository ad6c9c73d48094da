from django.urls import path

from pollinate.coaching import views

app_name = "coaching"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("network/", views.network, name="network"),
    path("network/assign/", views.assignment_create, name="assignment-create"),
    path("network/<int:assignment_id>/end/", views.assignment_end, name="assignment-end"),
    path("caseloads/", views.caseload_sizes, name="caseload-sizes"),
    path("settings/<int:district_id>/", views.settings_update, name="settings-update"),
    path("cadence/", views.cadence, name="cadence"),
    path("cadence/<int:rule_id>/delete/", views.cadence_delete, name="cadence-delete"),
    path("closures/", views.closure_add, name="closure-add"),
    path("closures/<int:day_id>/remove/", views.closure_remove, name="closure-remove"),
    path("coverage/", views.coverage, name="coverage"),
    path("cycles/", views.cycles, name="cycles"),
    path("cycles/new/", views.cycle_create, name="cycle-create"),
    path("cycles/<int:cycle_id>/", views.cycle_detail, name="cycle-detail"),
    path("cycles/<int:cycle_id>/advance/", views.cycle_advance, name="cycle-advance"),
    path("cycles/<int:cycle_id>/share/", views.cycle_share, name="cycle-share"),
    path("check-ins/", views.check_ins, name="check-ins"),
    path("check-ins/new/", views.check_in_create, name="check-in-create"),
    path("check-ins/<int:check_in_id>/", views.check_in_detail, name="check-in-detail"),
    path("check-ins/<int:check_in_id>/mark/", views.check_in_mark, name="check-in-mark"),
    path("check-ins/<int:check_in_id>/share/", views.check_in_share, name="check-in-share"),
    path("check-ins/<int:check_in_id>/next-steps/", views.next_step_add, name="next-step-add"),
    path("check-ins/<int:check_in_id>/follow-up/", views.check_in_follow_up, name="check-in-follow-up"),
]
