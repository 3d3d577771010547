from django.urls import path

from . import kinds, views

app_name = "exercises"
urlpatterns = [
    path("<int:pk>/", views.exercise_detail, name="exercise_detail"),
    path("soumissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("suivi/", views.review_list, name="review_list"),
    path("soumissions/<int:pk>/note/", views.review_override, name="review_override"),
    path("soumissions/<int:pk>/commentaires/", views.review_comment, name="review_comment"),
    path("soumissions/<int:pk>/reponses-redigees/", views.review_manual, name="review_manual"),
    path("soumissions/<int:pk>/recorriger/", views.review_regrade, name="review_regrade"),
    path("<int:pk>/recorriger/", views.exercise_regrade, name="exercise_regrade"),
    path("atelier/<slug:slug>/modules/<int:module_pk>/nouveau/", views.exercise_form, name="exercise_create"),
    path("atelier/<int:pk>/", views.exercise_form, name="exercise_edit"),
    path("atelier/<int:pk>/publier/", views.exercise_publish, name="exercise_publish"),
    path("groupes/<int:pk>/simulations/", views.group_simulations, name="group_simulations"),
    path("promos/<int:pk>/echeances/", views.cohort_deadlines, name="cohort_deadlines"),
    path("echeances/<int:pk>/supprimer/", views.deadline_delete, name="deadline_delete"),
    path("echeances/", views.calendar, name="calendar"),
    path("echeances/nouvelle-adresse/", views.calendar_renew, name="calendar_renew"),
    path("echeances/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    # Each kind's own pages (a notebook's downloads, a web page's preview and screenshots).
    *kinds.urls(),
]
