from django.core.management.base import BaseCommand

from home.roles import SECTIONS, installed_models, setup_roles


class Command(BaseCommand):
    help = (
        "Create the staff groups and grant each section's permissions and moderation workflow on "
        "the index pages that exist, in every language. Safe to run again."
    )

    def handle(self, *args, **options):
        groups = setup_roles()
        self.stdout.write(f"Groups: {', '.join(sorted(groups))}")
        for name, section in SECTIONS.items():
            models = installed_models(section.index_pages)
            pages = sum(model.objects.count() for model in models)
            self.stdout.write(f"Section {name}: {pages} index page(s)")
