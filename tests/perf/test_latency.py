"""The delaying proxy of the distant-database bench carries a connection faithfully, later."""

import socket
import socketserver
import threading
import time

from perf import latency


class Echo(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        while data := self.request.recv(65536):
            self.request.sendall(data)


def test_the_proxy_carries_every_byte_in_order_after_the_delay():
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Echo) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with latency.delayed("127.0.0.1", server.server_address[1], 30) as port:
                client = socket.create_connection(("127.0.0.1", port), timeout=5)
                sent = b"".join(f"message {i};".encode() for i in range(2000))
                started = time.monotonic()
                client.sendall(sent)
                got = b""
                while len(got) < len(sent):
                    got += client.recv(65536)
                took = time.monotonic() - started
                client.close()
        finally:
            server.shutdown()
    assert got == sent
    # The whole burst pays the delay, once: never sooner than the link allows.
    assert took >= 0.03
