"""A local stand-in for the mail server, for `make run`: plain SMTP on 127.0.0.1 (aiosmtpd) that
keeps every message ipp-notify sends as a file in FOLDER, named by the time it arrived and its
first recipient, so a newcomer can open the reminder in ./var/mail. It delivers nothing anywhere.

usage: python3 scripts/local-mail.py FOLDER
prints: READY <port>, then serves until stopped (SIGTERM or SIGINT).
"""
import datetime, os, re, signal, socket, sys, threading
from aiosmtpd.controller import Controller

folder = sys.argv[1]
# A parent may have blocked these (a test runner's thread): stopping must work all the same.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
os.makedirs(folder, exist_ok=True)
count = 0
lock = threading.Lock()


class Keep:
    async def handle_DATA(self, server, session, envelope):
        global count
        with lock:
            count += 1
            number = count
        to = re.sub(r"[^A-Za-z0-9@._-]", "_", envelope.rcpt_tos[0] if envelope.rcpt_tos else "unknown")
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = os.path.join(folder, f"{stamp}-{number:05d}-{to}.eml")
        with open(path + ".part", "wb") as f:
            f.write(envelope.original_content)
        os.replace(path + ".part", path)
        return "250 2.0.0 kept in " + os.path.basename(path)


# aiosmtpd cannot listen on port 0 itself: a free port is found first.
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Keep(), hostname="127.0.0.1", port=port)
controller.start()
print("READY", port, flush=True)
stopped = threading.Event()
for sig in (signal.SIGTERM, signal.SIGINT):
    signal.signal(sig, lambda *_: stopped.set())
stopped.wait()
controller.stop()
