"""Household imports run here, on a Celery worker: no web worker reads or writes a register file."""

from celery import shared_task
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from neighborhoods.services import household_import
from wardvote.messages import validation_error_text


def _refused(import_id: int, error: ValidationError) -> None:
    """The file refused as a whole: the import stops with the reason the service gave."""
    household_import.household_import_fail(import_id, validation_error_text(error))


def _failed(import_id: int) -> None:
    """Anything unforeseen: the import stops with a general reason, never the exception's text."""
    household_import.household_import_fail(
        import_id, _("Không xử lý được tệp. Vui lòng thử lại hoặc báo quản trị hệ thống.")
    )


@shared_task(bind=True)
def check_household_import(self, import_id: int) -> int:
    """Read the uploaded file once into stored rows and their errors; returns the number of errors."""
    try:
        return household_import.household_import_check(import_id).error_count
    except ValidationError as error:
        _refused(import_id, error)
        return 0
    except Exception:
        _failed(import_id)
        if self.request.is_eager:  # in-process (no broker): the page shows the failure, not a 500
            return 0
        raise


@shared_task(bind=True)
def commit_household_import(self, import_id: int) -> int:
    """Save the stored rows as households, all or none; returns how many were saved."""
    try:
        return household_import.household_import_commit(import_id).imported_count
    except ValidationError as error:
        _refused(import_id, error)
        return 0
    except Exception:
        _failed(import_id)
        if self.request.is_eager:  # in-process (no broker): the page shows the failure, not a 500
            return 0
        raise


@shared_task
def expire_household_imports() -> int:
    """Hourly: uploads never committed lose their file and rows after a day."""
    return household_import.household_imports_expire()
