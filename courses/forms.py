from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from progress.forms import CompetenceCodesField

from .models import Course, Lesson, Module, Track


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
    body = forms.CharField(
        label=_("Contenu"), required=False, widget=CKEditor5Widget(config_name="default")
    )

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
            raise ValidationError(_("Une autre leçon de ce module utilise déjà cette adresse courte."), code="duplicate")
        return slug

