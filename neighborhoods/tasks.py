"""Household imports run here, on a Celery worker: no web worker reads or writes a register file."""

from celery import shared_task
from django.utils.translation import gettext as _

from neighborhoods.services import household_import


def _failed(import_id: int, exc: Exception) -> None:
    message = (
        str(exc)
        if isinstance(exc, household_import.ImportFileError)
        else _("Không xử lý được tệp. Vui lòng thử lại hoặc báo quản trị hệ thống.")
    )
    household_import.household_import_fail(import_id, message)


@shared_task(bind=True)
def check_household_import(self, import_id: int) -> int:
    """Read the uploaded file once into stored rows and their errors; returns the number of errors."""
    try:
        return household_import.household_import_check(import_id).error_count
    except Exception as exc:
        _failed(import_id, exc)
        if self.request.is_eager:  # in-process (no broker): the page shows the failure, not a 500
            return 0
        raise


@shared_task(bind=True)
def commit_household_import(self, import_id: int) -> int:
    """Save the stored rows as households, all or none; returns how many were saved."""
    try:
        return household_import.household_import_commit(import_id).imported_count
    except household_import.ImportFileError as exc:
        _failed(import_id, exc)
        return 0
    except Exception as exc:
        _failed(import_id, exc)
        if self.request.is_eager:  # in-process (no broker): the page shows the failure, not a 500
            return 0
        raise


@shared_task
def expire_household_imports() -> int:
    """Hourly: uploads never committed lose their file and rows after a day."""
    return household_import.household_imports_expire()
