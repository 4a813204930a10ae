"""Where a function's fetches may go: the egress guard rails of an instance.

Every hop of a fetch (the first request and each redirect) is checked here:

* cloud metadata endpoints are refused unless the policy allows them, whether
  named by an IP literal or by a host name that resolves to one;
* with ``block_private``, private, loopback, link-local and other non-public
  networks are refused too;
* the host's own webhook endpoints are refused (Segment forbids a function
  calling its own endpoint: docs 004, "Functions are unable to send data or
  events back to their originating source").

Host names are resolved by jshost itself when a connection is opened, and the
connection goes to the address that was checked, so a DNS answer that changes
between a check and the connect (DNS rebinding) cannot reach a refused address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import urllib.parse

from .config import EgressPolicy

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Instance-metadata services of cloud providers: AWS/GCP/Azure/OpenStack
#: (169.254.169.254 and AWS's IPv6 fd00:ec2::254), AWS ECS task metadata, Alibaba Cloud.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200",
))

DEFAULT_PORTS = {"http": 80, "https": 443}


class EgressDenied(Exception):
    """A request the policy refuses; ``code`` is what the JS FetchError carries."""

    def __init__(self, reason: str, code: str = "ERR_JSHOST_EGRESS_DENIED") -> None:
        super().__init__(reason)
        self.code = code


class ResolveFailed(Exception):
    """The host name does not resolve (Node reports ``getaddrinfo ENOTFOUND <host>``)."""

    def __init__(self, host: str) -> None:
        super().__init__(f"getaddrinfo ENOTFOUND {host}")
        self.host = host


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def refusal(address: IPAddress, policy: EgressPolicy) -> str | None:
    """Why ``policy`` refuses ``address``, or ``None`` when it is allowed."""
    address = _unmapped(address)
    if policy.block_metadata and address in METADATA_ADDRESSES:
        return f"{address} is a cloud metadata address"
    if policy.block_private and (address.is_private or address.is_loopback or address.is_link_local
                                 or address.is_reserved or address.is_unspecified or address.is_multicast):
        return f"{address} is not a public address"
    return None


def _origin(url: str) -> tuple[str, str, int] | None:
    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme, 0)
    except ValueError:
        return None
    return scheme, parts.hostname.lower().rstrip("."), port


def is_forbidden(url: str, policy: EgressPolicy) -> bool:
    """Whether ``url`` is under one of the policy's forbidden prefixes (the host's own endpoints)."""
    origin = _origin(url)
    path = urllib.parse.urlsplit(url).path or "/"
    for prefix in policy.forbidden_prefixes:
        prefix_origin = _origin(prefix)
        if prefix_origin is None or origin is None:
            continue
        hosts_match = prefix_origin[1] == origin[1] or (
            {prefix_origin[1], origin[1]} <= {"localhost", "127.0.0.1", "::1", "0.0.0.0"})
        prefix_path = urllib.parse.urlsplit(prefix).path or "/"
        if prefix_origin[0] == origin[0] and hosts_match and prefix_origin[2] == origin[2] \
                and path.startswith(prefix_path):
            return True
    return False


def check_url(url: str, policy: EgressPolicy) -> None:
    """Refuse a URL the policy forbids by itself (the host's own endpoints). Raises :class:`EgressDenied`."""
    if is_forbidden(url, policy):
        raise EgressDenied("a function must not call its own webhook endpoint")


async def resolve_host(host: str, port: int, policy: EgressPolicy) -> IPAddress:
    """Resolve ``host`` and pick an address the policy allows, to connect to exactly that one.

    Raises :class:`EgressDenied` or :class:`ResolveFailed`."""
    host = host.rstrip(".")
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise ResolveFailed(host) from None
        addresses = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise ResolveFailed(host)
    # Any refused answer refuses the host: a name that also points at a metadata
    # address is not safe to call whichever address a reconnect would pick.
    for address in addresses:
        reason = refusal(address, policy)
        if reason is not None:
            raise EgressDenied(reason)
    return addresses[0]
