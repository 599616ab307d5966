"""Python grpcio, with cbor2 as its serializer, calling the IPP test service: a gRPC stack nobody
here wrote. Prints one JSON line per call for InteropTests to check.

usage: grpcio_peer.py PORT TOKEN
"""
import json
import sys

import cbor2
import grpc

port, token = sys.argv[1], sys.argv[2]
channel = grpc.insecure_channel(f"127.0.0.1:{port}")
auth = [("authorization", f"Bearer {token}")]


def unary(path):
    return channel.unary_unary(path, request_serializer=cbor2.dumps, response_deserializer=cbor2.loads)


results = {}
results["health"] = unary("/ipp.Health/Check")({"service": ""}, timeout=10)
results["echo"] = unary("/ipp.Test/Echo")({"text": "halo dari python", "extra": [1, 2]}, metadata=auth, timeout=10)
try:
    unary("/ipp.Test/Echo")({"text": "no token"}, timeout=10)
except grpc.RpcError as error:
    results["unauthenticated"] = [error.code().name, error.details()]
try:
    unary("/ipp.Test/Sleep")({"milliseconds": 5000}, metadata=auth, timeout=0.2)
except grpc.RpcError as error:
    results["deadline"] = error.code().name
count = channel.unary_stream("/ipp.Test/Count", request_serializer=cbor2.dumps, response_deserializer=cbor2.loads)
results["count"] = [message["index"] for message in count({"count": 5}, metadata=auth, timeout=10)]
print(json.dumps(results, sort_keys=True))
