"""A real Dovecot IMAP server for one test, on a free loopback port.

`dovecot` fixture (import `dovecot_fixture`): writes a config under tmp_path, starts `dovecot -F -c …`
(foreground, so this process owns it), waits for the port and yields a
`Dovecot` with host, port, user, password and `append()`. Without
/usr/sbin/dovecot the test is skipped with the reason, or fails when `CI`
is set (CI installs dovecot-imapd, so a missing one is a broken CI).

As root, mail is owned by `nobody` (Dovecot refuses uid 0 for mail) and
its helpers run as Debian's `dovecot`/`dovenull` users.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.support.smtp import make_certificate

DOVECOT = Path("/usr/sbin/dovecot")
USER, PASSWORD = "alice", "secret"
START_TIMEOUT_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _config(folder: Path, port: int, tls_port: int, extra_config: str) -> str:
    if os.getuid() == 0:
        mail_user, mail_group, extra = "nobody", "nogroup", ""
    else:
        mail_user = pwd.getpwuid(os.getuid()).pw_name
        mail_group = subprocess.run(["id", "-gn"], capture_output=True, text=True).stdout.strip()
        extra = (
            f"default_internal_user = {mail_user}\n"
            f"default_internal_group = {mail_group}\n"
            f"default_login_user = {mail_user}\n"
        )
    return f"""protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
{_tls_settings(folder) if tls_port else "ssl = no"}
disable_plaintext_auth = no
mail_location = maildir:{folder}/mail/%u
{extra}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={folder}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
{extra_config}
"""


@dataclass
class Dovecot:
    """One Dovecot instance; `stop()`/`start()` restart it on the same port and mail."""

    folder: Path
    host: str = "127.0.0.1"
    port: int = 0
    tls_port: int = 0  # implicit TLS (imaps); 0 when started without TLS
    user: str = USER
    password: str = PASSWORD
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(self.folder / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited at start: {self._diagnostics()}")
            try:
                socket.create_connection((self.host, self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"dovecot did not listen on {self.port}: {self._diagnostics()}")

    def stop(self) -> None:
        """SIGTERM and wait (an unwaited master leaves the port in use)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()
        self.process = None

    def session_pids(self) -> list[int]:
        """The per-connection `imap` processes (children of the master)."""
        assert self.process is not None
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                head, tail = stat.read_text().rsplit(")", 1)
                name, ppid = head.split("(", 1)[1], int(tail.split()[1])
            except (OSError, IndexError, ValueError):
                continue  # a process that ended while we looked
            if ppid == self.process.pid and name == "imap":
                pids.append(int(stat.parent.name))
        return pids

    def kill_sessions(self) -> int:
        """SIGKILL every client's `imap` process: the peer vanishes, no BYE."""
        pids = self.session_pids()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        return len(pids)

    def freeze_sessions(self) -> list[int]:
        """SIGSTOP every client's `imap` process: the link stays open and nobody
        answers, as after a NAT timeout (half-open). `thaw` them afterwards."""
        pids = self.session_pids()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        return pids

    def thaw(self, pids: list[int]) -> None:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                continue

    def go_away(self) -> None:
        """The server is gone entirely: master stopped, sessions killed.

        (Stopping the master alone leaves running sessions alive and serving.)
        """
        sessions = self.session_pids()
        self.stop()
        for pid in sessions:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue

    def client(self) -> IMAPClient:
        c = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        c.login(self.user, self.password)
        return c

    def append(self, *raws: bytes, folder: str = "INBOX") -> None:
        """Deliver each of `raws` as a second IMAP client would (APPEND)."""
        with self.client() as c:
            if not c.folder_exists(folder):
                c.create_folder(folder)
            for raw in raws:
                c.append(folder, raw)

    def uids(self, folder: str) -> list[int]:
        with self.client() as c:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            return sorted(c.search(["ALL"]))

    def _diagnostics(self) -> str:
        log = self.folder / "dovecot.log"
        text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        err = ""
        if self.process is not None and self.process.stderr is not None and self.process.poll():
            err = self.process.stderr.read().decode(errors="replace")[-2000:]
        return (err + text).strip() or "no log"


def _tls_settings(folder: Path) -> str:
    """TLS on both listeners (STARTTLS on imap) with the certificate in `folder`."""
    return f"ssl = yes\nssl_cert = <{folder}/cert.pem\nssl_key = <{folder}/key.pem"


def _prepare(folder: Path, server: Dovecot, extra_config: str) -> None:
    for sub in ("run", "state", "mail"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "dovecot.conf").write_text(
        _config(folder, server.port, server.tls_port, extra_config)
    )
    (folder / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    if os.getuid() == 0:
        shutil.chown(folder / "mail", "nobody", "nogroup")


@contextmanager
def running_dovecot(
    folder: Path, extra_config: str = "", *, tls: bool = False
) -> Iterator[Dovecot]:
    """Dovecot on a free port with its files in `folder`; `extra_config` is appended.

    With `tls`, a self-signed certificate for 127.0.0.1 is made as
    `folder/cert.pem` (trust it as the CA) and `tls_port` speaks implicit TLS.
    """
    if not DOVECOT.exists():
        reason = f"{DOVECOT} is missing (install dovecot-imapd)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = Dovecot(folder, port=free_port(), tls_port=free_port() if tls else 0)
    if tls:
        folder.mkdir(parents=True, exist_ok=True)
        make_certificate(folder)
    _prepare(folder, server, extra_config)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def server_folder(tmp_path: Path) -> Iterator[Path]:
    """Where a Dovecot keeps its files.

    Under tmp_path, except as root: Dovecot's helpers then run as other
    users, who cannot pass pytest's private (0700) base folder, which pytest
    resets to 0700 whenever another run starts. As root it is a fresh 0711
    folder in the system temp dir, removed afterwards.
    """
    if os.getuid() != 0:
        yield tmp_path / "dovecot"
        return
    folder = Path(tempfile.mkdtemp(prefix="meetloop-dovecot-"))
    folder.chmod(0o711)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(name="dovecot")
def dovecot_fixture(tmp_path: Path) -> Iterator[Dovecot]:
    """Import `dovecot_fixture` in a test module to use the fixture `dovecot`."""
    with server_folder(tmp_path) as folder, running_dovecot(folder) as server:
        yield server
