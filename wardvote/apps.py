from django.apps import AppConfig


class WardvoteConfig(AppConfig):
    name = "wardvote"
    verbose_name = "wardvote"
