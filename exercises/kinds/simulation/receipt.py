"""The receipt of a simulated procedure, as a one-page PDF, marked as a simulation on every line that
matters: the portal, the procedure, the file number, the date, and the answers as they were sent."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas


def receipt_pdf(run):
    scenario, state = run.scenario, run.state
    portal = scenario["portal"]
    buffer = io.BytesIO()
    width, height = A4
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("Récépissé — %(procedure)s (simulation)") % {"procedure": portal["procedure"]})
    pdf.setAuthor("Tremplin")
    pdf.setFillColorRGB(0.7, 0.35, 0)
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawCentredString(width / 2, height - 2 * cm, _("SIMULATION — ce document n’a aucune valeur"))
    pdf.setFillColorRGB(0.1, 0.1, 0.1)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(2 * cm, height - 3.2 * cm, f"{portal['name'][:90]} · {portal['address'][:60]}")
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(2 * cm, height - 4.5 * cm, _("Récépissé de dépôt"))
    pdf.setFont("Helvetica", 12)
    lines = [
        portal["procedure"][:90],
        _("Numéro de dossier : %(n)s") % {"n": state["submitted"]},
        _("Déposé le %(date)s") % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
    ]
    y = height - 5.7 * cm
    for line in lines:
        pdf.drawString(2 * cm, y, line)
        y -= 0.7 * cm
    for page in run.simulator.pages(scenario):
        y -= 0.4 * cm
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(2 * cm, y, page["title"][:90])
        pdf.setFont("Helvetica", 11)
        for field in page["fields"]:
            y -= 0.6 * cm
            if y < 2 * cm:
                break
            value = state["answers"].get(page["id"], {}).get(field["id"], "")
            pdf.drawString(2.5 * cm, y, f"{field['label'][:50]} : {value[:60]}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
