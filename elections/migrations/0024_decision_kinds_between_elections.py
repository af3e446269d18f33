"""The kinds of decision taken between elections and after the campaign (a head let go, the
vacancy's decisions, a board member let go), as one change of the field's choices."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0023_h3_board_term"),
    ]

    operations = [
        migrations.AlterField(
            model_name="decision",
            name="kind",
            field=models.CharField(
                choices=[
                    ("recognise_head", "Công nhận Trưởng khu phố"),
                    ("rerun", "Tổ chức bầu cử lại"),
                    ("household_ballots", "Lấy ý kiến bằng phiếu tại hộ gia đình"),
                    ("interim_head", "Cử Trưởng khu phố lâm thời"),
                    ("recognise_board", "Công nhận thành viên Ban Thanh tra nhân dân"),
                    ("board_officers", "Trưởng ban, Phó Trưởng ban Ban Thanh tra nhân dân"),
                    ("recognise_board_member", "Công nhận thành viên Ban Thanh tra nhân dân"),
                    ("written_answer", "Trả lời bằng văn bản về kết quả bầu cử"),
                    ("annul_community_decision", "Bãi bỏ quyết định của cộng đồng dân cư"),
                    ("request_amendment", "Đề nghị sửa đổi quyết định của cộng đồng dân cư"),
                    ("recognise_release", "Công nhận kết quả cho thôi làm Trưởng khu phố"),
                    ("release_answer", "Trả lời bằng văn bản về việc cho thôi làm Trưởng khu phố"),
                    ("release_decided", "Quyết định việc cho thôi làm Trưởng khu phố"),
                    ("convener", "Chỉ định người triệu tập cuộc họp khu phố"),
                    ("new_election", "Tổ chức bầu Trưởng khu phố mới"),
                    ("release_board_member", "Cho thôi làm thành viên Ban Thanh tra nhân dân"),
                ],
                max_length=24,
                verbose_name="loại quyết định",
            ),
        ),
    ]
