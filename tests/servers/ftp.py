"""A real FTP or FTPS server on 127.0.0.1 for the deploy tests (pyftpdlib).

Serves ROOT to one user with a password, on a free port that it writes to PORT_FILE once it
listens. With --tls it makes a self-signed certificate for 127.0.0.1 and localhost, writes it to
CERT (PEM), and requires TLS on the control and data connections (explicit FTPS, AUTH TLS).
With --read-only the user may list and read but not write. With --stop-after N the server
process dies, without a goodbye, after the N-th file it received: a host going away mid-deploy.
"""

import argparse
import datetime
import ipaddress
import os

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer


def self_signed(cert_path, key_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--tls", metavar="CERT")
    parser.add_argument("--read-only", action="store_true")
    parser.add_argument("--stop-after", type=int, default=0)
    args = parser.parse_args()

    authorizer = DummyAuthorizer()
    perm = "elr" if args.read_only else "elradfmwMT"
    authorizer.add_user(args.user, args.password, args.root, perm=perm)

    base = FTPHandler
    if args.tls:
        key = args.tls + ".key"
        self_signed(args.tls, key)
        base = TLS_FTPHandler

    received = [0]

    class Handler(base):
        def on_file_received(self, file):
            received[0] += 1
            if args.stop_after and received[0] >= args.stop_after:
                os._exit(3)

    Handler.authorizer = authorizer
    Handler.banner = "spodeli test server"
    if args.tls:
        Handler.certfile = args.tls
        Handler.keyfile = args.tls + ".key"
        Handler.tls_control_required = True
        Handler.tls_data_required = True

    server = FTPServer(("127.0.0.1", 0), Handler)
    port = server.socket.getsockname()[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, args.port_file)
    server.serve_forever(handle_exit=False)


if __name__ == "__main__":
    main()
