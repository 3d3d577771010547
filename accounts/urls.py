from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inscription/", views.signup, name="signup"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("connexion/carte/<str:token>/", views.login_link, name="login_link"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("promos/", views.cohort_list, name="cohort_list"),
    path("promos/nouvelle/", views.cohort_create, name="cohort_create"),
    path("promos/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("promos/<int:pk>/apprenants/", views.learners_create, name="learners_create"),
    path("promos/<int:pk>/cartes/", views.login_cards, name="login_cards"),
    path("promos/<int:pk>/cartes/<str:batch>/", views.card_batch, name="card_batch"),
    path("promos/<int:pk>/apprenants/<int:learner_pk>/retirer/", views.learner_remove, name="learner_remove"),
    path("promos/<int:pk>/cours/", views.cohort_course, name="cohort_course"),
    path("promos/<int:pk>/apprenants/<int:learner_pk>/revoquer/", views.login_links_revoke, name="login_links_revoke"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_data_download, name="my_data_download"),
    path("suppressions/", views.deletion_requests, name="deletion_requests"),
    path("suppressions/<int:pk>/", views.deletion_request_process, name="deletion_request_process"),
]
