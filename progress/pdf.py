"""The attestation as a one-page PDF (reportlab), with the QR code of its verification page."""

import io

import segno
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def attestation_pdf(attestation, verify_url):
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(_("Attestation — %(course)s") % {"course": attestation.course_title})
    pdf.setAuthor("Tremplin")
    pdf.setStrokeColorRGB(0.05, 0.24, 0.45)
    pdf.setLineWidth(3)
    pdf.rect(1.5 * cm, 1.5 * cm, width - 3 * cm, height - 3 * cm)
    pdf.setFillColorRGB(0.05, 0.24, 0.45)
    pdf.setFont("Helvetica-Bold", 30)
    pdf.drawCentredString(width / 2, height - 4.5 * cm, _("Attestation de réussite"))
    pdf.setFillColorRGB(0.1, 0.1, 0.1)
    pdf.setFont("Helvetica", 15)
    pdf.drawCentredString(width / 2, height - 6.5 * cm, _("Tremplin atteste que"))
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawCentredString(width / 2, height - 8 * cm, attestation.learner_name)
    pdf.setFont("Helvetica", 15)
    pdf.drawCentredString(width / 2, height - 9.5 * cm, _("a terminé le cours"))
    pdf.setFont("Helvetica-Bold", 19)
    pdf.drawCentredString(width / 2, height - 11 * cm, attestation.course_title[:90])
    pdf.setFont("Helvetica", 13)
    line = _("le %(date)s") % {"date": formats.date_format(attestation.issued_at, "DATE_FORMAT")}
    if attestation.duration_minutes:
        line += " · " + _("durée indicative : %(h)s") % {"h": _duration(attestation.duration_minutes)}
    pdf.drawCentredString(width / 2, height - 12.5 * cm, line)
    qr = segno.make(verify_url, error="m")
    image = io.BytesIO()
    qr.save(image, kind="png", scale=6, border=2)
    image.seek(0)
    pdf.drawImage(ImageReader(image), width - 7.5 * cm, 2.2 * cm, 4.5 * cm, 4.5 * cm)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(2.5 * cm, 3.6 * cm, _("Vérifier cette attestation :"))
    pdf.drawString(2.5 * cm, 3.0 * cm, verify_url)
    if attestation.revoked_at:
        pdf.setFillColorRGB(0.7, 0, 0)
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawCentredString(width / 2, 5 * cm, _("ATTESTATION RETIRÉE"))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _duration(minutes):
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"
