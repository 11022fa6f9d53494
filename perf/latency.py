"""A distant database on one machine: a TCP proxy that holds every message from the app to
PostgreSQL for a fixed delay, as a network a few milliseconds long would.

Each query is one message to the server and its answer one back, so a delay on the way there
adds it once per round trip; messages keep their order and are not held behind each other, so
a burst sent at once (a pipeline) pays the delay once, as on a real link.
"""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

CHUNK = 65536


async def _carry(reader, writer, delay: float) -> None:
    """Copies reader to writer, each chunk `delay` seconds after it arrived."""
    queue: asyncio.Queue = asyncio.Queue()

    async def read() -> None:
        while data := await reader.read(CHUNK):
            queue.put_nowait((time.monotonic() + delay, data))
        queue.put_nowait((0.0, b""))

    reading = asyncio.ensure_future(read())
    try:
        while True:
            due, data = await queue.get()
            if not data:
                break
            if (wait := due - time.monotonic()) > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        reading.cancel()
        writer.close()


async def _serve(host: str, port: int, delay: float, ready: threading.Event, box: dict) -> None:
    async def connected(client_reader, client_writer) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(host, port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            _carry(client_reader, server_writer, delay),
            _carry(server_reader, client_writer, 0.0),
            return_exceptions=True,
        )

    server = await asyncio.start_server(connected, "127.0.0.1", 0)
    box["port"] = server.sockets[0].getsockname()[1]
    box["stop"] = asyncio.Event()
    ready.set()
    async with server:
        await box["stop"].wait()
    # Connections still open (gunicorn's workers keep theirs) end with the proxy.
    others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)


@contextmanager
def delayed(host: str, port: int, delay_ms: float) -> Iterator[int]:
    """A proxy to host:port on a free loopback port, adding `delay_ms` to every round trip;
    yields the port, and stops with the block."""
    loop = asyncio.new_event_loop()
    ready, box = threading.Event(), {}
    thread = threading.Thread(
        target=loop.run_until_complete,
        args=(_serve(host, port, delay_ms / 1000, ready, box),),
        daemon=True,
    )
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("The delaying proxy did not start")
    try:
        yield box["port"]
    finally:
        loop.call_soon_threadsafe(box["stop"].set)
        thread.join(5)
        loop.close()
