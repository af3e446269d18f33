import django.db.models.deletion
from django.core.exceptions import FieldDoesNotExist
from django.db import migrations, models

# The steps from a paper's record to its plan (elections.selectors.practice.plan_of, written again
# here as a migration must not change with the app), the record's own plan first: a decision of
# no election has one, and a lookup through its empty election would find none.
TOWARDS_PLAN = ("plan", "election", "meeting", "contest")
BATCH = 2000


def path_to_plan(model, depth: int = 4) -> str | None:
    """The lookup from ``model`` to its plan's id ("election__plan" for a meeting), or None."""
    if model._meta.label_lower == "elections.plan":
        return "pk"
    if depth == 0:
        return None
    for name in TOWARDS_PLAN:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.many_to_one:
            continue
        rest = path_to_plan(field.related_model, depth - 1)
        if rest is not None:
            return name if rest == "pk" else f"{name}__{rest}"
    return None


def keep_their_plan(apps, schema_editor):
    """Every paper already stored gets the plan of its record, as new papers do when created."""
    StoredDocument = apps.get_model("reporting", "StoredDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for source_type in ContentType.objects.filter(pk__in=StoredDocument.objects.values("source_type_id")):
        try:
            model = apps.get_model(source_type.app_label, source_type.model)
        except LookupError:
            continue
        path = path_to_plan(model)
        if path is None:
            continue
        plan_of = {str(pk): plan for pk, plan in model.objects.values_list("pk", path)}
        papers = []
        for paper in StoredDocument.objects.filter(source_type=source_type).only("pk", "source_id"):
            paper.plan_id = plan_of.get(paper.source_id)
            papers.append(paper)
        StoredDocument.objects.bulk_update(papers, ["plan"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("elections", "0036_elections_on_the_two_level_map"),
        ("reporting", "0009_practice_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="storeddocument",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="elections.plan",
                verbose_name="kế hoạch",
            ),
        ),
        migrations.RunPython(keep_their_plan, migrations.RunPython.noop),
    ]
