"""A throwaway OpenID Connect provider for the single sign-on tests (django-oauth-toolkit).

Run as `python serve.py`: it binds a free port, prints it on the first line of its output and
serves until it is stopped. Its database is in memory, its RSA signing key made at start, so
each test session gets a fresh provider. Tests drive it over HTTP: /people/ adds or changes an
account, /apps/ registers a client, /login/ signs a browser in (no password: it is a test),
/served/ counts the requests it has served by path.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "idp.settings"


def main() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the name the base class uses
            pass

    server = WSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False)
    port = server.server_port
    os.environ["IDP_ISSUER"] = f"http://127.0.0.1:{port}/o"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    os.environ["IDP_RSA_KEY"] = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()

    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)
    server.set_app(get_wsgi_application())
    print(port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
