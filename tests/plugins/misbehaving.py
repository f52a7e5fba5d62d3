#!/usr/bin/env python3
"""A Dateline enricher program that misbehaves on purpose, for Dateline's tests.

Given "crash" as its argument it exits when a record's body mentions CRASH; given
"hang", it stops answering when a body mentions HANG; "garbage" answers a line that is
not JSON for a body mentioning GARBAGE; "wrongid" answers another request's id for a body
mentioning WRONGID; "flood" writes 20 MB to stderr for a body mentioning FLOOD, then
answers; "silent" never sends its handshake; "offsets" provides quotes, and for a body
mentioning OFFSETS one that ends far past the body; "bytes" writes a 20 MB stderr line that
is not UTF-8 for a body mentioning BINARY (then answers), and answers a line that is not
UTF-8 for NOTUTF8; "endless" answers a 50 MB line for a body mentioning ENDLESS;
"tamper GROW GONE", at its first enrich request, appends a line to the input GROW and removes the
input GONE, as a crawler might while Dateline reads. Other records get extra."seen".
It writes a line to stderr on start, which Dateline passes through, labelled.
"""
import json
import os
import sys
import time

mode = sys.argv[1]
sys.stderr.write("misbehaving plugin started in %s mode\n" % mode)
sys.stderr.flush()


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if mode == "silent":
    time.sleep(3600)

provides = ["quotes"] if mode == "offsets" else ["extra"]
send({"dateline_plugin": 1, "name": "misbehaving-" + mode, "version": "0.1.0", "kind": "enrich",
      "requires": ["body"], "provides": provides, "config_keys": {}})
for line in sys.stdin:
    request = json.loads(line)
    if mode == "tamper" and request["op"] == "enrich" and os.path.exists(sys.argv[3]):
        with open(sys.argv[2], "a") as grown:
            grown.write(json.dumps({"title": "Late", "text": "Appended while read."}) + "\n")
        os.remove(sys.argv[3])
    reply = {"id": request["id"]}
    if request["op"] == "enrich":
        items = []
        for record in request["records"]:
            body = record.get("body", "")
            if mode == "crash" and "CRASH" in body:
                sys.exit(3)
            if mode == "hang" and "HANG" in body:
                time.sleep(3600)
            if mode == "garbage" and "GARBAGE" in body:
                sys.stdout.write("this is not JSON\n")
                sys.stdout.flush()
                reply = None
                break
            if mode == "wrongid" and "WRONGID" in body:
                reply["id"] = request["id"] + 1000
            if mode == "flood" and "FLOOD" in body:
                chunk = "x" * 1023 + "\n"
                for _ in range(20 * 1024):
                    sys.stderr.write(chunk)
                sys.stderr.flush()
            if mode == "bytes" and "BINARY" in body:
                sys.stderr.buffer.write(b"\xff\xfe")
                for _ in range(20 * 1024):
                    sys.stderr.buffer.write(b"\x80" * 1024)
                sys.stderr.buffer.write(b"\nstderr goes on after the noise\n")
                sys.stderr.flush()
            if mode == "bytes" and "NOTUTF8" in body:
                sys.stdout.buffer.write(b'{"id": %d, "items": ["\xff"]}\n' % request["id"])
                sys.stdout.flush()
                reply = None
                break
            if mode == "endless" and "ENDLESS" in body:
                for _ in range(50 * 1024):
                    sys.stdout.write("x" * 1024)
                sys.stdout.write("\n")
                sys.stdout.flush()
                reply = None
                break
            if mode == "offsets" and "OFFSETS" in body:
                record["quotes"] = [{"start": 0, "end": 1000000, "text": body, "kind": "direct"}]
            record.setdefault("extra", {})["seen"] = True
            items.append({"record": record})
        if reply is None:
            continue
        reply["items"] = items
    send(reply)
