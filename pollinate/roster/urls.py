from django.urls import path

from pollinate.roster import views

app_name = "roster"
urlpatterns = [
    path("import/", views.import_page, name="import"),
]
