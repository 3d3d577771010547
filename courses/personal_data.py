"""courses' part of a person's data (accounts.personal_data)."""

from accounts.personal_data import Section, stored_file

from .models import Course, CourseImport, Enrolment, LessonCompletion, LessonImage


class CourseData:
    def export(self, user):
        enrolments = Enrolment.objects.filter(user=user).select_related("course", "last_lesson")
        completions = LessonCompletion.objects.filter(user=user).select_related("lesson__module__course")
        authored = Course.authors.through.objects.filter(user=user).select_related("course")
        images = LessonImage.objects.filter(uploaded_by=user)
        imports = CourseImport.objects.defer("package").filter(requested_by=user)
        imported = CourseImport.courses.through.objects.filter(courseimport__requested_by=user).select_related("course")
        return [
            Section(
                "inscriptions",
                "Les cours où vous êtes inscrit, et la dernière leçon ouverte",
                "courses.Enrolment",
                [
                    {
                        "id": e.pk,
                        "course": e.course.title,
                        "enrolled_at": e.created_at,
                        "last_seen_at": e.last_seen_at,
                        "last_lesson": e.last_lesson and e.last_lesson.title,
                    }
                    for e in enrolments
                ],
            ),
            Section(
                "lecons_terminees",
                "Les leçons que vous avez marquées comme terminées",
                "courses.LessonCompletion",
                [
                    {
                        "id": c.pk,
                        "course": c.lesson.module.course.title,
                        "lesson": c.lesson.title,
                        "completed_at": c.completed_at,
                    }
                    for c in completions
                ],
            ),
            Section(
                "cours_ecrits",
                "Les cours dont vous êtes auteur",
                "courses.Course_authors",
                [{"id": a.pk, "course": a.course.title} for a in authored],
            ),
            Section(
                "images_de_lecons",
                "Les images que vous avez envoyées pour des leçons",
                "courses.LessonImage",
                [
                    {
                        "id": i.pk,
                        "uploaded_at": i.uploaded_at,
                        "file": f"fichiers/images/{i.pk}-{i.image.name.rsplit('/', 1)[-1]}",
                    }
                    for i in images
                ],
                [
                    (f"fichiers/images/{i.pk}-{i.image.name.rsplit('/', 1)[-1]}", data)
                    for i in images
                    if (data := stored_file(i.image)) is not None
                ],
            ),
            Section(
                "imports_de_cours",
                "Les paquets de cours (zip) que vous avez envoyés pour import, et leur résultat",
                "courses.CourseImport",
                [
                    {
                        "id": j.pk,
                        "file": j.filename,
                        "status": j.status,
                        "sent_at": j.created_at,
                        "started_at": j.started_at,
                        "finished_at": j.finished_at,
                        "messages": j.messages,
                    }
                    for j in imports
                ],
            ),
            Section(
                "cours_importes",
                "Les cours créés ou mis à jour par ces imports",
                "courses.CourseImport_courses",
                [{"id": link.pk, "import": link.courseimport_id, "course": link.course.title} for link in imported],
            ),
        ]
