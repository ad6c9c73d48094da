from django.urls import path

from pollinate.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.evidence_list, name="list"),
    path("add/", views.evidence_add, name="add"),
    path("<int:evidence_id>/", views.evidence_detail, name="detail"),
    path("<int:evidence_id>/edit/", views.evidence_edit, name="edit"),
    path("<int:evidence_id>/delete/", views.evidence_delete, name="delete"),
    path("<int:evidence_id>/portfolio/", views.portfolio_toggle, name="portfolio-toggle"),
    path("<int:evidence_id>/file", views.evidence_file, name="file"),
    path("<int:evidence_id>/thumbnail", views.evidence_thumbnail, name="thumbnail"),
    path("learner/<int:learner_id>/", views.learner_evidence, name="learner"),
    path("portfolio/", views.portfolio_index, name="portfolio-index"),
    path("settings/", views.district_settings, name="district-settings"),
    path("portfolio/<int:learner_id>/", views.portfolio, name="portfolio"),
    # Public showcase: only pieces their learner shared publicly; open without signing in.
    path("showcase/<int:learner_id>/", views.showcase, name="showcase"),
    path("showcase/piece/<int:evidence_id>/", views.showcase_piece, name="showcase-piece"),
    path("showcase/piece/<int:evidence_id>/file", views.showcase_file, name="showcase-file"),
    path("showcase/piece/<int:evidence_id>/thumbnail", views.showcase_thumbnail, name="showcase-thumbnail"),
]
