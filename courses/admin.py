from django.contrib import admin

from .models import Course, Lesson, Module, Track


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "self_enrolment", "order")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "track", "status", "level")
    list_filter = ("track", "status")
    filter_horizontal = ("authors", "cohorts")


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "order")


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "module", "status", "order")
    exclude = ("body",)
    readonly_fields = ("source", "notebook")
