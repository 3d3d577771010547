import datetime

from django.urls import path, register_converter

from . import views


class MonthConverter:
    """2026-12 ↔ date(2026, 12, 1)."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1)  # ValueError (month 13) is a 404

    def to_url(self, value):
        return f"{value.year:04d}-{value.month:02d}"


register_converter(MonthConverter, "month")

app_name = "attendance"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("mois/<month:month>/", views.my_month, {"fmt": "html"}, name="my_month"),
    path("mois/<month:month>.pdf", views.my_month, {"fmt": "pdf"}, name="my_month_pdf"),
    path("mois/<month:month>.csv", views.my_month, {"fmt": "csv"}, name="my_month_csv"),
    path("groupes/<int:pk>/", views.cohort_sessions, name="cohort_sessions"),
    path("groupes/<int:pk>/<month:month>/", views.cohort_month, {"fmt": "html"}, name="cohort_month"),
    path("groupes/<int:pk>/<month:month>.pdf", views.cohort_month, {"fmt": "pdf"}, name="cohort_month_pdf"),
    path("groupes/<int:pk>/<month:month>.csv", views.cohort_month, {"fmt": "csv"}, name="cohort_month_csv"),
    path(
        "groupes/<int:pk>/<month:month>/<int:learner_pk>/",
        views.learner_month,
        {"fmt": "html"},
        name="learner_month",
    ),
    path(
        "groupes/<int:pk>/<month:month>/<int:learner_pk>.pdf",
        views.learner_month,
        {"fmt": "pdf"},
        name="learner_month_pdf",
    ),
    path(
        "groupes/<int:pk>/<month:month>/<int:learner_pk>.csv",
        views.learner_month,
        {"fmt": "csv"},
        name="learner_month_csv",
    ),
    path("seances/<int:pk>/", views.session_detail, name="session"),
    path("seances/<int:pk>/code", views.session_code, name="session_code"),
    path("seances/<int:pk>/signatures", views.session_signed_in, name="session_signed_in"),
    path("seances/<int:pk>/signer", views.session_sign, name="session_sign"),
    path("seances/<int:pk>/modifier", views.session_edit, name="session_edit"),
    path("seances/<int:pk>/supprimer", views.session_delete, name="session_delete"),
]
