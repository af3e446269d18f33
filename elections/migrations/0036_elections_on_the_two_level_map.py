from django.db import migrations
from django.db.models import F


def place_under_their_province(apps, schema_editor):
    """Elections opened during the term on the 2025 map (a new head, a release meeting, a board
    by-election) were recorded with the province as their district and the country as their
    province; the term's elections of the same wards have no district and the province."""
    Election = apps.get_model("elections", "Election")
    Election.objects.filter(district__level="province").update(province=F("district"), district=None)


class Migration(migrations.Migration):
    dependencies = [("elections", "0035_superseded_terms")]

    operations = [migrations.RunPython(place_under_their_province, migrations.RunPython.noop)]
