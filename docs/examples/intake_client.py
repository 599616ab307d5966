"""Calling ipp-intake from Python with grpcio and cbor2: elections, a filling window, and the
deadline as each region reads it in its own zone.

usage: python3 docs/examples/intake_client.py [PORT] [TOKEN_FILE]
       (defaults: 7401 and var/admin.token, as `make run` leaves them)

`make test` runs this against the real ipp-intake executable. It sets Pilkada 2024's window, so
run it against a test or local instance only.
"""
import json
import sys

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

print(json.dumps({
    "elections": {e["id"]: [e["provinces"], e["kabKota"]] for e in elections},
    "closes": window["closesAt"], "makassar_closes": makassar["closesAtInRegion"],
    "jateng_regions": len(jateng), "sragen": [r["name"] for r in jateng if r["code"] == "33.14"][0],
    "refused": refused,
}, sort_keys=True))
