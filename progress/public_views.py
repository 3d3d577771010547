"""Public pages: anyone holding an attestation's address can check it; Open Badges JSON for verifiers."""

import segno
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.translation import gettext as _

from courses.models import Course

from . import services
from .pdf import attestation_pdf


def _base(request):
    return request.build_absolute_uri("/").rstrip("/")


def _attestation(token):
    attestation = services.attestation_by_token(token)
    if attestation is None:
        raise Http404
    return attestation


def attestation_verify(request, token):
    """The verification page the QR code points to; also the printable attestation."""
    attestation = _attestation(token)
    url = request.build_absolute_uri(attestation.get_absolute_url())
    qr_svg = segno.make(url, error="m").svg_inline(scale=3, title=_("Code QR de cette page de vérification"))
    response = render(
        request, "progress/attestation.html", {"attestation": attestation, "verify_url": url, "qr_svg": qr_svg}
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def attestation_download(request, token):
    attestation = _attestation(token)
    url = request.build_absolute_uri(attestation.get_absolute_url())
    response = HttpResponse(attestation_pdf(attestation, url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="attestation-{attestation.course.slug}.pdf"'
    return response


def badge_assertion(request, token):
    attestation = _attestation(token)
    return JsonResponse(
        services.badge_assertion(attestation, _base(request)), json_dumps_params={"ensure_ascii": False}
    )


def badge_class(request, slug):
    course = get_object_or_404(Course.objects.filter(track__self_enrolment=True), slug=slug)
    return JsonResponse(services.badge_class(course, _base(request)), json_dumps_params={"ensure_ascii": False})


def badge_issuer(request):
    return JsonResponse(services.badge_issuer(_base(request)))


def badge_image(request, slug):
    """The badge's picture: a plain SVG medal with the course title."""
    course = get_object_or_404(Course.objects.filter(track__self_enrolment=True), slug=slug)
    title = escape(course.title[:40])
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"
 role="img" aria-label="{title}">
<circle cx="128" cy="128" r="120" fill="#0d3d73"/><circle cx="128" cy="128" r="100" fill="#fff"/>
<text x="128" y="112" font-family="sans-serif" font-size="22" font-weight="bold" fill="#0d3d73"
 text-anchor="middle">Tremplin</text>
<text x="128" y="146" font-family="sans-serif" font-size="13" fill="#1a1a1a" text-anchor="middle">{title}</text>
<text x="128" y="180" font-family="sans-serif" font-size="28" fill="#1d6b34" text-anchor="middle">✔</text></svg>"""
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
