"""A CBOR peer nobody here wrote: Python's cbor2, driven by PythonInteropTests.

  decode     read CBOR on stdin, print it as JSON (dates, bytes and decimals marked)
  message    print cbor2's encoding of a region score message, with a key Swift does not know
  canonical  read a JSON array on stdin, print cbor2's canonical (shortest-form) encoding of it
"""
import datetime
import decimal
import json
import sys

import cbor2


def plain(value):
    if isinstance(value, datetime.datetime):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


mode = sys.argv[1]
if mode == "decode":
    print(json.dumps(plain(cbor2.loads(sys.stdin.buffer.read())), sort_keys=True, ensure_ascii=False))
elif mode == "message":
    message = {
        "regionCode": "35",
        "name": "Jawa Timur",
        "total": 80.87,
        "category": "participatory",
        "dimensions": [{"dimension": "pemungutan suara", "score": 91.5}, {"dimension": "kampanye", "score": 70}],
        "methodologyVersion": "2024.1",
        "computedAt": datetime.datetime(2024, 11, 25, 0, 0, tzinfo=datetime.timezone.utc),
        "note": None,
        "addedInALaterVersion": {"nested": [1, 2, 3]},
    }
    sys.stdout.buffer.write(cbor2.dumps(message, datetime_as_timestamp=True))
elif mode == "canonical":
    sys.stdout.buffer.write(cbor2.dumps(json.loads(sys.stdin.read()), canonical=True))
else:
    sys.exit(f"unknown mode {mode}")
