"""Data step: fill the roll-up columns (ward, district, province) of existing elections.

The columns were added by 0004_rollup_counters, which once carried this step too;
schema and data steps now live in separate files. The step recomputes each
election's ancestors from its khu phố and writes them, so it is idempotent: on a
database that already ran it as part of 0004 it writes the same values again, which
is harmless. Reversing it does nothing (the columns keep their values until 0004 is
reversed and drops them).
"""

from django.db import migrations


def copy_ancestors(apps, schema_editor):
    """Backfill the roll-up columns of elections created before they existed."""
    Election = apps.get_model("elections", "Election")
    for election in Election.objects.select_related("neighborhood__parent__parent__parent"):
        ward = election.neighborhood.parent
        district = ward.parent if ward else None
        election.ward, election.district = ward, district
        election.province = district.parent if district else None
        election.save(update_fields=["ward", "district", "province"])


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0005_natural_unique_plans_candidates_team"),
    ]

    operations = [
        migrations.RunPython(copy_ancestors, migrations.RunPython.noop),
    ]
