from django.db import migrations

TRACKS = [
    {
        "slug": "numerique-de-base",
        "title": "Numérique de base",
        "description": "Pour tous : courriel, démarches en ligne, arnaques, données personnelles. À votre rythme.",
        "self_enrolment": True,
        "order": 1,
    },
    {
        "slug": "ecole-du-web",
        "title": "École du web",
        "description": "La formation de développeur web et web mobile, suivie en promo avec vos formateurs.",
        "self_enrolment": False,
        "order": 2,
    },
]


def create_tracks(apps, schema_editor):
    Track = apps.get_model("courses", "Track")
    for track in TRACKS:
        Track.objects.get_or_create(slug=track["slug"], defaults=track)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(create_tracks, migrations.RunPython.noop)]
