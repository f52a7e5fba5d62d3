#!/usr/bin/env python3
"""A Dateline enricher written in Python: the quoted words of an article.

Counts the passages between quotation marks (curly or straight) in the body and their
words, into extra."quote-len". It speaks Dateline's plugin protocol (PLUGINS.md) on
stdin and stdout: one JSON object per line. Use it with

    [[plugin]]
    command = ["python3", "examples/quote-len/quote_len.py"]

    [[enrich]]
    use = "quote-len"
    min_words = 3
"""
import json
import re
import sys

QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def send(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def enrich(record, min_words):
    passages = [m.group(1) for m in QUOTED.finditer(record.get("body", ""))]
    passages = [p for p in passages if len(p.split()) >= min_words]
    record.setdefault("extra", {})["quote-len"] = {
        "quotes": len(passages),
        "words": sum(len(p.split()) for p in passages),
    }
    return record


def main():
    send({
        "dateline_plugin": 1,
        "name": "quote-len",
        "version": "1.0.0",
        "kind": "enrich",
        "description": "quoted passages and their words into extra",
        "requires": ["body"],
        "provides": ["extra"],
        "config_keys": {"min_words": {"type": "integer"}},
    })
    min_words = 3
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        reply = {"id": request.get("id")}
        op = request.get("op")
        config = request.get("config", {})
        if op in ("validate", "configure"):
            value = config.get("min_words", 3)
            if not isinstance(value, int) or value < 1:
                reply["error"] = "min_words must be a whole number of at least 1"
            elif op == "configure":
                min_words = value
        elif op == "enrich":
            items = []
            for record in request["records"]:
                try:
                    items.append({"record": enrich(record, min_words)})
                except Exception as error:  # one bad record fails alone
                    items.append({"error": str(error)})
            reply["items"] = items
        elif op != "finish":
            reply["error"] = "quote-len cannot answer " + str(op)
        send(reply)


if __name__ == "__main__":
    main()
