from django.urls import path

from . import views

app_name = "progress"
urlpatterns = [
    path("", views.my_path, name="my_path"),
    path("reussites/", views.achievements, name="achievements"),
    path("observations/<int:pk>/fichier/", views.evidence_file, name="evidence_file"),
    path("reussites/partage/", views.sharing, name="sharing"),
    path("accompagnement/", views.accompaniment, name="accompaniment"),
    path("positionnement/", views.positioning, name="positioning"),
    path("positionnement/resultats/<int:pk>/", views.placement, name="placement"),
    path("positionnement/atelier/", views.positioning_authoring, name="positioning_authoring"),
    path("positionnement/atelier/nouveau/", views.positioning_edit, name="positioning_create"),
    path("positionnement/atelier/<int:pk>/", views.positioning_edit, name="positioning_edit"),
    path("positionnement/<slug:slug>/", views.positioning_take, name="positioning_take"),
    path("indicateurs/", views.indicators, name="indicators"),
    path("indicateurs.csv", views.indicators_export, name="indicators_export"),
    path("promos/<int:pk>/", views.cohort_dashboard, name="cohort_dashboard"),
    path("promos/<int:pk>/competences.csv", views.cohort_export, name="cohort_export"),
    path("promos/<int:pk>/apprenants/<int:learner_pk>/", views.learner_detail, name="learner_detail"),
    path("promos/<int:pk>/apprenants/<int:learner_pk>/livret/", views.learner_booklet, name="learner_booklet"),
    path(
        "promos/<int:pk>/apprenants/<int:learner_pk>/competences/<int:competence_pk>/",
        views.competence_decide,
        name="competence_decide",
    ),
]
