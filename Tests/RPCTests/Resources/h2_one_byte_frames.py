"""An HTTP/2 client built on the h2 library that sends a gRPC request message in 1-byte DATA
frames, then prints the response status, trailers and payload as JSON.

usage: h2_one_byte_frames.py PORT TOKEN PATH CBOR_HEX
"""
import json
import socket
import struct
import sys

import h2.config
import h2.connection
import h2.events

port, token, path, payload = int(sys.argv[1]), sys.argv[2], sys.argv[3], bytes.fromhex(sys.argv[4])
message = b"\x00" + struct.pack(">I", len(payload)) + payload

sock = socket.create_connection(("127.0.0.1", port), timeout=10)
connection = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
connection.initiate_connection()
stream = connection.get_next_available_stream_id()
connection.send_headers(stream, [
    (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost"),
    ("content-type", "application/grpc+cbor"), ("te", "trailers"), ("authorization", f"Bearer {token}"),
])
sock.sendall(connection.data_to_send())
for index, byte in enumerate(message):
    connection.send_data(stream, bytes([byte]), end_stream=index == len(message) - 1)
    sock.sendall(connection.data_to_send())

result = {"headers": {}, "trailers": {}, "data": ""}
done = False
while not done:
    chunk = sock.recv(65536)
    if not chunk:
        break
    for event in connection.receive_data(chunk):
        if isinstance(event, h2.events.ResponseReceived):
            result["headers"] = dict(event.headers)
        elif isinstance(event, h2.events.DataReceived):
            result["data"] += event.data.hex()
            connection.acknowledge_received_data(event.flow_controlled_length, stream)
        elif isinstance(event, h2.events.TrailersReceived):
            result["trailers"] = dict(event.headers)
        elif isinstance(event, h2.events.StreamEnded):
            done = True
    sock.sendall(connection.data_to_send())
print(json.dumps(result, sort_keys=True))
