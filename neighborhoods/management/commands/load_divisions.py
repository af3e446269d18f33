from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from neighborhoods.models import Level
from neighborhoods.services.maps import EDITIONS, load_map
from wardvote.messages import validation_error_text


class Command(BaseCommand):
    help = "Nạp danh mục tỉnh/thành phố, quận/huyện, phường/xã chính thức (bản đồ 2024 hoặc 2025)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--map",
            required=True,
            choices=EDITIONS,
            dest="edition",
            help="2024: ba cấp, hiệu lực đến 30/06/2025; 2025: hai cấp, từ 01/07/2025.",
        )
        parser.add_argument("--province", help="Chỉ nạp một tỉnh/thành phố (mã, ví dụ 79).")

    def handle(self, *args, edition: str, province: str | None = None, **options):
        try:
            report = load_map(edition, province)
        except ValidationError as error:
            raise CommandError(validation_error_text(error)) from error
        counts = ", ".join(f"{Level(lvl).label}: {n}" for lvl, n in report.by_level.items() if n)
        self.stdout.write(
            f"Bản đồ {report.edition}: tạo mới {report.created}, cập nhật {report.updated}, "
            f"không đổi {report.unchanged} ({counts}) trong {report.seconds:.2f} giây."
        )
