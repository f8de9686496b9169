"""Loaded by a Python process started with this folder on PYTHONPATH: records every attempt to reach an
address outside this machine — a name lookup of another host, or a TCP connection to a non-loopback
address — in the file named by GEBIED_NETLOG, and refuses it."""

import ipaddress
import os
import socket

_connect = socket.socket.connect
_getaddrinfo = socket.getaddrinfo
LOCAL_NAMES = {"localhost", "", None}


def _record(what: str) -> None:
    with open(os.environ["GEBIED_NETLOG"], "a", encoding="utf-8") as f:
        f.write(what + "\n")
    raise OSError("gebied test: nothing may leave the machine")


def _is_local(host: object) -> bool:
    if host in LOCAL_NAMES:
        return True
    try:
        ip = ipaddress.ip_address(str(host))
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def _guarded_connect(self, address):
    if isinstance(address, tuple) and self.type == socket.SOCK_STREAM and not _is_local(address[0]):
        _record(f"connect {address[0]}:{address[1]}")
    return _connect(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_local(host if not isinstance(host, bytes) else host.decode()):
        try:
            ipaddress.ip_address(str(host))  # a literal address is checked at connect
        except ValueError:
            _record(f"lookup {host}")
    return _getaddrinfo(host, *args, **kwargs)


if os.environ.get("GEBIED_NETLOG"):
    socket.socket.connect = _guarded_connect
    socket.getaddrinfo = _guarded_getaddrinfo
