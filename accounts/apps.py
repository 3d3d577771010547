from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes et promos")

    def ready(self):
        from config.files import connect_file_cleanup

        from .personal_data import AccountData, register

        connect_file_cleanup()
        register(AccountData())
