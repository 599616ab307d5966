"""A local stand-in for the 553 KPU websites, for benchmarks: one HTTPS server on loopback (and
one plain HTTP) answering every *.kpu.go.id host, with a certificate made at start under a CA of
its own (written to FOLDER/ca.pem). Each host answers after its own delay, 50 to 500 ms, fixed by
its name (crc32), with a home page of about 20 KB that lists dated news as KPU's sites do.

usage: python3 Benchmarks/site_farm.py FOLDER
prints: READY <http port> <https port>   then serves until its standard input closes.
"""
import asyncio, datetime, os, ssl, sys, zlib
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

folder = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def certificate(subject, key, issuer, issuer_key, hosts, ca):
    builder = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=90))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if hosts:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]), False)
    return builder.sign(issuer_key, hashes.SHA256())


ca_key = ec.generate_private_key(ec.SECP256R1())
ca = certificate("IPP benchmark CA", ca_key, "IPP benchmark CA", ca_key, [], True)
key = ec.generate_private_key(ec.SECP256R1())
leaf = certificate("*.kpu.go.id", key, "IPP benchmark CA", ca_key, ["*.kpu.go.id", "kpu.go.id"], False)
with open(os.path.join(folder, "ca.pem"), "wb") as f:
    f.write(ca.public_bytes(serialization.Encoding.PEM))
with open(os.path.join(folder, "leaf.pem"), "wb") as f:
    f.write(leaf.public_bytes(serialization.Encoding.PEM))
with open(os.path.join(folder, "leaf.key"), "wb") as f:
    f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.path.join(folder, "leaf.pem"), os.path.join(folder, "leaf.key"))

NEWS = "".join(f"<div class='post'><a href='/blog/read/berita-{i}'>Berita {i}</a> Senin (1/12/2026) "
               f"<p>{'KPU menggelar rapat koordinasi. ' * 20}</p></div>" for i in range(30))
PAGE = f"<html><head><title>KPU</title></head><body><h1>Berita Terkini</h1>{NEWS}</body></html>".encode()


def delay(host):
    """Seconds a host takes to answer: 0.050 to 0.500, fixed by its name."""
    return (50 + zlib.crc32(host.encode()) % 451) / 1000


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            host = ""
            for line in head.split(b"\r\n")[1:]:
                if line.lower().startswith(b"host:"):
                    host = line[5:].strip().decode().split(":")[0]
            await asyncio.sleep(delay(host))
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                         + f"Content-Length: {len(PAGE)}\r\n\r\n".encode() + PAGE)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def main():
    plain = await asyncio.start_server(serve, "127.0.0.1", 0, backlog=1024)
    secure = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=context, backlog=1024)
    print("READY", plain.sockets[0].getsockname()[1], secure.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

asyncio.run(main())
