import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings")
django.setup()
from django.test import Client
from accounts.models import User, Cohort
from courses.models import Course, Lesson
c = Client(HTTP_HOST="127.0.0.1")
course = Course.objects.filter(track__slug="numerique-de-base").first()
lesson = Lesson.objects.filter(module__course=course).first()
cohort = Cohort.objects.first()
pages = ["/", "/cours/", f"/cours/{course.slug}/", f"/cours/{course.slug}/lecons/{lesson.pk}/", "/comptes/tableau-de-bord/", "/comptes/promos/", f"/comptes/promos/{cohort.pk}/", "/cours/atelier/", f"/cours/atelier/{course.slug}/", f"/cours/atelier/{course.slug}/modules/{lesson.module.pk}/lecons/{lesson.pk}/", "/comptes/mes-donnees/", "/comptes/suppressions/", "/comptes/promos/nouvelle/", "/cours/atelier/nouveau/", "/cours/atelier/parcours/nouveau/"]
for u in ["habitant","stagiaire","formateur","mediateur","coordinateur"]:
    c.force_login(User.objects.get(username=u))
    print(u, [(p.split('/')[-2] or p, c.get(p).status_code) for p in pages])
r = c.post(f"/cours/{course.slug}/inscription/")
