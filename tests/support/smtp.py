"""The real SMTP receiver on a free loopback port, and a sender for tests."""

from __future__ import annotations

import smtplib
import ssl
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from service.config import Config
from service.smtp_receiver import IngestHandler, ReceiverThread

FROM = "zhang.san@partner.example.cn"
TO = ("meet@alliance.example.cn",)


@contextmanager
def running_receiver(cfg: Config, handler: IngestHandler | None = None) -> Iterator[ReceiverThread]:
    """The receiver of `cfg` listening on 127.0.0.1, port chosen by the OS."""
    receiver = ReceiverThread(cfg, handler, host="127.0.0.1", port=0)
    receiver.start()
    try:
        yield receiver
    finally:
        receiver.stop()


def send(
    receiver: ReceiverThread,
    raw: bytes,
    *,
    mail_from: str = FROM,
    to: Sequence[str] = TO,
    mail_options: Sequence[str] = (),
) -> dict:
    """One message over a fresh connection; returns smtplib's refused-recipients dict."""
    with smtplib.SMTP(receiver.host, receiver.port, timeout=10) as client:
        return client.sendmail(mail_from, list(to), raw, mail_options=list(mail_options))


@contextmanager
def tls_client(receiver: ReceiverThread, cafile: str) -> Iterator[smtplib.SMTP]:
    """A client that has done STARTTLS, trusting `cafile`."""
    context = ssl.create_default_context(cafile=cafile)
    with smtplib.SMTP(receiver.host, receiver.port, timeout=10) as client:
        client.starttls(context=context)
        yield client


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (SAN IP), made now with openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key
