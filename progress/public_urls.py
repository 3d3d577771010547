from django.urls import path

from . import public_views as views

urlpatterns = [
    path("attestations/<str:token>/", views.attestation_verify, name="attestation_verify"),
    path("attestations/<str:token>/attestation.pdf", views.attestation_download, name="attestation_download"),
    path("attestations/<str:token>/badge.json", views.badge_assertion, name="badge_assertion"),
    path("badges/emetteur.json", views.badge_issuer, name="badge_issuer"),
    path("badges/<slug:slug>.json", views.badge_class, name="badge_class"),
    path("badges/<slug:slug>.svg", views.badge_image, name="badge_image"),
]
