"""Calling ipp-scoring from Python with grpcio and cbor2: no generated code, no protobuf.

usage: python3 docs/examples/scoring_client.py [PORT] [TOKEN_FILE]
       (defaults: 7402 and var/admin.token, as `make run` leaves them)

`make test` runs this against the real ipp-scoring executable.
"""
import json
import sys

import cbor2
import grpc

port = sys.argv[1] if len(sys.argv) > 1 else "7402"
token = open(sys.argv[2] if len(sys.argv) > 2 else "var/admin.token").read().strip()

channel = grpc.insecure_channel(f"127.0.0.1:{port}")
auth = [("authorization", f"Bearer {token}")]


def method(name):
    """A unary ipp.Scoring method with CBOR as its codec."""
    return channel.unary_unary(f"/ipp.Scoring/{name}", request_serializer=cbor2.dumps,
                               response_deserializer=cbor2.loads)


values = [
    {"indicator": "REG-1", "value": 0.97}, {"indicator": "REG-2", "value": 2.5}, {"indicator": "REG-3", "value": 1},
    {"indicator": "CAL-1", "value": 3}, {"indicator": "CAL-2", "value": 4}, {"indicator": "CAL-3", "value": 1},
    {"indicator": "KAM-1", "value": 4}, {"indicator": "KAM-2", "value": 1}, {"indicator": "KAM-3", "value": 1.5},
    {"indicator": "SOS-1", "value": 8}, {"indicator": "SOS-2", "value": 1.5}, {"indicator": "SOS-3", "value": 4},
    {"indicator": "PEM-1", "value": 0.78}, {"indicator": "PEM-2", "value": 0.02}, {"indicator": "PEM-3", "value": 0.6},
]
# These values are for the 15 indicators of pilkada-2024.default-1, so the calls name it; without
# methodologyVersion the service's default (pilkada-2024.default-2, 30 indicators) applies.
version = "pilkada-2024.default-1"
score = method("Score")({"values": values, "methodologyVersion": version}, metadata=auth, timeout=10)
explained = method("Explain")({"values": values[:-1], "methodologyVersion": version}, metadata=auth, timeout=10)
category = method("Categorize")({"score": 77.5}, metadata=auth, timeout=10)
try:
    method("Score")({"values": [{"indicator": "NOPE", "value": 1}]}, metadata=auth, timeout=10)
    refused = None
except grpc.RpcError as error:
    refused = [error.code().name, error.details()]

print(json.dumps({
    "total": score["total"], "category": score["category"], "version": score["methodologyVersion"],
    "dimensions": {d["dimension"]: round(d["score"], 4) for d in score["dimensions"]},
    "explained_missing": explained["missing"],
    "explained_pem3_weight": [e["weight"] for e in explained["explanation"] if e["indicator"] == "PEM-3"][0],
    "categorize_77_5": category, "refused": refused,
}, sort_keys=True))
