from django.apps import AppConfig


class WardvoteConfig(AppConfig):
    name = "wardvote"
    verbose_name = "wardvote"

    def ready(self):
        # Connects the login receiver that remembers an account must set its own password.
        from wardvote import middleware  # noqa: F401
