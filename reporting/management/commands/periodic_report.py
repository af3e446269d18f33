"""Write a division's periodic grassroots-democracy report of one period as ``.xlsx``, for
scheduled use: ``manage.py periodic_report --division 26956 --year 2024 --period q4 --out FILE``.

For a ward: its latest report of the period, as sent if it was sent (the frozen figures), else
as the records stand now. For a district (or, on the 2025 map, a province): its own report over
its wards, with each ward's standing against the due day and the figures summed from the wards'
sent reports. Any other division, an unknown code or a bad period is refused in Vietnamese."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from elections import rules
from neighborhoods.models import Division
from reporting import periodic
from reporting.models import PeriodicReport
from reporting.periodic_documents import report_title, report_workbook
from wardvote.messages import validation_error_text


class Command(BaseCommand):
    help = (
        "Ghi báo cáo định kỳ thực hiện dân chủ ở cơ sở của một phường "
        "(hoặc báo cáo tổng hợp của quận) ra tệp .xlsx."
    )

    def add_arguments(self, parser):
        parser.add_argument("--division", required=True, help="Mã đơn vị hành chính (Phường 22: 26956).")
        parser.add_argument("--year", required=True, type=int, help="Năm báo cáo, ví dụ 2024.")
        parser.add_argument(
            "--period", required=True, help=f"Kỳ báo cáo: {', '.join(rules.REPORT_PERIODS)} (q4 = quý IV)."
        )
        parser.add_argument("--out", required=True, help="Tệp .xlsx sẽ ghi.")

    def handle(self, *args, division: str, year: int, period: str, out: str, **options):
        period = period.strip().lower()
        try:
            span = rules.report_period(year, period)
        except ValidationError as error:
            raise CommandError(validation_error_text(error)) from error
        place = Division.objects.filter(code=division.strip()).order_by("-map_edition").first()
        if place is None:
            raise CommandError(f"Không có đơn vị hành chính mã “{division}”.")
        if not periodic.reports_upward(place):
            raise CommandError(
                f"{place.name} ({place.get_level_display()}) không lập báo cáo định kỳ: "
                "chỉ phường, xã và quận (hoặc tỉnh, thành phố trên bản đồ 2 cấp) lập."
            )
        path = Path(out)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"Tệp ghi ra phải có đuôi .xlsx, không phải “{path.name}”.")
        report = (
            PeriodicReport.objects.filter(division=place, year=year, period=period)
            .order_by("-version")
            .first()
        )
        if report is None:  # not prepared: as the records stand now, saved nowhere
            report = PeriodicReport(division=place, year=year, period=period, due_on=span.due)
        content = report_workbook(report)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {path}: {error.strerror}.") from error
        state = report.get_status_display() if report.pk else "chưa lập, số liệu tính đến hôm nay"
        self.stdout.write(f"Đã ghi {path}: {report_title(report)} ({state}).")
