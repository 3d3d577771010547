"""The monthly attendance sheets as PDF (reportlab) and CSV: per learner, session by session, and per
group, learner by learner, with the hours. The trainer's signature of each session is printed with its
name and time; the estimated time on the platform is a separate line, never added to the hours."""

import csv
import io
from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Presence

# DejaVu has the letters of every name (Ş, Ł, Ğ, ı…), Helvetica only Latin-1 (fonts-dejavu-core, Makefile).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fonts():
    try:
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", DEJAVU / "DejaVuSans.ttf"))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", DEJAVU / "DejaVuSans-Bold.ttf"))
        return "DejaVuSans", "DejaVuSans-Bold"
    except OSError:
        return "Helvetica", "Helvetica-Bold"


def hours_text(minutes):
    """3 h 30, 12 h, 0 h 45."""
    hours, rest = divmod(int(minutes or 0), 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def hours_number(minutes):
    """Hours as a decimal number in the active language (3,5 in French), for spreadsheets."""
    return formats.number_format(round((minutes or 0) / 60, 2), 2)


def month_title(month):
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def status_text(presence, upcoming=False):
    if upcoming:
        return _("À venir")
    if presence is None:
        return _("Non noté")
    text = presence.get_status_display()
    if presence.status != Presence.Status.PRESENT and presence.reason:
        text += f" ({presence.get_reason_display()})"
    if presence.comment:
        text += f" — {presence.comment}"
    return text


def learner_signature(presence):
    if presence is None or presence.status != Presence.Status.PRESENT:
        return ""
    if presence.signed_at:
        return _("Signé à %(time)s (%(how)s)") % {
            "time": formats.time_format(timezone.localtime(presence.signed_at), "H:i"),
            "how": presence.get_method_display(),
        }
    return _("Noté par le formateur")


def trainer_signature(session):
    if not session.signed_at:
        return _("Non signée")
    return _("%(name)s, le %(date)s") % {
        "name": session.signed_by_name,
        "date": formats.date_format(timezone.localtime(session.signed_at), "SHORT_DATETIME_FORMAT"),
    }


def session_when(session):
    """(« lun. 07/12 », « Matin », « 09:00 – 12:30 »)."""
    times = f"{formats.time_format(session.starts_at, 'H:i')} – {formats.time_format(session.ends_at, 'H:i')}"
    return formats.date_format(session.date, "D d/m"), session.get_half_day_display(), times


# ---------------------------------------------------------------- CSV


def _writer(out):
    """A CSV writer (;, as French spreadsheets expect) that neutralises cells a spreadsheet would run as a formula."""
    writer = csv.writer(out, delimiter=";")

    def writerow(row):
        writer.writerow(
            ["'" + c if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r") else c for c in row]
        )

    return writerow


def learner_csv(sheet, out):
    writerow = _writer(out)
    writerow(
        [
            _("Date"),
            _("Demi-journée"),
            _("Début"),
            _("Fin"),
            _("Groupe"),
            _("Lieu"),
            _("Formateur"),
            _("Présence"),
            _("Motif"),
            _("Précision"),
            _("Heures prévues"),
            _("Heures de présence"),
            _("Signature de l’apprenant"),
            _("Signature du formateur"),
        ]
    )
    for line in sheet.lines:
        session, presence = line.session, line.presence
        present = presence is not None and presence.status == Presence.Status.PRESENT
        writerow(
            [
                session.date.isoformat(),
                session.get_half_day_display(),
                session.starts_at.strftime("%H:%M"),
                session.ends_at.strftime("%H:%M"),
                session.cohort.name,
                session.place,
                session.trainer.display_name if session.trainer else "",
                status_text(None, True)
                if line.upcoming
                else presence.get_status_display()
                if presence
                else _("Non noté"),
                presence.get_reason_display() if presence and presence.reason else "",
                presence.comment if presence else "",
                hours_number(session.minutes),
                hours_number(presence.minutes if present else 0),
                learner_signature(presence),
                trainer_signature(session),
            ]
        )


def cohort_csv(sheet, platform_minutes, out):
    writerow = _writer(out)
    writerow(
        [
            _("Nom"),
            _("Identifiant"),
            _("Séances"),
            _("Heures prévues"),
            _("Heures de présence"),
            _("Absences justifiées (h)"),
            _("Absences non justifiées (h)"),
            _("Non noté (h)"),
            _("Temps estimé sur la plateforme (h, à part)"),
        ]
    )
    for row in sheet.rows:
        t = row.totals
        writerow(
            [
                row.learner.display_name,
                row.learner.username,
                t.sessions,
                hours_number(t.planned),
                hours_number(t.present),
                hours_number(t.excused),
                hours_number(t.absent),
                hours_number(t.unrecorded),
                hours_number(platform_minutes.get(row.learner.pk, 0)),
            ]
        )


# ---------------------------------------------------------------- PDF


class _Doc:
    def __init__(self, title):
        self.regular, self.bold = _fonts()
        self.buffer = io.BytesIO()
        self.doc = SimpleDocTemplate(
            self.buffer,
            pagesize=landscape(A4),
            leftMargin=1.5 * cm,
            rightMargin=1.5 * cm,
            topMargin=1.5 * cm,
            bottomMargin=1.5 * cm,
            title=title,
            author="Tremplin",
        )
        self.text = ParagraphStyle("text", fontName=self.regular, fontSize=10, leading=13, alignment=TA_LEFT)
        self.small = ParagraphStyle("small", parent=self.text, fontSize=8.5, leading=10.5)
        self.heading = ParagraphStyle("heading", parent=self.text, fontName=self.bold, fontSize=17, leading=21)
        self.subheading = ParagraphStyle("subheading", parent=self.text, fontName=self.bold, fontSize=12, leading=16)
        self.story = [Paragraph(_escape(title), self.heading), Spacer(1, 0.3 * cm)]

    def para(self, text, style=None):
        self.story.append(Paragraph(_escape(text), style or self.text))

    def space(self, height=0.3):
        self.story.append(Spacer(1, height * cm))

    def table(self, header, rows, widths, total=None):
        cell = self.small
        bold = ParagraphStyle("bold", parent=cell, fontName=self.bold)
        data = [[Paragraph(_escape(h), bold) for h in header]]
        data += [[Paragraph(_escape(str(c)), cell) for c in row] for row in rows]
        if total:
            data.append([Paragraph(_escape(str(c)), bold) for c in total])
        table = Table(data, colWidths=[w * cm for w in widths], repeatRows=1)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#6b7280")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5edf5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if total:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f4f6")))
        table.setStyle(TableStyle(style))
        self.story.append(table)

    def bytes(self):
        self.doc.build(self.story)
        return self.buffer.getvalue()


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _edited():
    return _("Édité par Tremplin le %(date)s.") % {
        "date": formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
    }


def learner_pdf(sheet, cohorts, platform_minutes):
    pdf = _Doc(_("Feuille d’émargement — %(month)s") % {"month": month_title(sheet.month)})
    pdf.para(
        _("Apprenant : %(name)s (%(username)s)")
        % {"name": sheet.learner.display_name, "username": sheet.learner.username}
    )
    pdf.para(_("Groupe : %(groups)s") % {"groups": ", ".join(f"{c.name} — {c.site.name}" for c in cohorts)})
    pdf.space()
    rows = []
    for line in sheet.lines:
        session, presence = line.session, line.presence
        day, half, times = session_when(session)
        present = presence is not None and presence.status == Presence.Status.PRESENT
        rows.append(
            [
                day,
                half,
                times,
                session.place,
                status_text(presence, line.upcoming),
                "" if line.upcoming else hours_text(presence.minutes if present else 0),
                learner_signature(presence),
                trainer_signature(session),
            ]
        )
    t = sheet.totals
    pdf.table(
        [
            _("Date"),
            _("Demi-journée"),
            _("Horaires"),
            _("Lieu"),
            _("Présence"),
            _("Heures"),
            _("Signature de l’apprenant"),
            _("Signature du formateur"),
        ],
        rows or [[_("Aucune séance ce mois-ci."), "", "", "", "", "", "", ""]],
        [2.2, 2.4, 2.8, 3.4, 5, 1.6, 4.3, 5],
        total=[_("Total"), "", hours_text(t.planned), "", "", hours_text(t.present), "", ""],
    )
    pdf.space()
    pdf.para(_totals_text(t))
    pdf.para(
        _("Séances signées par le formateur : %(signed)s sur %(total)s.")
        % {"signed": sheet.signed, "total": len(sheet.lines)}
    )
    pdf.space()
    pdf.para(_platform_text(platform_minutes), pdf.small)
    pdf.para(_edited(), pdf.small)
    return pdf.bytes()


def cohort_pdf(sheet, platform_minutes, trainers):
    label = (
        _("Feuille d’émargement du groupe — %(month)s")
        if sheet.cohort.is_workshop
        else _("Feuille d’émargement de la promo — %(month)s")
    )
    pdf = _Doc(label % {"month": month_title(sheet.month)})
    pdf.para(f"{sheet.cohort.name} — {sheet.cohort.site.name}")
    pdf.para(_("Formateurs : %(names)s") % {"names": ", ".join(t.display_name for t in trainers) or "—"})
    pdf.space()
    pdf.para(_("Séances"), pdf.subheading)
    rows = []
    for session in sheet.sessions:
        day, half, times = session_when(session)
        rows.append(
            [
                day,
                half,
                times,
                session.place,
                session.trainer.display_name if session.trainer else "—",
                f"{sheet.present_counts[session.pk]} / {len(sheet.rows)}",
                trainer_signature(session),
            ]
        )
    pdf.table(
        [
            _("Date"),
            _("Demi-journée"),
            _("Horaires"),
            _("Lieu"),
            _("Formateur"),
            _("Présents"),
            _("Signature du formateur"),
        ],
        rows or [[_("Aucune séance ce mois-ci."), "", "", "", "", "", ""]],
        [2.4, 2.4, 2.6, 5, 4.5, 2, 7.7],
    )
    pdf.para(
        _("Séances signées par le formateur : %(signed)s sur %(total)s.")
        % {"signed": sheet.signed, "total": len(sheet.sessions)}
    )
    pdf.space(0.5)
    pdf.para(_("Heures par apprenant"), pdf.subheading)
    rows = []
    for row in sheet.rows:
        t = row.totals
        rows.append(
            [
                row.learner.display_name,
                hours_text(t.planned),
                hours_text(t.present),
                hours_text(t.excused),
                hours_text(t.absent),
                hours_text(t.unrecorded),
                hours_text(platform_minutes.get(row.learner.pk, 0)),
            ]
        )
    t = sheet.totals
    pdf.table(
        [
            _("Nom"),
            _("Heures prévues"),
            _("Présence"),
            _("Absences justifiées"),
            _("Absences non justifiées"),
            _("Non noté"),
            _("Temps estimé sur la plateforme (à part)"),
        ],
        rows or [[_("Aucun apprenant."), "", "", "", "", "", ""]],
        [6.6, 2.8, 2.8, 3, 3.2, 2.4, 5.8],
        total=[
            _("Total"),
            hours_text(t.planned),
            hours_text(t.present),
            hours_text(t.excused),
            hours_text(t.absent),
            hours_text(t.unrecorded),
            "",
        ],
    )
    pdf.space()
    pdf.para(_platform_text(None), pdf.small)
    pdf.para(_edited(), pdf.small)
    return pdf.bytes()


def _totals_text(t):
    return _(
        "Heures prévues : %(planned)s · présence : %(present)s · absences justifiées : %(excused)s · absences non "
        "justifiées : %(absent)s · non noté : %(unrecorded)s."
    ) % {
        "planned": hours_text(t.planned),
        "present": hours_text(t.present),
        "excused": hours_text(t.excused),
        "absent": hours_text(t.absent),
        "unrecorded": hours_text(t.unrecorded),
    }


def _platform_text(minutes):
    note = _(
        "Le temps sur la plateforme est une estimation à partir de l’activité en ligne (leçons terminées, exercices "
        "corrigés) ; il n’est pas compté dans les heures de présence."
    )
    if minutes is None:
        return note
    return _("Temps estimé sur la plateforme ce mois-ci : %(hours)s.") % {"hours": hours_text(minutes)} + " " + note
