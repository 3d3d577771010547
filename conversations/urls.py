from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("<int:learner_pk>/<slug:name>/<int:pk>/", views.thread, name="thread"),
]
