#!/usr/bin/env python3
"""Documents Idempotency-Key in openapi.json; safe to run again (it sets, never duplicates).

The routes are those of APIRoute.takesIdempotencyKey: authenticated POSTs except the login and
logout and those whose request or answer holds a secret (users: a password; tokens and devices:
a secret shown once)."""
import json, sys
path = sys.argv[1] if len(sys.argv) > 1 else "Sources/MGISHTTP/Public/openapi.json"
d = json.load(open(path))
C = d["components"]; R = C["responses"]
KEY = {"$ref": "#/components/parameters/IdempotencyKey"}
C.setdefault("parameters", {})["IdempotencyKey"] = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "description": "1 to 255 printable ASCII characters naming this request for 24 hours, per user. Sending the same request "
    "(method, path with query, body bytes) with the same key again replays the first successful answer with "
    "`Idempotent-Replayed: true` instead of running it again; a refused answer (4xx) is not kept. The same key with another "
    "request gives 422 `idempotency_key_reused`; a retry while the first is still running gives 409 `idempotency_in_progress`; "
    "a malformed key, or a key on a route that does not take one, gives 400 `invalid_header`.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"}}
error = {"$ref": "#/components/schemas/Error"}
R["IdempotencyKeyReused"] = {"description": "The Idempotency-Key was used for a different request.",
    "content": {"application/json": {"schema": error | {"properties": {"error": {"enum": ["idempotency_key_reused"]}}}}}}
R["IdempotencyInProgress"] = {"description": "A request with this Idempotency-Key is still running; retry in a moment.",
    "content": {"application/json": {"schema": error | {"properties": {"error": {"enum": ["idempotency_in_progress"]}}}}}}
# A route's own 409 (a taken name, an illegal step) may now also be the in-progress answer.
for name in ["Conflict", "IllegalTransition"]:
    enum = R[name]["content"]["application/json"]["schema"]["properties"]["error"]["enum"]
    if "idempotency_in_progress" not in enum: enum.append("idempotency_in_progress")
    R[name]["description"] = R[name]["description"].split(" Or `idempotency_in_progress`")[0] + \
        " Or `idempotency_in_progress`: a retry with the same Idempotency-Key while the first is still running."
bad = R["BadRequest"]["content"]["application/json"]["schema"]["properties"]["error"]["enum"]
if "invalid_header" not in bad: bad.append("invalid_header")
if "invalid_header" not in R["BadRequest"]["description"]:
    R["BadRequest"]["description"] += " `invalid_header`: a malformed Idempotency-Key, or one sent to a route that does not take it."
E = C["schemas"]["Error"]
if "idempotency_key_reused" not in E["description"]:
    E["description"] = E["description"].replace("invalid_field, bad_request (400)", "invalid_field, bad_request, invalid_header (400)") \
        .replace("conflict (409)", "conflict, illegal_transition, idempotency_in_progress (409)") \
        .replace("body_too_large (413)", "body_too_large (413); idempotency_key_reused (422)")
replayed = {"description": "`true` when this is the kept answer to an earlier request with the same Idempotency-Key.",
    "schema": {"enum": ["true"]}}
secret = {"/api/v1/tokens", "/api/v1/devices", "/api/v1/users"}
for p, ops in d["paths"].items():
    op = ops.get("post")
    if not op:
        continue
    takes = op.get("security") != [] and not p.startswith("/api/v1/auth/") and p not in secret
    params = [x for x in op.get("parameters", []) if x != KEY]
    responses = op["responses"]
    if responses.get("422") == {"$ref": "#/components/responses/IdempotencyKeyReused"}: del responses["422"]
    if "Idempotency-Key" in json.dumps(responses.get("409", {})) or responses.get("409") == {"$ref": "#/components/responses/IdempotencyInProgress"}:
        del responses["409"]
    for status, answer in responses.items():
        if status.startswith("2") and "headers" in answer:
            answer["headers"].pop("Idempotent-Replayed", None)
            if not answer["headers"]: del answer["headers"]
    if takes:
        params.append(KEY)
        responses["422"] = {"$ref": "#/components/responses/IdempotencyKeyReused"}
        responses.setdefault("409", {"$ref": "#/components/responses/IdempotencyInProgress"})
        for status, answer in responses.items():
            if status.startswith("2") and "$ref" not in answer:
                answer.setdefault("headers", {})["Idempotent-Replayed"] = replayed
    if params: op["parameters"] = params
    else: op.pop("parameters", None)
open(path, "w").write(json.dumps(d, indent=2, ensure_ascii=False) + "\n")
