"""An SMTP server for Vigil's tests (Debian's python3-aiosmtpd): STARTTLS required before
anything else, AUTH required (one account, password from the environment), and every message
kept in OUT as N.eml with N.meta beside it (envelope, whether TLS and AUTH were in force).
Prints "READY <port>" once it listens on 127.0.0.1."""
import argparse
import asyncio
import itertools
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--cert", required=True)
parser.add_argument("--key", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--user", required=True)
args = parser.parse_args()
password = os.environ["SMTP_RECEIVER_PASSWORD"]
numbers = itertools.count(1)


class Keep:
    async def handle_DATA(self, server, session, envelope):
        n = next(numbers)
        meta = "mailFrom=%s\nrcptTos=%s\ntls=%s\nauthenticated=%s\n" % (
            envelope.mail_from, ",".join(envelope.rcpt_tos), session.ssl is not None, bool(session.authenticated))
        for suffix, data in ((".eml", envelope.original_content), (".meta", meta.encode())):
            part = os.path.join(args.out, "%d%s.part" % (n, suffix))
            with open(part, "wb") as f:
                f.write(data)
            os.rename(part, os.path.join(args.out, "%d%s" % (n, suffix)))
        return "250 kept"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
          and auth_data.password.decode() == password)
    return AuthResult(success=ok)


tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
tls.minimum_version = ssl.TLSVersion.TLSv1_2
tls.load_cert_chain(args.cert, args.key)
os.makedirs(args.out, exist_ok=True)
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
server = loop.run_until_complete(loop.create_server(
    lambda: SMTP(Keep(), hostname="localhost", tls_context=tls, require_starttls=True,
                 auth_required=True, authenticator=authenticate, loop=loop),
    host="127.0.0.1", port=0))
print("READY %d" % server.sockets[0].getsockname()[1], flush=True)
loop.run_forever()
