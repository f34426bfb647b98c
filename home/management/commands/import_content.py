import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.importing import ContentImportError, import_items


class Command(BaseCommand):
    help = "Create or update pages from a content file (see content-format.md). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="JSON content files")

    def handle(self, *args, files, **options):
        for path in files:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except OSError as error:
                raise CommandError(f"{path}: cannot read the file ({error.strerror})") from error
            except json.JSONDecodeError as error:
                raise CommandError(
                    f"{path}: not valid JSON (line {error.lineno}, column {error.colno})"
                ) from error
            try:
                report = import_items(data)
            except ContentImportError as error:
                raise CommandError(
                    f"{path}: {error} — nothing from this file was written"
                ) from error
            self.stdout.write(
                f"{path}: {report['created']} created, {report['updated']} updated, "
                f"{report['unchanged']} unchanged"
            )
