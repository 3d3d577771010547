from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from config.files import SCRIPT as UPLOADS_SCRIPT
from config.files import file_input, upload_limits

from .models import Course, Lesson, Module, Track
from .package_archives import MAX_ZIP_BYTES, archive_problems
from .package_files import split_location
from .qualifications import CompetenceCodesField


class RichTextEditor(CKEditor5Widget):
    """CKEditor 5 whose pictures (courses:image_upload) are downscaled in the browser before they are
    sent, and refused there when they cannot be made small enough; the server checks again."""

    class Media:
        js = [forms.Script(UPLOADS_SCRIPT, defer=True)]

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        return {**attrs, **upload_limits(max_bytes=settings.LESSON_IMAGE_MAX_BYTES, images=True)}


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = ("title", "slug", "description", "self_enrolment", "order")
        labels = {"slug": _("Adresse courte")}


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ("title", "slug", "track", "summary", "level", "language", "duration_minutes")
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        labels = {"slug": _("Adresse courte")}
        help_texts = {"slug": _("Utilisée dans l’adresse de la page : minuscules, chiffres et tirets.")}


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ("title", "slug", "summary")
        labels = {"slug": _("Adresse courte")}
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        clash = Module.objects.filter(course=self.course, slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Un autre module de ce cours utilise déjà cette adresse courte."), code="duplicate")
        return slug


class LessonForm(forms.ModelForm):
    body = forms.CharField(label=_("Contenu"), required=False, widget=RichTextEditor(config_name="default"))

    class Meta:
        model = Lesson
        fields = ("title", "slug", "duration_minutes", "competences", "body")
        labels = {"slug": _("Adresse courte")}
        field_classes = {"competences": CompetenceCodesField}

    def __init__(self, *args, module, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        if self.instance.is_notebook:
            del self.fields["body"]  # rendered from the notebook, which is edited in the course package

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        clash = Lesson.objects.filter(module=self.module, slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(
                _("Une autre leçon de ce module utilise déjà cette adresse courte."), code="duplicate"
            )
        return slug


MAX_SHOWN_PROBLEMS = 20


def _located(problem):
    location, message = split_location(problem)
    return f"{location} : {message}" if location else message


class CourseImportForm(forms.Form):
    package = forms.FileField(
        label=_("Paquet du cours (.zip)"),
        help_text=format_lazy(
            _(
                "Le dossier du cours compressé en .zip, tel que le donne « Exporter (.zip) » ({max} au plus). "
                "Un cours qui existe déjà est mis à jour ; les inscriptions et les leçons terminées sont gardées."
            ),
            max=lazy(filesizeformat, str)(MAX_ZIP_BYTES),
        ),
        widget=file_input(accept=".zip,application/zip", max_bytes=MAX_ZIP_BYTES),
    )

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if upload.size > MAX_ZIP_BYTES:
            raise ValidationError(
                _("Fichier trop lourd (%(size)s) : %(max)s au plus."),
                code="too_big",
                params={"size": filesizeformat(upload.size), "max": filesizeformat(MAX_ZIP_BYTES)},
            )
        problems = archive_problems(upload)
        if problems:
            shown = problems[:MAX_SHOWN_PROBLEMS]
            if len(problems) > len(shown):
                shown.append(_("… et %(n)s autres problèmes du même genre.") % {"n": len(problems) - len(shown)})
            raise ValidationError([ValidationError(_located(problem), code="bad_package") for problem in shown])
        return upload
