from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_required
from config.files import IMAGE, check_upload, serve_stored_file

from . import selectors, services
from .forms import CourseForm, CourseImportForm, LessonForm, ModuleForm, TrackForm
from .models import Lesson, Module
from .notebook_html import image_response, with_image_urls


def home(request):
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    return render(request, "home.html", {"tracks": selectors.catalogue()})


def catalogue(request):
    enrolled = set()
    if request.user.is_authenticated and request.user.is_learner:
        enrolled = {c.pk for c in services.learner_courses(request.user)}
    return render(request, "courses/catalogue.html", {"tracks": selectors.catalogue(), "enrolled": enrolled})


def course_detail(request, slug):
    course = services.access_course(request.user, slug)
    can_edit = services.can_edit_course(request.user, course)
    outline = services.course_outline(course, request.user, include_drafts=can_edit)
    context = {
        "course": course,
        "outline": outline,
        "enrolled": services.is_enrolled(request.user, course),
        "can_edit": can_edit,
    }
    return render(request, "courses/course_detail.html", context)


@login_required
@require_POST
def enrol(request, slug):
    course = services.access_course(request.user, slug)
    try:
        services.enrolment_create(user=request.user, course=course)
    except PermissionDenied:
        messages.error(request, _("Ce cours est réservé aux promos inscrites par leur formateur."))
        return redirect(course)
    messages.success(request, _("Inscription enregistrée : « %(course)s ».") % {"course": course.title})
    first = services.resume_lesson(request.user, course)
    return redirect(first.url if first else course.get_absolute_url())


@login_required
def resume(request, slug):
    course = services.access_course(request.user, slug)
    item = services.resume_lesson(request.user, course)
    return redirect(item.url if item else course.get_absolute_url())


def _invite_to_enrol(request, course):
    """Someone not enrolled opens a lesson: invited to enrol where the track allows it, refused elsewhere."""
    if not course.track.self_enrolment:
        raise PermissionDenied
    messages.info(request, _("Inscrivez-vous à ce cours pour lire ses leçons : c’est gratuit."))
    return redirect(course)


@login_required
def lesson_detail(request, slug, pk):
    course = services.access_course(request.user, slug)
    try:
        lesson = services.access_lesson(request.user, course, pk)
    except PermissionDenied:
        return _invite_to_enrol(request, course)
    preview = services.can_edit_course(request.user, course)
    outline = services.course_outline(course, request.user, include_drafts=preview)
    previous, following = outline.neighbours(("lesson", lesson.pk))
    services.lesson_visit(user=request.user, lesson=lesson, course=course)
    context = {
        "course": course,
        "lesson": lesson,
        "outline": outline,
        "previous": previous,
        "following": following,
        "is_done": lesson.pk in outline.completed_ids,
        "preview": preview and not lesson.is_published,
        "body": with_image_urls(
            lesson.body, lambda n: reverse("courses:lesson_notebook_image", args=[slug, lesson.pk, n])
        )
        if lesson.is_notebook
        else lesson.body,
    }
    return render(request, "courses/lesson_detail.html", context)


@login_required
def lesson_notebook(request, slug, pk):
    """A notebook lesson's .ipynb, for whoever may read the lesson."""
    course = services.access_course(request.user, slug)
    try:
        lesson = services.access_lesson(request.user, course, pk)
    except PermissionDenied:
        return _invite_to_enrol(request, course)
    if not lesson.is_notebook:
        raise Http404
    response = HttpResponse(lesson.notebook.encode("utf-8"), content_type="application/x-ipynb+json")
    response["Content-Disposition"] = f'attachment; filename="{lesson.slug}.ipynb"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def lesson_notebook_image(request, slug, pk, index):
    """A picture of a notebook lesson (a chart), served apart from the page, for whoever may read the lesson."""
    course = services.access_course(request.user, slug)
    try:
        lesson = services.access_lesson(request.user, course, pk)
    except PermissionDenied:
        return _invite_to_enrol(request, course)
    return image_response(lesson.notebook_images, index)


@login_required
@require_POST
def lesson_complete(request, slug, pk):
    course = services.access_course(request.user, slug)
    lesson = services.access_lesson(request.user, course, pk)
    if request.POST.get("done") == "0":
        services.lesson_uncomplete(user=request.user, lesson=lesson)
    else:
        services.lesson_complete(user=request.user, lesson=lesson)
    outline = services.course_outline(course, request.user)
    previous, following = outline.neighbours(("lesson", lesson.pk)) if lesson.is_published else (None, None)
    context = {
        "course": course,
        "lesson": lesson,
        "outline": outline,
        "previous": previous,
        "following": following,
        "is_done": lesson.pk in outline.completed_ids,
    }
    if request.htmx:
        return render(request, "courses/lesson_detail.html#completion", context)
    return redirect(lesson.get_absolute_url())


# ---------------------------------------------------------------- authoring


@login_required
def authoring(request):
    if not request.user.can_author:
        raise PermissionDenied
    return render(request, "courses/authoring.html", {"courses": selectors.authored_courses(request.user)})


@login_required
def course_create(request):
    if not request.user.can_author:
        raise PermissionDenied
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = services.course_create(author=request.user, **form.cleaned_data)
        messages.success(request, _("Cours créé, en brouillon."))
        return redirect("courses:course_edit", slug=course.slug)
    return render(request, "courses/course_form.html", {"form": form})


@login_required
def course_edit(request, slug):
    course = services.access_course_for_edit(request.user, slug)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        course = form.save()
        messages.success(request, _("Cours enregistré."))
        return redirect("courses:course_edit", slug=course.slug)
    outline = services.course_outline(course, request.user, include_drafts=True)
    return render(request, "courses/course_edit.html", {"course": course, "form": form, "outline": outline})


@login_required
@require_POST
def course_publish(request, slug):
    course = services.access_course_for_edit(request.user, slug)
    published = request.POST.get("published") == "1"
    services.set_status(item=course, published=published)
    messages.success(request, _("Cours publié.") if published else _("Cours repassé en brouillon."))
    return redirect("courses:course_edit", slug=course.slug)


@login_required
def module_form(request, slug, pk=None):
    course = services.access_course_for_edit(request.user, slug)
    module = get_object_or_404(Module, pk=pk, course=course) if pk else None
    form = ModuleForm(request.POST or None, instance=module, course=course)
    if request.method == "POST" and form.is_valid():
        if module:
            form.save()
        else:
            services.module_create(course=course, **form.cleaned_data)
        messages.success(request, _("Module enregistré."))
        return redirect("courses:course_edit", slug=course.slug)
    return render(request, "courses/module_form.html", {"course": course, "module": module, "form": form})


@login_required
def lesson_form(request, slug, module_pk, pk=None):
    course = services.access_course_for_edit(request.user, slug)
    module = get_object_or_404(Module, pk=module_pk, course=course)
    lesson = get_object_or_404(Lesson, pk=pk, module=module) if pk else None
    form = LessonForm(request.POST or None, instance=lesson, module=module)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        body = data.pop("body", None)
        if lesson:
            lesson = services.lesson_save(lesson=form.save(commit=False), body=body)
        else:
            lesson = services.lesson_create(module=module, body=body, **data)
        messages.success(request, _("Leçon enregistrée."))
        if "publish" in request.POST:
            services.set_status(item=lesson, published=True)
            messages.success(request, _("Leçon publiée."))
        return redirect("courses:lesson_edit", slug=course.slug, module_pk=module.pk, pk=lesson.pk)
    context = {"course": course, "module": module, "lesson": lesson, "form": form}
    return render(request, "courses/lesson_form.html", context)


@login_required
@require_POST
def lesson_publish(request, slug, pk):
    course = services.access_course_for_edit(request.user, slug)
    lesson = get_object_or_404(Lesson, pk=pk, module__course=course)
    services.set_status(item=lesson, published=request.POST.get("published") == "1")
    return _outline_response(request, course)


@login_required
@require_POST
def item_move(request, slug, kind, pk):
    """Up/down buttons: a plain form post, swapped in place by htmx when available."""
    course = services.access_course_for_edit(request.user, slug)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    if kind == "module":
        services.module_move(module=get_object_or_404(Module, pk=pk, course=course), direction=direction)
    elif kind in ("lesson", "exercise"):
        services.activity_move(course=course, user=request.user, key=(kind, pk), direction=direction)
    else:
        raise Http404
    return _outline_response(request, course)


def _outline_response(request, course):
    if request.htmx:
        outline = services.course_outline(course, request.user, include_drafts=True)
        return render(request, "courses/course_edit.html#outline", {"course": course, "outline": outline})
    return redirect("courses:course_edit", slug=course.slug)


@login_required
@require_POST
def image_upload(request):
    """CKEditor 5 image upload: authors only, a real image (decoded by Pillow), stored downscaled and
    without metadata, 2 MiB at most once downscaled."""
    if not request.user.can_author:
        return JsonResponse({"error": {"message": _("Vous ne pouvez pas envoyer d'image.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("Aucun fichier reçu.")}}, status=400)
    try:
        upload = check_upload(upload, allowed=[IMAGE], max_bytes=settings.LESSON_IMAGE_MAX_BYTES)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    image = services.lesson_image_create(upload=upload, by=request.user)
    return JsonResponse({"url": image.get_absolute_url()})


@login_required
def lesson_image(request, pk):
    """A lesson picture, with the permission of the lessons that show it."""
    return serve_stored_file(services.access_lesson_image(request.user, pk).image)


@login_required
def course_import(request):
    """Send a course package (zip): stored, then imported by a worker; the job's page follows it."""
    if not request.user.can_author:
        raise PermissionDenied
    form = CourseImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.course_import_create(by=request.user, upload=form.cleaned_data["package"])
        return redirect(job)
    context = {"form": form, "imports": selectors.course_imports_of(request.user)}
    return render(request, "courses/course_import.html", context, status=400 if form.errors else 200)


@login_required
def course_import_detail(request, pk):
    """Where an import stands, then its result; htmx polls the status fragment until it is over."""
    job = services.access_course_import(request.user, pk)
    template = "courses/course_import_detail.html"
    return render(request, f"{template}#status" if request.htmx else template, {"job": job})


@login_required
def course_export(request, slug):
    """The course as a package zip, for those who may author it."""
    course = services.access_course_for_edit(request.user, slug)
    response = HttpResponse(services.course_package(course), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{course.slug}.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@coordinator_required
def track_create(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Parcours créé."))
        return redirect("courses:catalogue")
    return render(request, "courses/track_form.html", {"form": form})
