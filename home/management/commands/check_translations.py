from django.core.management.base import BaseCommand, CommandError

from home.synchronised import drift


class Command(BaseCommand):
    help = (
        "List translated pages and snippets whose synchronised facts (dates, places, links, "
        "choices) differ from their source; exit with an error when there are any."
    )

    def handle(self, *args, **options):
        found = drift()
        for row, name, value, expected in found:
            label = row._meta.verbose_name
            self.stdout.write(
                f"{row.locale.language_code} {label} “{row}” (id {row.pk}): "
                f"{name} is “{value}”, the source has “{expected}”"
            )
        if found:
            raise CommandError(
                f"{len(found)} synchronised value(s) differ from their source: translate "
                "through the translation editor or correct the import file"
            )
        self.stdout.write("Every translation shares its source's synchronised facts.")
