"""Calling ipp-notify from Python with grpcio and cbor2: a province admin as a recipient (email
and a signed webhook), the reminder schedule, an event as ipp-monitor raises it (and again, which
changes nothing), a silence, an acknowledgement, and what waits in the outbox.

usage: python3 docs/examples/notify_client.py [PORT] [TOKEN_FILE]
       (defaults: 7404 and var/admin.token, as `make run` leaves them)

`make test` runs this against the real ipp-notify executable. It adds a recipient and raises
events, so run it against a test or local instance only.
"""
import json
import sys
import time
from datetime import datetime, timedelta, timezone

import cbor2
import grpc

port = sys.argv[1] if len(sys.argv) > 1 else "7404"
token = open(sys.argv[2] if len(sys.argv) > 2 else "var/admin.token").read().strip()

channel = grpc.insecure_channel(f"127.0.0.1:{port}")
auth = [("authorization", f"Bearer {token}")]


def call(name, request):
    """Calls the unary ipp.Notify method `name` with CBOR as its codec."""
    method = channel.unary_unary(f"/ipp.Notify/{name}", request_serializer=cbor2.dumps,
                                 response_deserializer=cbor2.loads)
    return method(request, metadata=auth, timeout=10)


# Jawa Tengah's admin takes digests and alerts by email, and alerts in the coordination chat.
made = call("SetRecipient", {"recipient": {
    "id": "ketua-jateng", "name": "Admin KPU Provinsi Jawa Tengah", "region": "33",
    "email": "admin@jateng.kpu.example", "webhookURL": "http://127.0.0.1:9/hook", "language": "id",
    "notices": ["digest", "alert"], "minimumSeverity": "warning",
    "quietHours": {"from": 22 * 60, "until": 6 * 60}}, "rotateWebhookSecret": False})

try:
    call("SetRecipient", {"recipient": {"id": "Ketua Jatim", "name": "x", "region": "35",
                                        "email": "not-an-address", "language": "id", "notices": ["alert"],
                                        "minimumSeverity": "warning"}, "rotateWebhookSecret": False})
    refused = None
except grpc.RpcError as error:
    refused = [error.code().name, error.details()]

schedule = call("SetDeadline", {"election": "pilkada-2024", "daysBefore": [7, 3, 1], "onTheDay": True,
                                "lateDays": 14, "officeHoursFrom": 8 * 60, "officeHoursUntil": 16 * 60})

# What ipp-monitor sends when Sragen's site stops answering; sent again, it is the same event.
now = datetime.now(timezone.utc)
down = {"eventID": "monitor-kab-sragen-down-1", "kind": "siteDown", "severity": "critical", "region": "33.14",
        "subject": "kab-sragen.kpu.go.id", "summary": "tidak menjawab sejak 03:12 WIB: connection refused",
        "resolved": False, "occurredAt": now}
raised = call("RaiseEvent", down)
again = call("RaiseEvent", down)

# Kudus is migrating its server this week: its staleness is silenced, with who and why.
silence = call("Silence", {"matchers": {"kind": "siteStale", "region": "33.19"},
                           "endsAt": now + timedelta(days=3), "comment": "migrasi server Diskominfo"})
stale = call("RaiseEvent", {"eventID": "monitor-kab-kudus-stale-1", "kind": "siteStale", "severity": "warning",
                            "region": "33.19", "subject": "kab-kudus.kpu.go.id", "summary": "no post for 21 days",
                            "resolved": False, "occurredAt": now})
acknowledged = call("Acknowledge", {"fingerprint": raised["alert"]["fingerprint"],
                                    "comment": "operator sedang menghubungi Diskominfo"})

# The grouped message is written once the group's wait is over (the test's notify waits 0 s).
pending = []
for _ in range(50):
    pending = call("Pending", {"limit": 10})["notifications"]
    if len(pending) == 2:
        break
    time.sleep(0.2)

print(json.dumps({
    "secret_length": len(made["webhookSecret"]),
    "refused": refused,
    "days_before": schedule["schedule"]["daysBefore"],
    "routed_to": raised["routedTo"],
    "again_duplicate": again["duplicate"],
    "silenced_by": [s == silence["id"] for s in stale["silencedBy"]],
    "acknowledged_by": acknowledged["acknowledgedBy"],
    "pending": sorted([n["channel"], n["subject"]] for n in pending),
}))
