"""The client's address is read from the trusted proxies, counted from the right: an address the
client writes into the header itself never counts."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from home.ratelimit import client_address

PROXY = "10.0.0.9"


def request_with(forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_proxies(settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"

    def count(proxies):
        settings.TRUSTED_PROXY_COUNT = proxies

    return count


def test_without_a_trusted_header_the_connection_is_the_client(settings):
    settings.TRUSTED_PROXY_HEADER = ""
    assert client_address(request_with("203.0.113.1", remote="198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # The client wrote the first entries, the proxy appended the last.
        ("203.0.113.1, 198.51.100.7", "198.51.100.7"),
        ("203.0.113.1,203.0.113.2 ,  198.51.100.7", "198.51.100.7"),
        ("2001:db8::1, 2001:DB8::7", "2001:db8::7"),
    ],
)
def test_one_proxy_the_last_entry_is_the_client(behind_proxies, forwarded, client):
    behind_proxies(1)
    assert client_address(request_with(forwarded)) == client


def test_two_proxies_the_second_entry_from_the_right_is_the_client(behind_proxies):
    behind_proxies(2)
    assert client_address(request_with("203.0.113.1, 198.51.100.7, 10.0.0.2")) == "198.51.100.7"
    # Only the inner proxy was passed: its one entry is still a proxy's.
    assert client_address(request_with("198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", [None, "", " , ", "198.51.100.7, not-an-address"])
def test_a_missing_or_broken_header_falls_back_to_the_connection(behind_proxies, forwarded):
    behind_proxies(1)
    assert client_address(request_with(forwarded)) == PROXY


def test_a_proxy_count_below_one_stops_the_start(settings_from):
    with pytest.raises(ImproperlyConfigured):
        settings_from(TRUSTED_PROXY_COUNT="0")
