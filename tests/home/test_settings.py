"""Production settings, checked in a fresh interpreter as a deployment would start."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k3y-" + "x7Qp9vR2mZ8wL4nT6yB1cF5hJ0dS3gK" * 2,
    "ALLOWED_HOSTS": "tamkeen.example",
    "CSRF_TRUSTED_ORIGINS": "https://tamkeen.example",
    "DATABASE_URL": "postgres://tamkeen:s3cret-pass@db.internal:5432/tamkeen",
    "SITE_BASE_URL": "https://tamkeen.example",
    "PATH": os.environ.get("PATH", ""),
}
# Several app servers sharing one deployment (README, "Several servers").
SHARED = {
    **PRODUCTION,
    "REDIS_URL": "redis://cache.internal:6379/0",
    "ELASTICSEARCH_URL": "http://search.internal:9200",
    "S3_BUCKET": "tamkeen",
    "S3_ENDPOINT_URL": "http://objects.internal:9000",
    "S3_MEDIA_DOMAIN": "media.tamkeen.example",
    "TASK_QUEUE": "database",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable for production." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize("env", [PRODUCTION, SHARED], ids=["one server", "several servers"])
def test_deployment_check_is_clean_with_production_settings(env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


# What a browser gets from the production site, asked in a fresh interpreter.
RESPONSES = """
import json
from django.conf import settings
from django.test import Client
# Behind the TLS-terminating proxy.
secure = Client(HTTP_HOST="tamkeen.example", HTTP_X_FORWARDED_PROTO="https").get("/healthz")
plain = Client(HTTP_HOST="tamkeen.example").get("/ar/")
print(json.dumps({
    "headers": dict(secure.headers),
    "plain": [plain.status_code, plain.get("Location")],
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "trusted": settings.CSRF_TRUSTED_ORIGINS,
}))
"""


def test_production_sends_the_security_headers_and_secure_cookies():
    env = {**PRODUCTION, "DATABASE_URL": "sqlite:///:memory:"}
    result = manage("shell", "-c", RESPONSES, env=env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    headers = seen["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    policy = dict(rule.split(" ", 1) for rule in headers["Content-Security-Policy"].split("; "))
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert seen["plain"] == [301, "https://tamkeen.example/ar/"]
    assert seen["cookies"] == [True, True]
    assert seen["trusted"] == ["https://tamkeen.example"]


def test_pages_may_show_images_from_the_media_domain():
    env = {**SHARED, "DATABASE_URL": "sqlite:///:memory:", "REDIS_URL": ""}
    result = manage("shell", "-c", RESPONSES, env=env)
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.splitlines()[-1])["headers"]
    policy = dict(rule.split(" ", 1) for rule in headers["Content-Security-Policy"].split("; "))
    assert policy["img-src"] == "'self' data: https://media.tamkeen.example/media/"


def test_one_server_keeps_a_demo_sized_site_in_its_cache_in_files(tmp_path):
    # About 7 entries a page (the page, its address, its header, breadcrumbs…): a cache that
    # keeps fewer deletes a third of them at random each time it fills, and forgets faster than
    # it remembers (Django's default keeps 300).
    kept = (
        "from django.core.cache import cache\n"
        "for n in range(1000): cache.set(f'entry-{n}', n)\n"
        "print(sum(cache.get(f'entry-{n}') is not None for n in range(1000)))\n"
    )
    result = manage("shell", "-c", kept, env={**PRODUCTION, "CACHE_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "1000"


def test_a_full_page_cache_forgets_pages_not_the_rate_limits_counts(tmp_path):
    # The cache in files deletes a third of its entries at random each time it is full; were the
    # counts among the pages, a crawler filling it would give a client its tries back.
    over_the_limit = (
        "from django.core.cache import cache\n"
        "from django.test import RequestFactory\n"
        "from home.ratelimit import allow\n"
        "request = RequestFactory().post('/', REMOTE_ADDR='203.0.113.9')\n"
        "tries = [allow(request, 'status') for _ in range(10)]\n"
        "for n in range(300): cache.set(f'fragment-{n}', n)\n"
        "print(all(tries), allow(request, 'status'))\n"
    )
    env = {**PRODUCTION, "CACHE_DIR": str(tmp_path), "CACHE_MAX_ENTRIES": "30"}
    result = manage("shell", "-c", over_the_limit, env={**env, "APPLICATIONS_STATUS_LIMIT": "10"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["True", "False"]
