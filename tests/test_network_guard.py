"""The offline guard itself: a test that reaches for the network fails."""

import socket

import pytest

from tests.conftest import NetworkBlocked


def test_tcp_connection_is_refused():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9))


def test_dns_lookup_is_refused():
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.com", 80)


def test_raw_socket_connect_is_refused():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()


@pytest.mark.loopback
def test_loopback_tests_still_cannot_leave_the_machine():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("93.184.216.34", 80))
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.com", 80)
