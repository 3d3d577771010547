"""attendance's part of a person's data (accounts.personal_data): their presences and absences."""

from accounts.personal_data import Section

from . import selectors


class AttendanceData:
    def export(self, user):
        return [
            Section(
                "emargement",
                "Vos présences et absences aux séances de vos groupes (émargement)",
                "attendance.Presence",
                selectors.for_export(user),
            ),
            Section(
                "seances",
                "Les séances que vous avez animées, prévues ou dont vous avez signé la liste",
                "attendance.Session",
                selectors.sessions_for_export(user),
            ),
        ]
