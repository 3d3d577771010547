from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from courses import views as course_views

urlpatterns = [
    path("", course_views.home, name="home"),
    path("comptes/", include("accounts.urls")),
    path("cours/", include("courses.urls")),
    path("exercices/", include("exercises.urls")),
    path("parcours/", include("progress.urls")),
    path("", include("progress.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Lesson images; in production the front web server serves MEDIA_ROOT instead.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
]
