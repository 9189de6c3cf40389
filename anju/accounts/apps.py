from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "anju.accounts"
    label = "accounts"
    verbose_name = "账号"
