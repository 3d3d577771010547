from django.contrib import admin

from .models import Block, Competence, Qualification


class BlockInline(admin.TabularInline):
    model = Block
    extra = 0
    fields = ("order", "code", "title")


class CompetenceInline(admin.TabularInline):
    model = Competence
    extra = 0
    fields = ("order", "code", "short", "title")


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    """Coordinators add and edit frameworks and their acquisition policy here."""

    list_display = ("code", "title", "kind", "version", "threshold", "requires_validation")
    list_filter = ("kind",)
    search_fields = ("code", "title")
    filter_horizontal = ("cohorts", "learners")
    fieldsets = (
        (None, {"fields": ("code", "title", "kind", "version", "level", "description")}),
        (
            "Politique d'acquisition",
            {"fields": ("threshold", "exercise_weight", "lesson_weight", "requires_validation")},
        ),
        ("Qui la suit", {"fields": ("cohorts", "learners")}),
    )
    inlines = [BlockInline]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "qualification", "order")
    list_filter = ("qualification",)
    inlines = [CompetenceInline]


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ("code", "short", "title", "block")
    list_filter = ("block__qualification",)
    search_fields = ("code", "title")
