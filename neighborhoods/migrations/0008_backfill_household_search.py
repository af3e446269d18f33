"""Fill ``Household.search_text`` for the households registered before it existed.

Idempotent: each row's folded text is computed again from its code, head's name and address
and written only where it differs, so a second run changes nothing.
"""

from django.db import migrations

from wardvote.fields import SEARCH_TEXT_LENGTH, fold_values

BATCH = 2000


def _folded(household) -> str:
    return fold_values(household.code, household.head_name, household.address)[:SEARCH_TEXT_LENGTH]


def backfill(apps, schema_editor):
    Household = apps.get_model("neighborhoods", "Household")
    changed = []
    for household in Household.objects.only("code", "head_name", "address", "search_text").iterator(
        chunk_size=BATCH
    ):
        folded = _folded(household)
        if household.search_text != folded:
            household.search_text = folded
            changed.append(household)
        if len(changed) >= BATCH:
            Household.objects.bulk_update(changed, ["search_text"])
            changed = []
    if changed:
        Household.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("neighborhoods", "0007_household_search")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
