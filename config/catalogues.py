"""Catalogues without GNU gettext: `compile PO` writes the .mo, `check PO` fails on gaps.

python -m config.catalogues compile site/locale/ar/LC_MESSAGES/django.po
python -m config.catalogues check site/locale/ar/LC_MESSAGES/django.po
"""

import sys

import polib


def compile_catalogue(path):
    polib.pofile(path).save_as_mofile(path[:-3] + ".mo")


def gaps(path):
    """Entries a visitor would see in English: untranslated or fuzzy."""
    catalogue = polib.pofile(path)
    return [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]


def main(command, path):
    if command == "compile":
        compile_catalogue(path)
        return 0
    missing = gaps(path)
    for msgid in missing:
        print(f"{path}: not translated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
