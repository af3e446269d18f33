from django.apps import AppConfig


class WardvoteConfig(AppConfig):
    name = "wardvote"
    verbose_name = "wardvote"

    def ready(self):
        # Imported for their side effects: `middleware` connects the login receiver that
        # remembers an account must set its own password; `checks` registers the
        # deployment checks with Django's system check framework.
        from wardvote import checks, middleware  # noqa: F401
