"""Local stand-ins for the 553 KPU websites (kpu.go.id and every *.kpu.go.id host), for `make run`
and the benchmarks: one HTTPS server and one plain HTTP server on 127.0.0.1, never a real host.
ipp-monitor reaches them through its resolve override (probe.resolve) and trusts their CA
(probe.trust_roots_file).

Each site is a small KPU CMS: a home page with the latest news, the listings
/index.php/blog/category/104 (Berita) and /105 (Sosialisasi), and an article page per post
(/blog/read/<slug>), dated as KPU's sites write dates. What a site is like is fixed by its name
(crc32), with dates counted back from today, so the stack shows realistic variety: about 70 % post
every working day, 15 % are slowing, 8 % inactive, 7 % very inactive; kab-nduga and
kab-mamberamoraya answer 503 (down); kota-tual's certificate expires in 10 days.

A file FOLDER/control/<host> changes that site while it runs, for a test or to see an alert on
`make run`: `down` makes it answer 503, `stale` makes its last post 20 days old, `active` makes it
post every working day; removing the file gives the site back its own character.

usage: python3 scripts/local-sites.py FOLDER [--latency MIN-MAX] [--all-up]
  FOLDER           where the CA (ca.pem) and certificates are written
  --latency A-B    each host answers after A to B ms, fixed by its name (default 0-0)
  --all-up         no site is down and no certificate expires soon (benchmarks)
prints: READY <http port> <https port>, then serves until stopped (SIGTERM or SIGINT).
"""
import argparse, asyncio, datetime, os, signal, ssl, zlib
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--latency", default="0-0")
parser.add_argument("--all-up", action="store_true")
arguments = parser.parse_args()
fastest, slowest = (int(x) for x in arguments.latency.split("-"))
DOWN = set() if arguments.all_up else {"kab-nduga.kpu.go.id", "kab-mamberamoraya.kpu.go.id"}
EXPIRING = None if arguments.all_up else "kota-tual.kpu.go.id"
now = datetime.datetime.now(datetime.timezone.utc)
# A parent may have blocked these (a test runner's thread): stopping must work all the same.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})


def name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def certificate(subject, key, issuer, issuer_key, hosts, days, ca=False):
    builder = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if hosts:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]), False)
    return builder.sign(issuer_key, hashes.SHA256())


def context(file, hosts, days):
    """A server context with a certificate for `hosts` valid `days` more days, under the CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = certificate(hosts[0], key, "IPP local sites CA", ca_key, hosts, days)
    path = os.path.join(arguments.folder, file)
    with open(path + ".pem", "wb") as f:
        f.write(leaf.public_bytes(serialization.Encoding.PEM))
    with open(path + ".key", "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    made = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    made.load_cert_chain(path + ".pem", path + ".key")
    return made


os.makedirs(os.path.join(arguments.folder, "control"), exist_ok=True)
ca_key = ec.generate_private_key(ec.SECP256R1())
ca = certificate("IPP local sites CA", ca_key, "IPP local sites CA", ca_key, [], 3650, ca=True)
with open(os.path.join(arguments.folder, "ca.pem"), "wb") as f:
    f.write(ca.public_bytes(serialization.Encoding.PEM))
default_context = context("sites", ["*.kpu.go.id", "kpu.go.id"], 365)
contexts = {EXPIRING: context("expiring", [EXPIRING], 10)} if EXPIRING else {}
default_context.sni_callback = lambda sock, server_name, _: setattr(
    sock, "context", contexts.get(server_name, default_context))

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]
TITLES = ["Rapat Koordinasi Persiapan Pemilihan", "Sosialisasi Pendidikan Pemilih Pemula",
          "Bimbingan Teknis PPK dan PPS", "Rapat Pleno Terbuka Rekapitulasi DPT",
          "Monitoring Pencocokan dan Penelitian", "Evaluasi Pembentukan Badan Ad Hoc",
          "Rapat Kerja Pemutakhiran Data Pemilih", "KPU Goes to School", "Uji Publik Rancangan Dapil",
          "Penyerahan Laporan Dana Kampanye"]


def written(day, style):
    """A day as KPU's pages write it, in one of their ways."""
    if style == 0:
        return f"{DAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})"
    if style == 1:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"({day.day:02d}/{day.month:02d}/{day.year})"


def control(host):
    """What FOLDER/control/<host> says the site is now: down, stale, active, or None."""
    try:
        with open(os.path.join(arguments.folder, "control", host)) as f:
            return f.read().strip()
    except OSError:
        return None


def posts(host):
    """The site's posts, newest first: (slug, title, day)."""
    seed = zlib.crc32(host.encode())
    today = datetime.date.today()
    state = control(host)
    kind = 0 if state == "active" else seed % 100
    if state == "stale":
        days = [today - datetime.timedelta(days=n) for n in (20, 27, 41)]
    elif kind < 70:  # active: every working day of the last three weeks
        days = [today - datetime.timedelta(days=n) for n in range(21)]
        days = [d for d in days if d.weekday() < 5]
    elif kind < 85:  # slowing
        days = [today - datetime.timedelta(days=n) for n in (2, 6, 13, 20, 27)]
    elif kind < 93:  # inactive
        days = [today - datetime.timedelta(days=n) for n in (12, 19, 30, 41)]
    else:  # very inactive
        oldest = 45 + seed % 60
        days = [today - datetime.timedelta(days=n) for n in (oldest, oldest + 20, oldest + 50)]
    return [(f"berita-{seed % 9973}-{i}", TITLES[(seed + i) % len(TITLES)], day) for i, day in enumerate(days)]


def office(host):
    label = host.split(".")[0]
    if "-" not in label:
        return "KPU " + ("RI" if host == "kpu.go.id" else "Provinsi " + label.upper())
    kind, place = label.split("-", 1)
    return ("KPU Kabupaten " if kind == "kab" else "KPU Kota ") + place.title()


# What every page carries besides its content, as a KPU CMS page does (menus, links, footer):
# about 20 KB, so a page weighs what a real one does.
MENU = "".join(f"<li><a href='/index.php/page/{i}'>{TITLES[i % len(TITLES)]} {i}</a></li>" for i in range(120))
FOOTER = ("<footer><p>Komisi Pemilihan Umum. Jl. Imam Bonjol No. 29, Jakarta Pusat. "
          + "Pengunjung hari ini, kemarin, minggu ini, bulan ini. " * 60 + "</p></footer>")


def page(host, path):
    """The status and HTML of `path` on `host`."""
    if host in DOWN or control(host) == "down":
        return 503, "<h1>503 Service Unavailable</h1>"
    listed = posts(host)
    seed = zlib.crc32(host.encode())
    head = f"<html><head><title>{office(host)}</title></head><body><ul class='menu'>{MENU}</ul><h1>{office(host)}</h1>"
    items = lambda chosen: "".join(
        f"<div class='post'><h3><a href='/blog/read/{slug}'>{title}</a></h3>"
        f"<span class='date'>{written(day, (seed + i) % 3)}</span><p>{office(host)} menggelar "
        f"{title.lower()}.</p></div>" for i, (slug, title, day) in enumerate(chosen))
    if path in ("/", "/index.php"):
        return 200, head + "<h2>Berita Terkini</h2>" + items(listed[:10]) + FOOTER + "</body></html>"
    if path.startswith("/index.php/blog/category/104"):
        return 200, head + "<h2>Berita</h2>" + items(listed[::2]) + FOOTER + "</body></html>"
    if path.startswith("/index.php/blog/category/105"):
        return 200, head + "<h2>Sosialisasi</h2>" + items(listed[1::2]) + FOOTER + "</body></html>"
    for slug, title, day in listed:
        if path.rstrip("/") in (f"/blog/read/{slug}", f"/index.php/blog/read/{slug}"):
            place = office(host).split(" ", 2)[-1]
            return 200, (head + f"<h2>{title}</h2><p>{place}, {written(day, 0)} - {office(host)} "
                         f"menggelar {title.lower()}.</p>" + FOOTER + "</body></html>")
    return 404, "<h1>404 Not Found</h1>"


def delay(host):
    """Seconds `host` takes to answer, fixed by its name."""
    return (fastest + zlib.crc32(host.encode()) % (slowest - fastest + 1)) / 1000


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else "/"
            host = next((line.split(":", 1)[1].strip().split(":")[0].lower() for line in lines[1:]
                         if line.lower().startswith("host:")), "")
            if not (host == "kpu.go.id" or host.endswith(".kpu.go.id")):
                status, body = 404, "<h1>Not a KPU site</h1>"
            else:
                await asyncio.sleep(delay(host))
                status, body = page(host, path.split("?")[0])
            data = body.encode()
            close = any(line.lower() == "connection: close" for line in lines)
            writer.write(f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
                         f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(data)}\r\n"
                         f"{'Connection: close' if close else 'Connection: keep-alive'}\r\n\r\n".encode() + data)
            await writer.drain()
            if close:
                break
    except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError, IndexError):
        pass
    finally:
        writer.close()


async def main():
    plain = await asyncio.start_server(serve, "127.0.0.1", 0, backlog=1024)
    secure = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=default_context, backlog=1024)
    print("READY", plain.sockets[0].getsockname()[1], secure.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    await stop.wait()

asyncio.run(main())
