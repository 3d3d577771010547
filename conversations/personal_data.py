"""conversations' part of a person's data (accounts.personal_data): the discussions about their work,
and the messages they wrote about others' (those keep the text without the name once the account goes)."""

from accounts.personal_data import Section

from . import selectors


class MessageData:
    def export(self, user):
        return [
            Section(
                "discussions",
                "Les discussions sur votre travail, et les messages que vous avez écrits",
                "conversations.Message",
                selectors.for_export(user),
            )
        ]
