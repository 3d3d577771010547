from django.urls import path

from . import views

app_name = "exercises"
urlpatterns = [
    path("<int:pk>/", views.exercise_detail, name="exercise_detail"),
    path("soumissions/<int:pk>/", views.submission_detail, name="submission_detail"),
]
