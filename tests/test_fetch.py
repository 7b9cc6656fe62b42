"""The fetcher against a real local server: safe addresses, redirects, caps, 304s."""

from __future__ import annotations

from ipaddress import ip_network

import pytest

from bot.config import load_settings
from bot.fetch.addresses import address_refusal
from bot.fetch.fetcher import Fetcher, FetchError, FetchPolicy
from tests.web_site import Page

LOCAL = (ip_network("127.0.0.1/32"),)
RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"


@pytest.fixture
def fetcher():
    with Fetcher(
        FetchPolicy(timeout=2, max_bytes=50_000, user_agent="TestBot/1", allow_networks=LOCAL)
    ) as f:
        yield f


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
    ],
)
def test_private_loopback_link_local_and_multicast_addresses_are_refused(address):
    assert address_refusal(address) is not None


def test_public_addresses_and_allowed_networks_pass():
    assert address_refusal("93.184.216.34") is None
    assert address_refusal("127.0.0.1", LOCAL) is None
    assert address_refusal("127.0.0.2", LOCAL) is not None


def test_allow_networks_setting_reads_comma_separated_cidrs():
    settings = load_settings(fetch_allow_networks="127.0.0.1/32, 10.0.0.0/8")
    assert [str(n) for n in settings.fetch_allow_networks] == ["127.0.0.1/32", "10.0.0.0/8"]
    assert FetchPolicy.from_settings(settings).allow_networks == settings.fetch_allow_networks


def test_a_feed_is_fetched_with_the_bots_user_agent(local_site, fetcher):
    local_site.pages["/feed"] = Page(RSS, "application/rss+xml")
    fetched = fetcher.fetch(local_site.url("/feed"), kind="feed")
    assert fetched.status == 200 and fetched.body == RSS
    assert local_site.user_agents == ["TestBot/1"]


def test_an_unchanged_feed_costs_a_304_by_etag_and_by_last_modified(local_site, fetcher):
    local_site.pages["/e"] = Page(RSS, "application/rss+xml", etag='"v1"')
    local_site.pages["/m"] = Page(RSS, "text/xml", last_modified="Tue, 07 Oct 2025 09:00:00 GMT")
    first = fetcher.fetch(local_site.url("/e"), kind="feed")
    again = fetcher.fetch(local_site.url("/e"), kind="feed", etag=first.etag)
    assert first.etag == '"v1"' and again.not_modified and again.body == b""
    dated = fetcher.fetch(local_site.url("/m"), kind="feed")
    assert fetcher.fetch(
        local_site.url("/m"), kind="feed", last_modified=dated.last_modified
    ).not_modified
    assert local_site.not_modified == {"/e": 1, "/m": 1}


def test_compressed_bodies_are_accepted_and_unpacked(local_site, fetcher):
    local_site.pages["/gz"] = Page(RSS * 20, "application/rss+xml", gzip=True)
    assert fetcher.fetch(local_site.url("/gz"), kind="feed").body == RSS * 20


def test_redirects_are_followed_to_at_most_five(local_site, fetcher):
    for n in range(7):
        local_site.pages[f"/r{n}"] = Page(status=302, location=f"/r{n + 1}")
    local_site.pages["/r7"] = Page(RSS, "application/rss+xml")
    fetched = fetcher.fetch(local_site.url("/r2"), kind="feed")
    assert fetched.url == local_site.url("/r7")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.fetch(local_site.url("/r0"), kind="feed")


def test_a_redirect_to_an_address_outside_the_allowed_networks_is_refused(local_site, fetcher):
    local_site.pages["/away"] = Page(
        status=301, location=f"http://127.0.0.2:{local_site.port}/feed"
    )
    local_site.pages["/feed"] = Page(RSS, "application/rss+xml")
    with pytest.raises(FetchError, match=r"127\.0\.0\.2 is a loopback address"):
        fetcher.fetch(local_site.url("/away"), kind="feed")
    assert local_site.hits["/feed"] == 0


def test_a_host_name_is_resolved_checked_and_connected_to_by_address(local_site):
    with (
        Fetcher(FetchPolicy(timeout=2)) as strict,
        pytest.raises(FetchError, match=r"refused localhost: 127\.0\.0\.1 is a loopback"),
    ):
        strict.fetch(f"http://localhost:{local_site.port}/x")
    local_site.pages["/x"] = Page(b"<html><body>hi</body></html>")
    with Fetcher(FetchPolicy(timeout=2, allow_networks=(ip_network("127.0.0.0/8"),))) as lax:
        assert lax.fetch(f"http://localhost:{local_site.port}/x").body.startswith(b"<html>")


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https_are_fetched(fetcher, url):
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.fetch(url)


def test_a_body_over_the_cap_is_refused(local_site, fetcher):
    local_site.pages["/big"] = Page(b"<rss>" + b"x" * 60_000, "application/rss+xml")
    local_site.pages["/big-gz"] = Page(b"x" * 200_000, "application/rss+xml", gzip=True)
    local_site.pages["/big-stream"] = Page(b"y" * 60_000, "text/xml", drip=0.001)
    for path in ("/big", "/big-gz", "/big-stream"):
        with pytest.raises(FetchError, match="too large"):
            fetcher.fetch(local_site.url(path), kind="feed")


def test_slow_and_failing_endpoints_fail_with_a_reason(local_site, fetcher):
    local_site.pages["/slow"] = Page(RSS, "text/xml", delay=3)
    local_site.pages["/fail"] = Page(b"oops", "text/plain", status=500)
    with pytest.raises(FetchError, match="timed out"):
        fetcher.fetch(local_site.url("/slow"), kind="feed")
    with pytest.raises(FetchError, match="HTTP 500"):
        fetcher.fetch(local_site.url("/fail"), kind="feed")
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(local_site.url("/missing"), kind="feed")


def test_content_types_are_checked(local_site, fetcher):
    local_site.pages["/app"] = Page(b"MZ\x90\x00", "application/octet-stream")
    local_site.pages["/feed-as-page"] = Page(RSS, "application/rss+xml")
    with pytest.raises(FetchError, match="unexpected content type application/octet-stream"):
        fetcher.fetch(local_site.url("/app"))
    with pytest.raises(FetchError, match="unexpected content type"):
        fetcher.fetch(local_site.url("/feed-as-page"), kind="page")
