"""Which addresses the bot may fetch from: public ones, and the networks an admin allows.

Pure: given an address and the allowed networks, a reason to refuse or None.  A feed URL
comes from a chat message, so without this anyone who may add a feed could make the bot
read the host's own services (server-side request forgery).
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

Network = IPv4Network | IPv6Network
Address = IPv4Address | IPv6Address
SCHEMES = frozenset({"http", "https"})


def address_refusal(address: str | Address, allowed: Iterable[Network] = ()) -> str | None:
    """Why `address` must not be fetched from, or None when it may."""
    ip = ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    for kind, flagged in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved or ip.is_unspecified),
    ):
        if flagged:
            return f"{ip} is a {kind} address (not in FETCH_ALLOW_NETWORKS)"
    if not ip.is_global:
        return f"{ip} is not a public address (not in FETCH_ALLOW_NETWORKS)"
    return None


def scheme_refusal(scheme: str) -> str | None:
    if scheme.lower() not in SCHEMES:
        return f"only http and https links can be fetched, not {scheme or 'this'}:"
    return None
