"""A gallery for reviewers: every page type in Arabic, English and French, on a phone (390 px)
and on a laptop (1366 px), with a contact sheet.

    make screenshots      # or: python -m config.screenshots [--out DIR] [--widths 390 1366]

Loads the demo content into a throwaway SQLite database, serves it with Django's development
server on a free port and photographs each page's full length in Debian's chromium (Playwright).
Writes DIR/<language>-<page type>-<width>.png and DIR/index.html (var/screenshots by default),
the sheet noting any page wider than its window (it would scroll sideways).
"""

import argparse
import html
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A database of its own, whatever DATABASE_URL says, shared with the server this script starts.
WORK = Path(tempfile.mkdtemp(prefix="screenshots-"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "DATABASE_URL": f"sqlite:///{WORK / 'site.sqlite3'}",
    "DEBUG": "false",
    "PAGE_CACHE_SECONDS": "0",
    "CACHE_DIR": str(WORK / "cache"),
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from config.pagetypes import page_type_addresses  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LANGUAGES = ["ar", "en", "fr"]
WIDTHS = [390, 1366]
HEIGHT = {390: 844, 1366: 900}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """Django's development server on the throwaway database, with the development settings."""

    def __init__(self):
        self.port = free_port()
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}"]
        command += ["--noreload", "--skip-checks"]
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            command, env=os.environ, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5)  # noqa: S310
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the development server did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.terminate()
        self.process.wait()


def photograph(server, addresses, out, widths):
    """One full-length PNG per page and width; returns the sheet's rows."""
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width in widths:
            context = browser.new_context(
                base_url=server.url, viewport={"width": width, "height": HEIGHT.get(width, 900)}
            )
            page = context.new_page()
            for language, pages in addresses.items():
                for name, address in pages.items():
                    page.goto(address)
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    file = f"{language}-{name.replace(' ', '-')}-{width}.png"
                    page.screenshot(path=out / file, full_page=True)
                    rows.append((language, name, address, width, file, wide))
                    print(f"  {file}", file=sys.stderr, flush=True)
            context.close()
        browser.close()
    return rows


def contact_sheet(rows, widths):
    """index.html: one row per page type and language, one column per width."""
    cells = {
        (language, name, width): (file, wide) for language, name, _a, width, file, wide in rows
    }
    pages = list(dict.fromkeys((language, name, address) for language, name, address, *_ in rows))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Tamkeen: every page type</title>',
        "<style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.5rem;vertical-align:top;text-align:start}"
        "img{display:block;border:1px solid #999}.wide{color:#a4000f;font-weight:700}</style>",
        "</head><body><h1>Every page type, in Arabic, English and French</h1>",
        f"<p>{len(pages)} pages at {' and '.join(f'{w} px' for w in widths)}; "
        "click a picture for its full size.</p>",
        "<table><thead><tr><th>page</th>",
        *(f"<th>{w} px</th>" for w in widths),
        "</tr></thead><tbody>",
    ]
    for language, name, address in pages:
        parts.append(
            f'<tr><th scope="row">{html.escape(name)} ({language})<br>'
            f"<code>{html.escape(address)}</code></th>"
        )
        for width in widths:
            file, wide = cells[language, name, width]
            note = f'<p class="wide">{wide} px wide: scrolls sideways</p>' if wide > width else ""
            shown = min(width, 390) if width <= 390 else 480
            parts.append(
                f'<td>{note}<a href="{file}"><img src="{file}" width="{shown}" loading="lazy" '
                f'alt="{html.escape(name)}, {language}, {width} px"></a></td>'
            )
        parts.append("</tr>")
    parts.append("</tbody></table></body></html>")
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "screenshots")
    parser.add_argument("--widths", type=int, nargs="+", default=WIDTHS)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Screenshots need Debian's chromium at {CHROMIUM}: sudo apt-get install chromium")
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=StringIO())
        addresses = {language: page_type_addresses(language) for language in LANGUAGES}
        if args.out.exists():
            shutil.rmtree(args.out)
        args.out.mkdir(parents=True)
        server = Server()
        try:
            rows = photograph(server, addresses, args.out, args.widths)
        finally:
            server.stop()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    (args.out / "index.html").write_text(contact_sheet(rows, args.widths), encoding="utf-8")
    wide = [f"{file} ({w} px)" for _l, _n, _a, width, file, w in rows if w > width]
    print(f"{len(rows)} screenshots and the contact sheet in {args.out / 'index.html'}")
    if wide:
        print("Wider than the window:", ", ".join(wide))


if __name__ == "__main__":
    main()
