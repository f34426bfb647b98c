import json
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from home import roles
from home.importing import ContentImportError, demo_files, import_items
from home.models import FooterText, HomePage, SiteSettings, StandardPage
from home.roles import setup_roles
from home.siteaddress import set_site_address

# One demo account per role: (username, name, groups). The admin greets each by name.
DEMO_STAFF = [
    ("programme-editor", "رنا الخطيب", [roles.SECTIONS["programmes"].editors]),
    ("news-editor", "عمر الحلبي", [roles.SECTIONS["news"].editors]),
    ("learning-editor", "هالة منصور", [roles.SECTIONS["learning"].editors]),
    ("volunteering-editor", "يوسف درويش", [roles.SECTIONS["volunteering"].editors]),
    ("moderator", "سامر القاسم", [roles.MODERATORS]),
    ("translator", "نور عيسى", [roles.TRANSLATORS]),
    ("reviewer", "سلمى العلي", [roles.APPLICATION_REVIEWERS]),
    ("coordinator", "باسل حداد", [roles.VOLUNTEER_COORDINATORS]),
]
ADMIN_NAME = "ماجد العمر"

FOOTERS = {
    "ar": "<p>برنامج «تمكين» للتمكين الرقمي لمنظمات المجتمع المدني، "
    "بإشراف وزارة الشؤون الاجتماعية.</p><p>العنوان: مبنى الوزارة، شارع الجامعة، الطابق الثالث.</p>",
    "en": "<p>Tamkeen, the digital-empowerment programme for civil-society organisations, "
    "run by the Ministry of Social Affairs.</p>"
    "<p>Address: Ministry building, University Street, third floor.</p>",
    "fr": "<p>Tamkeen, le programme d'autonomisation numérique des organisations de la société "
    "civile, piloté par le ministère des Affaires sociales.</p>"
    "<p>Adresse : bâtiment du ministère, rue de l'Université, troisième étage.</p>",
}


class Command(BaseCommand):
    help = "Load the Arabic demo content (with translations) into an empty site."
    # The checks run with the server after it. Run here, before the address is set, they would
    # tell a fresh machine to set the site's address: this command sets it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-written",
            action="store_true",
            help="Keep the demo's dates as its files write them (as the tests do), rather than "
            "moving what is upcoming in it to follow today.",
        )

    def handle(self, *args, **options):
        # Full addresses (sitemap, feeds, emails) name SITE_BASE_URL, never localhost.
        set_site_address()
        home = Site.objects.get(is_default_site=True).root_page.specific
        if home.get_children().exists():
            self.stdout.write("The site already has content: demo content not loaded.")
            setup_roles()
            return
        with transaction.atomic():
            # One import of every app's demo items: a programme open for applications is checked
            # once its application form, in the applications' demo, is placed under it.
            items = []
            for path in demo_files():
                items += json.loads(path.read_text(encoding="utf-8"))["items"]
            if not options["as_written"]:
                # Feature apps keep what is upcoming in their demo upcoming, whatever the day.
                for fn in hooks.get_hooks("bring_demo_up_to_date"):
                    fn(items, timezone.localdate())
            before = Page.objects.count()
            try:
                import_items({"items": items})
            except ContentImportError as error:
                raise CommandError(f"demo content: {error}") from error
            # The items' pages and the section and language home pages made for them.
            self.stdout.write(f"Demo content: {Page.objects.count() - before} pages created.")
            self._site_settings()
            # Feature apps add what is not a page (the search's synonyms).
            for fn in hooks.get_hooks("demo_content_loaded"):
                fn()
        setup_roles()
        self._admin()
        self._staff()

    def _site_settings(self):
        site = Site.objects.get(is_default_site=True)
        arabic = Locale.get_default()
        pages = {p.slug: p for p in StandardPage.objects.filter(locale=arabic)}
        SiteSettings.objects.update_or_create(
            site=site,
            defaults={
                "email": "info@tamkeen.example",
                "phone": "+963 11 000 0000",
                "privacy_page": pages.get("privacy-policy"),
                "accessibility_page": pages.get("accessibility"),
                "terms_page": pages.get("terms-of-use"),
            },
        )
        # One accessibility statement per language; its other usual address leads to it.
        for statement in StandardPage.objects.filter(slug="accessibility"):
            language = statement.locale.language_code
            Redirect.add_redirect(
                f"/{language}/accessibility-statement/", redirect_to=statement, is_permanent=True
            )
        for home in HomePage.objects.all():
            home.hero_link = pages.get("about")
            home.save_revision().publish()
        source = None
        for code, body in FOOTERS.items():
            locale = Locale.objects.get(language_code=code)
            footer = FooterText(body=body, locale=locale, live=True)
            if source is not None:
                footer.translation_key = source.translation_key
            footer.save()
            source = source or footer

    def _admin(self):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            return
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        first_name, last_name = ADMIN_NAME.split(" ", 1)
        admin = User.objects.create_superuser(
            "admin",
            "admin@tamkeen.example",
            password,
            first_name=first_name,
            last_name=last_name,
        )
        admin.groups.add(Group.objects.get(name=roles.SITE_ADMINISTRATORS))
        UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "ar"})
        shown = "(from DEMO_ADMIN_PASSWORD)" if os.environ.get("DEMO_ADMIN_PASSWORD") else password
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  user: admin  password: {shown}"
            )
        )
        self.stdout.write("This password is shown once; change it in the admin.")

    def _staff(self):
        """One account per role, each with a random password shown only now."""
        User = get_user_model()
        created = []
        for username, name, group_names in DEMO_STAFF:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            first_name, last_name = name.split(" ", 1)
            user = User.objects.create_user(
                username,
                f"{username}@tamkeen.example",
                password,
                is_staff=False,
                first_name=first_name,
                last_name=last_name,
            )
            user.groups.set(Group.objects.filter(name__in=group_names))
            UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "ar"})
            created.append((username, ", ".join(group_names), password))
        # Feature apps give the accounts their work, such as the forms the reviewer reviews.
        accounts = User.objects.filter(username__in=[username for username, *_rest in DEMO_STAFF])
        for fn in hooks.get_hooks("demo_staff_created"):
            fn(accounts)
        # Then made-up people's activity: applications at each stage of their review, survey
        # answers, registrations, volunteers' hours. The staff have work waiting, the figures
        # something to count.
        for fn in hooks.get_hooks("load_demo_activity"):
            self.stdout.write(fn(accounts))
        for username, group_names, password in created:
            self.stdout.write(f"  {username:<20} {password}  ({group_names})")
        if created:
            self.stdout.write(
                "Staff accounts above: passwords shown once; two-step login for moderators."
            )
