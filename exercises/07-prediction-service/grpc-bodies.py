#!/usr/bin/env python3
"""Request bodies of the prediction service as gRPC frames, for tools that speak HTTP/2 but not protobuf
(h2load in load.sh, curl in .ci/container-check.sh):  python3 grpc-bodies.py OUT_DIR DATA_CSV [MODEL_DIR...]
Writes OUT_DIR/ping.bin (PingRequest), predict.bin (Features of the CSV's first row, each feature by name in the
file's order), batch.bin (FeaturesBatch of its first 100 rows: the names once, then each row's values packed) and
reload-NAME.bin (ReloadRequest) for each MODEL_DIR, NAME being the folder's name. A frame is a 0 byte (not
compressed), the message's length (big-endian u32) and the protobuf message."""
import csv, os, struct, sys

out, data, models = sys.argv[1], sys.argv[2], sys.argv[3:]

def varint(n):
    b = b""
    while True:
        byte, n = n & 0x7F, n >> 7
        b += bytes([byte | (0x80 if n else 0)])
        if not n:
            return b

def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload

def frame(message):
    return b"\x00" + struct.pack(">I", len(message)) + message

rows = list(csv.DictReader(open(data)))
names = [n for n in rows[0] if n not in ("label", "split")]

def features(row):  # katas.prediction.v1.Features { repeated Feature values = 1 } of Feature { name = 1; float value = 2 }
    return b"".join(field(1, field(1, n.encode()) + bytes([2 << 3 | 5]) + struct.pack("<f", float(row[n]))) for n in names)

def table(batch):  # FeaturesBatch { repeated string names = 1; repeated Row rows = 2 } of Row { repeated float values = 1 } (packed)
    return b"".join(field(1, n.encode()) for n in names) + b"".join(
        field(2, field(1, b"".join(struct.pack("<f", float(row[n])) for n in names))) for row in batch)

bodies = {
    "ping": frame(b""),
    "predict": frame(features(rows[0])),
    "batch": frame(table(rows[:100])),
}
for model in models:  # ReloadRequest { string directory = 1 }
    bodies["reload-" + os.path.basename(model.rstrip("/"))] = frame(field(1, model.encode()))
for name, body in bodies.items():
    with open(f"{out}/{name}.bin", "wb") as f:
        f.write(body)
