"""Seed the governorates of the demo country (Syria) and the usual target groups, in every
content language, each language a translation of the Arabic row. Editors manage them afterwards."""

import uuid

from django.db import migrations

REGIONS = [
    ("damascus", "دمشق", "Damascus", "Damas"),
    ("rif-dimashq", "ريف دمشق", "Rif Dimashq", "Rif Dimachq"),
    ("aleppo", "حلب", "Aleppo", "Alep"),
    ("homs", "حمص", "Homs", "Homs"),
    ("hama", "حماة", "Hama", "Hama"),
    ("latakia", "اللاذقية", "Latakia", "Lattaquié"),
    ("tartus", "طرطوس", "Tartus", "Tartous"),
    ("idlib", "إدلب", "Idlib", "Idleb"),
    ("daraa", "درعا", "Daraa", "Deraa"),
    ("as-suwayda", "السويداء", "As-Suwayda", "Soueïda"),
    ("quneitra", "القنيطرة", "Quneitra", "Quneitra"),
    ("deir-ez-zor", "دير الزور", "Deir ez-Zor", "Deir ez-Zor"),
    ("raqqa", "الرقة", "Raqqa", "Raqqa"),
    ("al-hasakah", "الحسكة", "Al-Hasakah", "Hassaké"),
]

TARGET_GROUPS = [
    ("youth", "الشباب", "Youth", "Jeunes"),
    ("women", "النساء", "Women", "Femmes"),
    ("people-with-disabilities", "الأشخاص ذوو الإعاقة", "People with disabilities",
     "Personnes en situation de handicap"),
    ("associations", "الجمعيات", "Associations", "Associations"),
    ("ngos", "المنظمات غير الحكومية", "NGOs", "ONG"),
    ("companies", "الشركات", "Companies", "Entreprises"),
    ("universities", "الجامعات", "Universities", "Universités"),
    ("research-centres", "مراكز البحث", "Research centres", "Centres de recherche"),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("ar", "en", "fr")
    }
    for model_name, rows in (("Region", REGIONS), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("programmes", model_name)
        for slug, *names in rows:
            key = uuid.uuid4()
            for code, name in zip(("ar", "en", "fr"), names, strict=True):
                model.objects.get_or_create(
                    slug=slug,
                    locale=locales[code],
                    defaults={"name": name, "translation_key": key},
                )


def unseed(apps, schema_editor):
    apps.get_model("programmes", "Region").objects.all().delete()
    apps.get_model("programmes", "TargetGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial"), ("home", "0002_create_homepage")]

    operations = [migrations.RunPython(seed, unseed)]
