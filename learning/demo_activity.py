"""The demo's learners (demo/learners/certificates.json): certificates of the modules they
completed, each asked for with a name the certificate form accepts and issued on the day its entry
says."""

import datetime
import json
from pathlib import Path

from django.utils import timezone
from wagtail.models import Locale

from .forms import CertificateForm
from .models import Certificate, ModulePage

LEARNERS = Path(__file__).resolve().parent / "demo" / "learners" / "certificates.json"


def load():
    """The certificates issued, oldest first."""
    now = timezone.now()
    default = Locale.get_default()
    issued = []
    entries = json.loads(LEARNERS.read_text(encoding="utf-8"))["certificates"]
    for entry in sorted(entries, key=lambda entry: -entry["days_ago"]):
        module = ModulePage.objects.get(slug=entry["module"], locale=default)
        form = CertificateForm({"name": entry["name"]})
        if not form.is_valid():
            raise ValueError(f"{LEARNERS.name}: {entry['name']!r}: {form.errors.as_text()}")
        issued.append(
            Certificate.objects.create(
                name=form.cleaned_data["name"],
                module=module,
                module_title=module.title,
                issued_at=now - datetime.timedelta(days=entry["days_ago"]),
            )
        )
    return issued
