"""Wagtail's own words that its Arabic catalogue lacks and the site's editors read (a page's
history once its publication is scheduled). Named here so that `make catalogues` keeps them in
the site's catalogue, which Django reads before Wagtail's; nothing imports this module."""

from django.utils.translation import gettext_noop

WORDS = [
    gettext_noop("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s scheduled for publishing"),
    gettext_noop("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s unscheduled from publishing"),
]
