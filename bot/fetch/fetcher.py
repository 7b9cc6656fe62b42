"""The one place the bot touches the network: a GET that is safe and polite.

Safe: http(s) only; the host is resolved here, every address checked (see `addresses`),
and the connection goes to the address that was checked, so a second DNS answer cannot
switch it (DNS rebinding); every redirect is checked again, at most five.  Polite:
conditional GET, a User-Agent that names the bot, timeouts, a size cap, compression.
Nothing fetched is ever executed: the bytes go to parsers as data.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from ipaddress import ip_address
from urllib.parse import urljoin

import httpx

from bot.config import Settings
from bot.fetch.addresses import Network, address_refusal, scheme_refusal

MAX_REDIRECTS = 5
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
KINDS = {"feed": FEED_TYPES, "page": PAGE_TYPES}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A fetch failed or was refused; the message is the reason, fit to show an admin."""


@dataclass(frozen=True)
class Fetched:
    url: str  # where the bytes came from, after redirects
    status: int  # 200, or 304 when the copy we hold is still current
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    user_agent: str = "TimelineBot/0.1"
    allow_networks: tuple[Network, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            timeout=settings.fetch_timeout_seconds,
            max_bytes=settings.fetch_max_bytes,
            user_agent=settings.fetch_user_agent,
            allow_networks=tuple(settings.fetch_allow_networks),
        )


class Fetcher:
    """GETs feeds and pages under a `FetchPolicy`; reuse one for many fetches."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        # trust_env=False: a proxy from the environment would resolve names itself,
        # past our checks.
        self._client = httpx.Client(
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": policy.user_agent},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        *,
        kind: str = "page",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET `url` (a "feed" or a "page"), following checked redirects; FetchError if not."""
        deadline = time.monotonic() + 3 * self.policy.timeout
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            request = self._pinned_request(url, conditional)
            try:
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {self.policy.timeout:g} s") from None
            except httpx.HTTPError as error:
                raise FetchError(f"could not connect: {error}") from None
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                return self._read(url, response, KINDS[kind], deadline)
            finally:
                response.close()
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _pinned_request(self, url: str, headers: dict[str, str]) -> httpx.Request:
        """A request to the checked address of `url`'s host, with the host's own name in
        the Host header and TLS server name (so certificates are still checked)."""
        try:
            target = httpx.URL(url)
        except httpx.InvalidURL as error:
            raise FetchError(f"not a valid link: {error}") from None
        if refusal := scheme_refusal(target.scheme):
            raise FetchError(refusal)
        if not target.host:
            raise FetchError("the link names no host")
        address = self._checked_address(target.host, target.port or _default_port(target))
        host_header = target.netloc.decode("ascii").rpartition("@")[2]
        return self._client.build_request(
            "GET",
            target.copy_with(host=address),
            headers={**headers, "Host": host_header},
            extensions={"sni_hostname": target.host},
        )

    def _checked_address(self, host: str, port: int) -> str:
        try:
            found = [ip_address(host)]
        except ValueError:
            found = _resolve(host, port)
        for address in found:
            if refusal := address_refusal(address, self.policy.allow_networks):
                raise FetchError(f"refused {host}: {refusal}")
        return str(found[0])

    def _read(
        self, url: str, response: httpx.Response, allowed: Iterable[str], deadline: float
    ) -> Fetched:
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        if response.status_code == 304:
            return Fetched(url, 304, b"", "", None, etag, last_modified)
        if response.status_code in _REDIRECTS:
            raise FetchError(f"HTTP {response.status_code} redirect without a Location")
        if response.status_code != 200:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        content_type, charset = _media_type(response.headers.get("content-type", ""))
        if content_type not in allowed:
            raise FetchError(f"unexpected content type {content_type or 'none'}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise FetchError(_too_large(self.policy.max_bytes))
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.policy.max_bytes:
                    raise FetchError(_too_large(self.policy.max_bytes))
                if time.monotonic() > deadline:
                    raise FetchError("too slow: the body did not arrive in time")
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.policy.timeout:g} s") from None
        except httpx.HTTPError as error:
            raise FetchError(f"the download broke off: {error}") from None
        return Fetched(url, 200, bytes(body), content_type, charset, etag, last_modified)


def _resolve(host: str, port: int) -> list:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host}: {error}") from None
    found = []
    for info in infos:
        address = ip_address(info[4][0].split("%", 1)[0])
        if address not in found:
            found.append(address)
    if not found:
        raise FetchError(f"cannot resolve {host}")
    return found


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ").lower()
    return media.strip().lower(), charset


def _too_large(cap: int) -> str:
    return f"too large: more than {cap / 1_000_000:g} MB (FETCH_MAX_BYTES)"
