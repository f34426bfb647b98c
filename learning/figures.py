"""What the indicators can count of e-learning: certificates issued, and the people who completed
each module (a certificate is issued on completion). Registered in apps.py with home.figures."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.figures import end_of, register_computation, register_group_names

from .models import Certificate, ModulePage


def certificates_issued(programme, until=None):
    certificates = Certificate.objects.all()
    if until is not None:
        certificates = certificates.filter(issued_at__lt=end_of(until))
    return [("", certificates.count())]


def completions_per_module(programme):
    """Per module, in the default language's title, whatever the language the learner read."""
    default = Locale.get_default()
    modules = ModulePage.objects.select_related("locale")
    key_of = {m.pk: m.translation_key for m in modules}
    title = {m.translation_key: m.title for m in modules if m.locale_id == default.pk}
    counts = {}
    rows = Certificate.objects.values("module_id", "module_title").annotate(n=Count("pk"))
    for row in rows:
        name = title.get(key_of.get(row["module_id"]), row["module_title"])
        counts[name] = counts.get(name, 0) + row["n"]
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def register_figures():
    register_group_names(ModulePage, "title")
    register_computation("certificates_issued", _("Certificates issued"), certificates_issued)
    register_computation(
        "module_completions",
        _("People who completed each e-learning module"),
        completions_per_module,
        breakdown=True,
    )
