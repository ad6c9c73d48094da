from django.urls import path

from pollinate.roster import views

app_name = "roster"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:run_id>/", views.run_detail, name="run"),
]
