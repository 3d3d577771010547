from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("atelier/", views.authoring, name="authoring"),
    path("atelier/nouveau/", views.course_create, name="course_create"),
    path("atelier/parcours/nouveau/", views.track_create, name="track_create"),
    path("atelier/image/", views.image_upload, name="image_upload"),
    path("atelier/importer/", views.course_import, name="course_import"),
    path("atelier/importer/<int:pk>/", views.course_import_detail, name="course_import_detail"),
    path("fichiers/images/<int:pk>/", views.lesson_image, name="lesson_image"),
    path("atelier/<slug:slug>/", views.course_edit, name="course_edit"),
    path("atelier/<slug:slug>/publier/", views.course_publish, name="course_publish"),
    path("atelier/<slug:slug>/exporter/", views.course_export, name="course_export"),
    path("atelier/<slug:slug>/modules/nouveau/", views.module_form, name="module_create"),
    path("atelier/<slug:slug>/modules/<int:pk>/", views.module_form, name="module_edit"),
    path("atelier/<slug:slug>/modules/<int:module_pk>/lecons/nouvelle/", views.lesson_form, name="lesson_create"),
    path("atelier/<slug:slug>/modules/<int:module_pk>/lecons/<int:pk>/", views.lesson_form, name="lesson_edit"),
    path("atelier/<slug:slug>/lecons/<int:pk>/publier/", views.lesson_publish, name="lesson_publish"),
    path("atelier/<slug:slug>/deplacer/<str:kind>/<int:pk>/", views.item_move, name="item_move"),
    path("<slug:slug>/", views.course_detail, name="course_detail"),
    path("<slug:slug>/inscription/", views.enrol, name="enrol"),
    path("<slug:slug>/reprendre/", views.resume, name="resume"),
    path("<slug:slug>/lecons/<int:pk>/", views.lesson_detail, name="lesson_detail"),
    path("<slug:slug>/lecons/<int:pk>/terminee/", views.lesson_complete, name="lesson_complete"),
    path("<slug:slug>/lecons/<int:pk>/notebook.ipynb", views.lesson_notebook, name="lesson_notebook"),
    path(
        "<slug:slug>/lecons/<int:pk>/notebook/images/<int:index>.png",
        views.lesson_notebook_image,
        name="lesson_notebook_image",
    ),
]
