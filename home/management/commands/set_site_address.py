from django.core.management.base import BaseCommand, CommandError

from home.siteaddress import set_site_address


class Command(BaseCommand):
    help = "Give the site the host name and port of SITE_BASE_URL (run on each deploy)."

    def handle(self, *args, **options):
        try:
            site = set_site_address()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"The site's address is {site.root_url}")
