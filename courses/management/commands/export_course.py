from django.core.management.base import BaseCommand, CommandError

from courses.models import Course
from courses.packages import export_course


class Command(BaseCommand):
    help = "Export a course as a package folder PATH/<slug>."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("path")

    def handle(self, slug, path, **options):
        course = Course.objects.select_related("track").filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course with slug {slug!r}.")
        folder = export_course(course, path)
        self.stdout.write(str(folder))
