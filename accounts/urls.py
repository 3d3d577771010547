from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"
urlpatterns = [
    path("inscription/", views.signup, name="signup"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("connexion/carte/<str:token>/", views.login_link, name="login_link"),
    path("mon-compte/", views.my_account, name="my_account"),
    path("mon-compte/code-de-secours/", views.recovery_code, name="recovery_code"),
    path(
        "mon-compte/mot-de-passe/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "mon-compte/mot-de-passe/change/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("mot-de-passe-oublie/", views.password_forgotten, name="password_forgotten"),
    path(
        "mot-de-passe-oublie/courriel/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe-oublie/courriel/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe-oublie/courriel/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe-oublie/courriel/fait/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("promos/", views.cohort_list, name="cohort_list"),
    path("promos/nouvelle/", views.cohort_create, name="cohort_create"),
    path("promos/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("promos/<int:pk>/apprenants/", views.learners_create, name="learners_create"),
    path("promos/<int:pk>/cartes/", views.login_cards, name="login_cards"),
    path("promos/<int:pk>/cartes/<str:batch>/", views.card_batch, name="card_batch"),
    path("promos/<int:pk>/apprenants/<int:learner_pk>/retirer/", views.learner_remove, name="learner_remove"),
    path("promos/<int:pk>/apprenants/<int:learner_pk>/nom/", views.learner_rename, name="learner_rename"),
    path("promos/<int:pk>/cours/", views.cohort_course, name="cohort_course"),
    path("promos/<int:pk>/code/", views.cohort_join_code, name="cohort_join_code"),
    path("promos/<int:pk>/inviter/", views.cohort_invite, name="cohort_invite"),
    path("rejoindre/", views.join, name="join"),
    path("questions/", views.questions, name="questions"),
    path("promos/<int:pk>/apprenants/<int:learner_pk>/revoquer/", views.login_links_revoke, name="login_links_revoke"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_data_download, name="my_data_download"),
    path("suppressions/", views.deletion_requests, name="deletion_requests"),
    path("suppressions/<int:pk>/", views.deletion_request_process, name="deletion_request_process"),
]
