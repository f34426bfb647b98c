"""Seed the skills associations most often ask of technical volunteers, in every content language
(each a translation of the Arabic row), and the volunteering staff groups: its editors and the
volunteer coordinators. `manage.py setup_roles` grants them their permissions."""

import uuid

from django.db import migrations

SKILLS = [
    ("web-development", "تطوير المواقع", "Web development", "Développement web"),
    ("device-repair", "صيانة الأجهزة", "Device repair", "Réparation d'appareils"),
    ("training", "التدريب", "Training", "Formation"),
    ("data", "تحليل البيانات", "Data analysis", "Analyse de données"),
    ("design", "التصميم", "Design", "Design"),
    ("cybersecurity", "الأمن السيبراني", "Cybersecurity", "Cybersécurité"),
    ("networks", "الشبكات", "Networks", "Réseaux"),
]

GROUPS = ("محررو التطوع", "منسقو التطوع")  # home.roles, in the site's first language


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Skill = apps.get_model("volunteering", "Skill")
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("ar", "en", "fr")
    }
    for slug, *names in SKILLS:
        key = uuid.uuid4()
        for code, name in zip(("ar", "en", "fr"), names, strict=True):
            Skill.objects.get_or_create(
                slug=slug, locale=locales[code], defaults={"name": name, "translation_key": key}
            )
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        if access_admin is not None:
            group.permissions.add(access_admin)


def unseed(apps, schema_editor):
    apps.get_model("volunteering", "Skill").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_initial"), ("home", "0004_staff_roles")]

    operations = [migrations.RunPython(seed, unseed)]
