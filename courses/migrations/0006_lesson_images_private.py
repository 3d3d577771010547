"""Lesson images leave the public /media/ folder: each is linked to the lessons that show it and
served by a view that checks access. Lesson bodies pointing at /media/lessons/... are rewritten."""

import re

from django.db import migrations, models

OLD_URL = re.compile(r"/media/(lessons/[^\"'\s<>)]+)")


def link_images(apps, schema_editor):
    Lesson = apps.get_model("courses", "Lesson")
    LessonImage = apps.get_model("courses", "LessonImage")
    by_name = dict(LessonImage.objects.values_list("image", "pk"))
    for lesson in Lesson.objects.filter(body__contains="/media/lessons/"):
        linked = []

        def new_url(match, linked=linked):
            pk = by_name.get(match.group(1))
            if pk is None:
                return match.group(0)
            linked.append(pk)
            return f"/cours/fichiers/images/{pk}/"

        lesson.body = OLD_URL.sub(new_url, lesson.body)
        lesson.save(update_fields=["body"])
        for pk in linked:
            LessonImage.lessons.through.objects.get_or_create(lessonimage_id=pk, lesson_id=lesson.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_lesson_notebook_images"),
    ]

    operations = [
        migrations.AddField(
            model_name="lessonimage",
            name="lessons",
            field=models.ManyToManyField(blank=True, related_name="images", to="courses.lesson"),
        ),
        migrations.RunPython(link_images, migrations.RunPython.noop),
    ]
