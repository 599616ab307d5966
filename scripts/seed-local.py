"""Seeds the local system `make run` starts, once: the pilkada-2024 filling window (opened today,
closing in three days at 23:59 WIB, so that the H-3 reminder is due at once), a reminder
schedule sent at any hour (a newcomer may try it at night), and a recipient for every region:
an operator per kab/kota and province (its reminders) and an admin per province (the morning
digest and the alerts), all at kpu.example addresses that only the local mail stand-in sees.

A window already set, and recipients already there, are left as they are: running it again
changes nothing.

usage: python3 scripts/seed-local.py TOKEN_FILE
"""
import sys
from datetime import datetime, timedelta, timezone

import cbor2
import grpc

token = open(sys.argv[1]).read().strip()
auth = [("authorization", f"Bearer {token}")]
WIB = timezone(timedelta(hours=7))


def caller(port, service):
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")

    def call(name, request):
        method = channel.unary_unary(f"/ipp.{service}/{name}", request_serializer=cbor2.dumps,
                                     response_deserializer=cbor2.loads)
        return method(request, metadata=auth, timeout=30)
    return call


intake, notify = caller(7401, "Intake"), caller(7404, "Notify")
election = "pilkada-2024"

window = intake("FillingWindow", {"election": election, "region": "33"})
if window["state"] == "notSet":
    today = datetime.now(WIB).date()
    closes = today + timedelta(days=3)
    intake("SetFillingWindow", {
        "election": election, "opensAt": f"{today:%Y-%m-%d} 00:00 WIB",
        "closesAt": f"{closes:%Y-%m-%d} 23:59 WIB", "reason": "make run: a local system"})
    notify("SetDeadline", {
        "election": election, "daysBefore": [7, 3, 1], "onTheDay": True, "lateDays": 14,
        "officeHoursFrom": 0, "officeHoursUntil": 24 * 60 - 1})

known = {r["id"] for r in notify("Recipients", {})["recipients"]}
regions = intake("Regions", {"election": election})["regions"]
added = 0
for region in regions:
    code, name = region["code"], region["name"]
    compact = code.replace(".", "")
    people = [(f"operator-{compact}", f"Operator {name}", ["deadlineReminder"])]
    if "." not in code:
        people.append((f"admin-{compact}", f"Admin KPU Provinsi {name}", ["digest", "alert"]))
    for ident, person, notices in people:
        if ident in known:
            continue
        notify("SetRecipient", {"recipient": {
            "id": ident, "name": person, "region": code, "email": f"{ident}@kpu.example",
            "language": "id", "notices": notices, "minimumSeverity": "warning"},
            "rotateWebhookSecret": False})
        added += 1
print(f"seeded: filling window {window['state'] if window['state'] != 'notSet' else 'opened'}, "
      f"{added} recipients added")
