#!/usr/bin/env python3
"""Adds the Idempotency-Key header to the POST operations that take it (run once).

The routes are those of APIRoute.takesIdempotencyKey: authenticated POSTs except the login and
logout and the two whose answer shows a secret once (issued tokens, device keys)."""
import json, sys
path = sys.argv[1] if len(sys.argv) > 1 else "Sources/MGISHTTP/Public/openapi.json"
d = json.load(open(path))
C = d["components"]
C.setdefault("parameters", {})["IdempotencyKey"] = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "1 to 255 printable ASCII characters naming this request for 24 hours, per user. Sending the same request "
    "(method, path with query, body bytes) with the same key again replays the first successful answer with "
    "`Idempotent-Replayed: true` instead of running it again; a refused answer (4xx) is not kept. The same key with another "
    "request gives 422 `idempotency_key_reused`; a retry while the first is still running gives 409 `idempotency_in_progress`.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"}}
C["responses"]["IdempotencyKeyReused"] = {"description": "The Idempotency-Key was used for a different request",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
secret = {"/api/v1/tokens", "/api/v1/devices"}
for p, ops in d["paths"].items():
    op = ops.get("post")
    if not op or op.get("security") == [] or p.startswith("/api/v1/auth/") or p in secret:
        continue
    params = op.setdefault("parameters", [])
    if {"$ref": "#/components/parameters/IdempotencyKey"} not in params:
        params.append({"$ref": "#/components/parameters/IdempotencyKey"})
    op["responses"].setdefault("422", {"$ref": "#/components/responses/IdempotencyKeyReused"})
    op["responses"].setdefault("409", {"description": "A conflict, or a retry with this Idempotency-Key while the first is still running",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
open(path, "w").write(json.dumps(d, indent=2, ensure_ascii=False) + "\n")
