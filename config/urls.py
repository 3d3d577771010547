from django.contrib import admin
from django.urls import include, path

from config import operations
from courses import views as course_views

urlpatterns = [
    path("", course_views.home, name="home"),
    path("sante/", operations.health, name="health"),
    path("sante/tableau/", operations.health_page, name="health_page"),
    path("metrics", operations.metrics, name="metrics"),
    path("comptes/", include("accounts.urls")),
    path("cours/", include("courses.urls")),
    path("exercices/", include("exercises.urls")),
    path("parcours/", include("progress.urls")),
    path("notifications/", include("notifications.urls")),
    path("discussions/", include("conversations.urls")),
    path("emargement/", include("attendance.urls")),
    path("", include("progress.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # No URL serves MEDIA_ROOT: every stored file goes through a view that checks access (config/files.py).
]

handler500 = "config.views.server_error"
