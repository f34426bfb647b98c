"""Walks the public site from its front door, the way a visitor's browser and a search engine do."""

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

# Where a page points at something the browser loads or the visitor follows.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src"}
# Everything a browser would fetch by itself while showing the page (an <a> is only followed).
LOADED = {
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
}


@dataclass
class Visit:
    url: str
    status: int
    headers: dict
    html: str | None
    found_on: str
    soup: BeautifulSoup | None = field(default=None, repr=False)


def _srcset_urls(value):
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def loaded_urls(soup):
    """Every address the browser would request on its own to show the page."""
    for name, attributes in LOADED.items():
        for tag in soup.find_all(name):
            for attribute in attributes:
                value = tag.get(attribute)
                if value:
                    yield from _srcset_urls(value) if attribute == "srcset" else [value]


def links(soup):
    """Links and loaded files, and where a GET form (the search box) leads when sent empty."""
    for name, attribute in REFERENCES.items():
        for tag in soup.find_all(name, attrs={attribute: True}):
            yield tag[attribute]
    for form in soup.find_all("form", attrs={"action": True}):
        if form.get("method", "get").lower() == "get":
            yield form["action"]


def crawl(client, starts, own_hosts, skip=re.compile(r"^/(admin|api)/")):
    """Every same-host address reachable from `starts`, each fetched once, redirects followed.

    `starts` are (address, request headers) pairs: "/" once per Accept-Language, say.
    """
    visits = {}
    queue = [(url, "(start)", headers) for url, headers in starts]
    while queue:
        url, found_on, headers = queue.pop(0)
        key = f"{url} {headers}" if headers else url
        if key in visits:
            continue
        response = client.get(url, follow=True, **headers)
        is_html = response.get("Content-Type", "").startswith("text/html")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        html = content.decode() if is_html else None
        visit = Visit(url, response.status_code, dict(response.headers), html, found_on)
        visits[key] = visit
        if html is None or response.status_code != 200:
            continue
        visit.soup = BeautifulSoup(html, "html.parser")
        final = response.request["PATH_INFO"]
        for reference in links(visit.soup):
            target, _ = urldefrag(urljoin(final, reference))
            parts = urlsplit(target)
            if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", *own_hosts):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path and not skip.match(path) and path not in visits:
                queue.append((path, url, {}))
    return visits
