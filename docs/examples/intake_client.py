"""Calling ipp-intake from Python with grpcio and cbor2: elections, a filling window, and the
deadline as each region reads it in its own zone; a token issued to an operator, who imports a
spreadsheet's CSV (a dry run, then for real) and exports it back; the token revoked.

usage: python3 docs/examples/intake_client.py [PORT] [TOKEN_FILE]
       (defaults: 7401 and var/admin.token, as `make run` leaves them)

`make test` runs this against the real ipp-intake executable. It sets Pilkada 2024's window, so
run it against a test or local instance only.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

import cbor2
import grpc

port = sys.argv[1] if len(sys.argv) > 1 else "7401"
token = open(sys.argv[2] if len(sys.argv) > 2 else "var/admin.token").read().strip()

channel = grpc.insecure_channel(f"127.0.0.1:{port}")
auth = [("authorization", f"Bearer {token}")]


def method(name):
    """A unary ipp.Intake method with CBOR as its codec."""
    return channel.unary_unary(f"/ipp.Intake/{name}", request_serializer=cbor2.dumps,
                               response_deserializer=cbor2.loads)


def streaming(name):
    """A server-streaming ipp.Intake method with CBOR as its codec."""
    return channel.unary_stream(f"/ipp.Intake/{name}", request_serializer=cbor2.dumps,
                                response_deserializer=cbor2.loads)


elections = method("Elections")({}, metadata=auth, timeout=10)["elections"]
window = method("SetFillingWindow")({
    "election": "pilkada-2024", "opensAt": "2026-12-01 00:00 WIB", "closesAt": "2026-12-15 23:59 WIB",
    "reason": "Surat Dinas KPU RI tentang pengisian IPP",
}, metadata=auth, timeout=10)
makassar = method("FillingWindow")({"election": "pilkada-2024", "region": "73.71"}, metadata=auth, timeout=10)
jateng = method("Regions")({"province": "33"}, metadata=auth, timeout=10)["regions"]

try:
    method("FillingWindow")({"election": "pilkada-2024", "region": "33.99"}, metadata=auth, timeout=10)
    refused = None
except grpc.RpcError as error:
    refused = [error.code().name, error.details()]

# Sragen files late: KPU RI grants it an extension (to a day after now, whenever this runs).
wib = timezone(timedelta(hours=7))
until = max(datetime(2026, 12, 16, 23, 59, tzinfo=wib), datetime.now(wib) + timedelta(days=1))
method("GrantExtension")({"election": "pilkada-2024", "region": "33.14", "until": until.strftime("%Y-%m-%d %H:%M WIB"),
                          "reason": "Server kabupaten mati listrik"}, metadata=auth, timeout=10)

# KPU RI issues Sragen's operator a token; the operator imports what a spreadsheet set to
# Indonesian saved (';' and a decimal comma), checking it first.
issued = method("IssueToken")({"name": "operator.sragen", "role": "regency", "region": "33.14",
                               "validDays": 30, "requestID": "example-token"}, metadata=auth, timeout=10)
operator = [("authorization", f"Bearer {issued['token']}")]
csv = "wilayah;indikator;nilai;keterangan\r\n33.14;PEM-1;71,5;\r\n33.14;CAL-1;3;angka sementara\r\n"
dry = method("ImportCSV")({"election": "pilkada-2024", "csv": csv, "dryRun": True,
                           "requestID": "example-import-check"}, metadata=operator, timeout=30)
imported = method("ImportCSV")({"election": "pilkada-2024", "csv": csv, "dryRun": False,
                                "requestID": "example-import"}, metadata=operator, timeout=30)
exported = "".join(chunk["csv"] for chunk in streaming("ExportCSV")(
    {"election": "pilkada-2024", "format": "semicolon"}, metadata=operator, timeout=30))
method("RevokeToken")({"id": issued["record"]["id"], "reason": "example done", "requestID": "example-revoke"},
                      metadata=auth, timeout=10)
try:
    method("Elections")({}, metadata=operator, timeout=10)
    after_revoke = None
except grpc.RpcError as error:
    after_revoke = error.code().name

print(json.dumps({
    "elections": {e["id"]: [e["provinces"], e["kabKota"]] for e in elections},
    "closes": window["closesAt"], "makassar_closes": makassar["closesAtInRegion"],
    "jateng_regions": len(jateng), "sragen": [r["name"] for r in jateng if r["code"] == "33.14"][0],
    "refused": refused,
    "import_check": f"{dry['changes']} changes, separator {dry['separator']}, decimal mark {dry['decimalMark']}, "
                    f"committed {dry['committed']}",
    "imported": f"{imported['changes']} changes, committed {imported['committed']}",
    "exported": exported.splitlines()[1].split(";")[:4],
    "after_revoke": after_revoke,
}, sort_keys=True))
