"""The demo's volunteers (demo/activity/sign_ups.json, loaded with every app's demo submissions):
the hours the accepted ones gave, recorded by the coordinator, and, for those whose entry asks,
their certificate."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from applications.models import Submission

from .certificates import certificate_for
from .hours import record_hours

SIGN_UPS = Path(__file__).resolve().parent / "demo" / "activity" / "sign_ups.json"


def load(coordinator):
    """The sign-ups' hours ([{"day", "hours", "note"}]) and certificates; the sign-ups given."""
    sign_ups = json.loads(SIGN_UPS.read_text(encoding="utf-8"))["submissions"]
    for entry in sign_ups:
        sign_up = Submission.objects.get(page__slug=entry["page"], email=entry["answers"]["email"])
        opportunity = sign_up.page.specific
        for given in entry.get("hours", []):
            record_hours(
                coordinator,
                opportunity,
                sign_up,
                Decimal(given["hours"]),
                datetime.date.fromisoformat(given["day"]),
                given.get("note", ""),
            )
        if entry.get("certificate"):
            certificate_for(sign_up)
    return sign_ups
