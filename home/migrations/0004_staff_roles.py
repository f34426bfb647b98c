"""The staff groups, replacing Wagtail's default site-wide Editors group and root workflow.

Wagtail starts every site with "Editors" and "Moderators" allowed to edit every page and one
approval workflow on the root page. Here editors work per section, so those site-wide grants go;
`manage.py setup_roles` (run by load_demo, and by the page-created signal for index pages) grants
each group its sections, media and snippets.
"""

from django.db import migrations

GROUPS = (
    "Programme editors",
    "News editors",
    "Learning editors",
    "Moderators",
    "Translators",
    "Application reviewers",
    "Site administrators",
)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Workflow = apps.get_model("wagtailcore.Workflow")

    GroupPagePermission.objects.filter(
        group__name__in=("Editors", "Moderators"), page__depth=1
    ).delete()
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    root_workflows = WorkflowPage.objects.filter(page__depth=1)
    Workflow.objects.filter(workflow_pages__in=root_workflows).update(active=False)
    root_workflows.delete()

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_section_teaser"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
