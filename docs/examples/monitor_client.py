"""Calling ipp-monitor from Python with grpcio and cbor2: a province's sites, a check now, a
correction refused with every problem named, a maintenance window for tonight, the coordination
meeting's report, and a site's history.

usage: python3 docs/examples/monitor_client.py [PORT] [TOKEN_FILE]
       (defaults: 7403 and var/admin.token, as `make run` leaves them)

`make test` runs this against the real ipp-monitor executable probing a web farm on loopback. It
sets a maintenance window, so run it against a test or local instance only.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

import cbor2
import grpc

port = sys.argv[1] if len(sys.argv) > 1 else "7403"
token = open(sys.argv[2] if len(sys.argv) > 2 else "var/admin.token").read().strip()

channel = grpc.insecure_channel(f"127.0.0.1:{port}")
auth = [("authorization", f"Bearer {token}")]


def call(name, request):
    """Calls the unary ipp.Monitor method `name` with CBOR as its codec."""
    method = channel.unary_unary(f"/ipp.Monitor/{name}", request_serializer=cbor2.dumps,
                                 response_deserializer=cbor2.loads)
    return method(request, metadata=auth, timeout=30)


# Jawa Tengah's sites, then Sragen's checked now: is it up, and when did it last post?
jateng = call("Sites", {"province": "33"})["sites"]
sragen = call("CheckNow", {"host": "kab-sragen.kpu.go.id"})

# A correction with two mistakes is refused with both named.
try:
    call("UpdateSite", {"host": "kab-sragen.kpu.go.id", "pages": ["ftp://kab-sragen.kpu.go.id/ppid"], "reason": " "})
    refused = None
except grpc.RpcError as error:
    refused = [error.code().name, error.details()]

# Sragen's server moves tonight from 22:00 to 02:00 WIB: nothing alerts in between.
tomorrow = datetime.now(timezone(timedelta(hours=7))) + timedelta(days=1)
window = call("Maintenance", {
    "host": "kab-sragen.kpu.go.id", "startsAt": tomorrow.strftime("%Y-%m-%d 22:00 WIB"),
    "endsAt": (tomorrow + timedelta(days=1)).strftime("%Y-%m-%d 02:00 WIB"), "reason": "migrasi server"})
windows = call("MaintenanceWindows", {"includePast": False})["windows"]

# The coordination meeting's report: each kab/kota in code order with its activity and uptime.
report = call("ProvinceActivity", {"province": "33"})
row = next(r for r in report["rows"] if r["host"] == "kab-sragen.kpu.go.id")

# Sragen's checks, newest first.
history = call("History", {"host": "kab-sragen.kpu.go.id", "resolution": "checks", "limit": 10})

print(json.dumps({
    "sites": len(jateng),
    "first": jateng[0]["host"],
    "status": sragen["lastStatus"],
    "last_post_day": sragen.get("lastPostDay"),
    "activity": sragen["activity"],
    "refused": refused,
    "window": [window["host"], window["startsAt"], window["createdBy"]],
    "windows": len(windows),
    "report_rows": len(report["rows"]),
    "report_row": [row["activity"], row["postsLast30Days"], row["postsPerWeek"][-1]],
    "history": [[p["checks"], p["good"], p.get("status")] for p in history["points"]],
}))
