"""Egress rules (jshost.egress): metadata and private addresses, the server's own endpoints."""

from __future__ import annotations

import ipaddress

import pytest

from jshost.config import EgressPolicy
from jshost.egress import EgressDenied, ResolveFailed, check_url, is_forbidden, refusal, resolve_host

DEFAULT = EgressPolicy()
STRICT = EgressPolicy(block_private=True)


@pytest.mark.parametrize("address, refused_by_default, refused_strictly", [
    ("169.254.169.254", True, True),
    ("fd00:ec2::254", True, True),
    ("::ffff:169.254.169.254", True, True),   # IPv4-mapped IPv6 is the same host
    ("169.254.170.2", True, True),
    ("127.0.0.1", False, True),
    ("10.1.2.3", False, True),
    ("192.168.0.10", False, True),
    ("::1", False, True),
    ("93.184.216.34", False, False),
    ("2606:2800:220:1:248:1893:25c8:1946", False, False),
])
def test_refusals(address: str, refused_by_default: bool, refused_strictly: bool) -> None:
    ip = ipaddress.ip_address(address)
    assert (refusal(ip, DEFAULT) is not None) is refused_by_default
    assert (refusal(ip, STRICT) is not None) is refused_strictly


def test_metadata_can_be_allowed_explicitly() -> None:
    assert refusal(ipaddress.ip_address("169.254.169.254"), EgressPolicy(block_metadata=False)) is None


def test_own_endpoints_are_forbidden() -> None:
    policy = EgressPolicy(forbidden_prefixes=("http://127.0.0.1:8080/", "https://hooks.example.com/"))
    assert is_forbidden("http://127.0.0.1:8080/signups", policy)
    assert is_forbidden("http://localhost:8080/signups", policy)  # loopback names are one host
    assert is_forbidden("https://HOOKS.example.com:443/x", policy)
    assert not is_forbidden("http://127.0.0.1:9090/", policy)
    assert not is_forbidden("https://example.com/", policy)
    with pytest.raises(EgressDenied):
        check_url("https://hooks.example.com/anything", policy)


async def test_resolution_checks_every_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import socket

    assert str(await resolve_host("127.0.0.1", 80, DEFAULT)) == "127.0.0.1"
    with pytest.raises(EgressDenied):
        await resolve_host("169.254.169.254", 80, DEFAULT)
    with pytest.raises(EgressDenied):
        await resolve_host("localhost", 80, STRICT)
    loop = asyncio.get_running_loop()

    async def answers(host, port, **kw):  # a name with one public and one metadata address (no real DNS)
        if host == "rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                    (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(loop, "getaddrinfo", answers)
    with pytest.raises(EgressDenied):
        await resolve_host("rebind.test", 80, DEFAULT)
    with pytest.raises(ResolveFailed) as info:
        await resolve_host("no-such-host.test", 80, DEFAULT)
    assert str(info.value) == "getaddrinfo ENOTFOUND no-such-host.test"
