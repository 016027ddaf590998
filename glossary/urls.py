from django.urls import path

from . import views

app_name = "glossary"

urlpatterns = [
    path("", views.term_list, name="list"),
    path("<int:number>/", views.term_detail, name="term"),
    path("glossary.csv", views.term_csv, name="csv"),
]
