"""Which ``Host`` headers the server answers: a defence against DNS rebinding.

A page on another site can point its own name at 127.0.0.1 and so reach a local server from the
visitor's browser; its requests then carry that name as ``Host``. The server answers only the
host it is bound to (with ``localhost`` for a loopback address, and any address literal for a
wildcard address) and the names given with ``--allowed-host``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})


@dataclass(frozen=True)
class HostRule:
    """The host names answered, and whether any IP address literal is answered too."""

    names: frozenset[str]
    any_address: bool = False

    def allows(self, host: str) -> bool:
        return host in self.names or (self.any_address and is_address(host))


def served_hosts(bound: str, allowed: Iterable[str] = ()) -> HostRule:
    """The rule for a server bound to ``bound`` with the extra names ``allowed``."""
    names = {name_of(bound), *(name_of(a) for a in allowed)}
    if is_address(name_of(bound)) and ipaddress.ip_address(name_of(bound)).is_loopback:
        names |= LOOPBACK_NAMES
    if name_of(bound) == "localhost":
        names |= LOOPBACK_NAMES
    return HostRule(frozenset(names), any_address=name_of(bound) in WILDCARDS)


def name_of(host: str) -> str:
    """A host without its port, brackets, trailing dot or case: ``[::1]:8000`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


def is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class HostCheck:
    """ASGI middleware refusing, with a 400, a request whose ``Host`` the rule does not allow."""

    def __init__(self, app: ASGIApp, rule: HostRule | None,
                 refuse: Callable[[Request, int, str], Response]) -> None:  # fmt: skip
        self.app = app
        self.rule = rule
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.rule is not None:
            request = Request(scope)
            host = request.headers.get("host")
            if host is not None and not self.rule.allows(name_of(host)):
                message = (f"this server does not answer for the host {host!r}; "
                           "start it with --allowed-host NAME to allow a name")  # fmt: skip
                await self.refuse(request, 400, message)(scope, receive, send)
                return
        await self.app(scope, receive, send)
