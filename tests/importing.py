"""Importing content as an editor does: a file of items given to `manage.py import_content`."""

import json
from io import StringIO

from django.core.management import call_command


def import_file(tmp_path, items):
    """Write `items` as an import file and import it; what the command printed."""
    path = tmp_path / "content.json"
    path.write_text(json.dumps({"items": list(items)}, ensure_ascii=False), encoding="utf-8")
    call_command("import_content", str(path), stdout=(out := StringIO()))
    return out.getvalue()
