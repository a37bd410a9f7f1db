#!/usr/bin/env python3
"""Adds the tasks, alerts, templates and reports operations and schemas to openapi.json.
Run once; kept so the additions can be reviewed and re-made (python3 Tools/openapi/add_tasks.py)."""
import json, sys
path = sys.argv[1] if len(sys.argv) > 1 else "Sources/MGISHTTP/Public/openapi.json"
d = json.load(open(path))
S = d["components"]["schemas"]
R = d["components"]["responses"]
ref = lambda n: {"$ref": "#/components/schemas/" + n}
resp = lambda n: {"$ref": "#/components/responses/" + n}
ts = ref("Timestamp")
S["GeoPoint"] = {"type": "object", "required": ["lat", "lon"], "additionalProperties": False,
                 "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}}}
S["TaskArea"] = {"type": "object", "required": ["type"], "additionalProperties": False,
    "description": "A circle (center, radiusMeters) or a polygon (rings: the outer ring, then holes).",
    "properties": {"type": {"enum": ["circle", "polygon"]}, "center": ref("GeoPoint"), "radiusMeters": {"type": "number"},
                   "rings": {"type": "array", "items": {"type": "array", "items": ref("GeoPoint")}}}}
S["TimeWindow"] = {"type": "object", "required": ["start", "end"], "additionalProperties": False,
                   "properties": {"start": ts, "end": ts}}
S["ChecklistItem"] = {"type": "object", "required": ["text", "done"], "additionalProperties": False,
                      "properties": {"text": {"type": "string"}, "done": {"type": "boolean"}}}
S["Attachment"] = {"type": "object", "required": ["name", "mediaType", "sizeBytes"], "additionalProperties": False,
                   "properties": {"name": {"type": "string"}, "mediaType": {"type": "string"}, "sizeBytes": {"type": "integer"},
                                  "sha256": {"type": ["string", "null"]}}}
types = ["area_patrol", "checkpoint", "escort", "inspection", "surveillance", "other"]
states = ["draft", "dispatched", "acknowledged", "en_route", "on_scene", "completed", "failed", "cancelled"]
actions = ["create", "edit", "dispatch", "acknowledge", "en_route", "on_scene", "complete", "fail", "cancel", "redispatch"]
S["TaskDraft"] = {"type": "object", "required": ["type", "title", "area", "window"], "additionalProperties": False,
    "properties": {"type": {"enum": types}, "title": {"type": "string"}, "instructions": {"type": ["string", "null"]},
                   "priority": {"enum": ["low", "normal", "high", "urgent", None]}, "area": ref("TaskArea"), "window": ref("TimeWindow"),
                   "units": {"type": ["array", "null"], "items": {"type": "string"}}, "checklist": {"type": ["array", "null"], "items": {"type": "string"}},
                   "attachments": {"type": ["array", "null"], "items": ref("Attachment")}, "templateId": {"type": ["integer", "null"]}}}
S["ViolationReport"] = {"type": "object", "required": ["type", "goodsDescription", "location", "observed"], "additionalProperties": False,
    "properties": {"type": {"type": "string"}, "goodsDescription": {"type": "string"}, "quantity": {"type": ["number", "null"]},
                   "quantityUnit": {"type": ["string", "null"]}, "estimatedValueEUR": {"type": ["number", "null"]},
                   "vehiclePlate": {"type": ["string", "null"]}, "vehicleCountry": {"type": ["string", "null"]},
                   "location": ref("GeoPoint"), "observed": ts}}
S["TaskResult"] = {"type": "object", "required": ["vehiclesChecked", "personsChecked", "outcome"], "additionalProperties": False,
    "description": "violations_found needs at least one violation; not_performed needs findings or notes; checklist lists the task's items in order.",
    "properties": {"vehiclesChecked": {"type": "integer"}, "personsChecked": {"type": "integer"},
                   "outcome": {"enum": ["no_findings", "violations_found", "not_performed", "other"]},
                   "findings": {"type": ["string", "null"]}, "notes": {"type": ["string", "null"]},
                   "violations": {"type": ["array", "null"], "items": ref("ViolationReport")},
                   "checklist": {"type": ["array", "null"], "items": ref("ChecklistItem")}}}
S["TaskActionRequest"] = {"type": "object", "required": ["action"], "additionalProperties": False,
    "description": "dispatch and redispatch need units; complete needs result; fail and cancel need reason.",
    "properties": {"action": {"enum": ["dispatch", "acknowledge", "en_route", "on_scene", "complete", "fail", "cancel", "redispatch"]},
                   "units": {"type": ["array", "null"], "items": {"type": "string"}}, "reason": {"type": ["string", "null"]},
                   "result": {"oneOf": [ref("TaskResult"), {"type": "null"}]}}}
S["TaskUnitMonitoring"] = {"type": "object", "required": ["unit", "inside", "timeOnSceneSeconds", "distanceMeters"], "additionalProperties": False,
    "properties": {"unit": {"type": "string"}, "inside": {"type": "boolean"}, "firstArrival": {"oneOf": [ts, {"type": "null"}]},
                   "lastDeparture": {"oneOf": [ts, {"type": "null"}]}, "timeOnSceneSeconds": {"type": "number"}, "distanceMeters": {"type": "number"}}}
S["TaskHistoryEntry"] = {"type": "object", "required": ["at", "actor", "action", "to", "units", "note"], "additionalProperties": False,
    "properties": {"at": ts, "actor": {"type": "integer", "description": "User id; 0 is the system (GPS arrival)."},
                   "action": {"enum": actions}, "from": {"enum": states + [None]}, "to": {"enum": states},
                   "units": {"type": "array", "items": {"type": "string"}}, "note": {"type": "string"}}}
S["Task"] = {"type": "object", "additionalProperties": False,
    "required": ["id", "type", "title", "instructions", "priority", "area", "window", "units", "checklist", "attachments", "author", "state", "version", "created", "updated", "history"],
    "properties": {"id": {"type": "integer"}, "type": {"enum": types}, "title": {"type": "string"}, "instructions": {"type": "string"},
                   "priority": {"enum": ["low", "normal", "high", "urgent"]}, "area": ref("TaskArea"), "window": ref("TimeWindow"),
                   "units": {"type": "array", "items": {"type": "string"}}, "checklist": {"type": "array", "items": ref("ChecklistItem")},
                   "attachments": {"type": "array", "items": ref("Attachment")}, "author": {"type": "integer"}, "state": {"enum": states},
                   "version": {"type": "integer", "description": "Also the ETag; send it as If-Match to edit."}, "created": ts, "updated": ts,
                   "templateId": {"type": ["integer", "null"]},
                   "allowedActions": {"type": "array", "items": {"enum": actions}, "description": "What the caller may do now (absent on feed frames)."},
                   "history": {"type": "array", "items": ref("TaskHistoryEntry")}, "result": {"oneOf": [ref("TaskResult"), {"type": "null"}]},
                   "monitoring": {"type": "object", "required": ["units"], "additionalProperties": False,
                                  "properties": {"units": {"type": "array", "items": ref("TaskUnitMonitoring")}}}}}
S["TaskList"] = {"type": "object", "required": ["items"], "additionalProperties": False, "properties": {"items": {"type": "array", "items": ref("Task")}}}
S["TaskTimeline"] = {"type": "object", "required": ["task", "entries", "track"], "additionalProperties": False,
    "properties": {"task": {"type": "integer"},
                   "entries": {"type": "array", "items": {"type": "object", "required": ["at", "kind", "text"], "additionalProperties": False,
                               "properties": {"at": ts, "kind": {"enum": ["state", "arrived", "departed", "alert"]}, "unit": {"type": ["string", "null"]}, "text": {"type": "string"}}}},
                   "track": {"type": "object", "description": "GeoJSON FeatureCollection: one LineString per assigned unit from dispatch to the end."}}}
S["Alert"] = {"type": "object", "required": ["id", "kind", "raised", "message"], "additionalProperties": False,
    "properties": {"id": {"type": "integer"}, "kind": {"enum": ["not_acknowledged", "not_on_scene_at_start", "left_area_early", "window_ended_not_completed", "panic"]},
                   "task": {"type": ["integer", "null"]}, "unit": {"type": ["string", "null"]}, "raised": ts, "message": {"type": "string"},
                   "acknowledged": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["by", "at"], "additionalProperties": False,
                                                              "properties": {"by": {"type": "integer"}, "at": ts}}]}}}
S["AlertList"] = {"type": "object", "required": ["items"], "additionalProperties": False, "properties": {"items": {"type": "array", "items": ref("Alert")}}}
S["Recurrence"] = {"type": "object", "required": ["weekdays", "start", "end", "timeZone", "firstDay"], "additionalProperties": False,
    "description": "Every listed ISO weekday (1 = Monday) from start to end local time (end <= start ends the next day), in an IANA time zone.",
    "properties": {"weekdays": {"type": "array", "items": {"type": "integer"}}, "start": {"type": "string"}, "end": {"type": "string"},
                   "timeZone": {"type": "string"}, "firstDay": {"type": "string"}, "lastDay": {"type": ["string", "null"]}, "count": {"type": ["integer", "null"]}}}
S["TaskTemplate"] = {"type": "object", "required": ["name", "type", "title", "area", "durationMinutes"], "additionalProperties": False,
    "properties": {"id": {"type": ["integer", "null"]}, "name": {"type": "string"}, "type": {"enum": types}, "title": {"type": "string"},
                   "instructions": {"type": ["string", "null"]}, "priority": {"enum": ["low", "normal", "high", "urgent", None]}, "area": ref("TaskArea"),
                   "units": {"type": ["array", "null"], "items": {"type": "string"}}, "checklist": {"type": ["array", "null"], "items": {"type": "string"}},
                   "durationMinutes": {"type": "integer"}, "recurrence": {"oneOf": [ref("Recurrence"), {"type": "null"}]}}}
S["TaskTemplateList"] = {"type": "object", "required": ["items"], "additionalProperties": False, "properties": {"items": {"type": "array", "items": ref("TaskTemplate")}}}
S["ScheduleRequest"] = {"type": "object", "required": ["from", "to"], "additionalProperties": False,
    "properties": {"recurrence": {"oneOf": [ref("Recurrence"), {"type": "null"}]}, "from": ts, "to": ts}}
S["UnitReportList"] = {"type": "object", "required": ["items"], "additionalProperties": False, "properties": {"items": {"type": "array", "items": {
    "type": "object", "required": ["unit", "name", "tasks", "tasksCompleted", "tasksFailed", "timeOnSceneSeconds", "distanceMeters"], "additionalProperties": False,
    "properties": {"unit": {"type": "string"}, "name": {"type": "string"}, "tasks": {"type": "integer"}, "tasksCompleted": {"type": "integer"},
                   "tasksFailed": {"type": "integer"}, "onTimeRate": {"type": ["number", "null"], "description": "Share of tasks with a unit in the area by the window's start."},
                   "timeOnSceneSeconds": {"type": "number"}, "distanceMeters": {"type": "number"}}}}}}
S["LiveTaskFrame"] = {"type": "object", "required": ["type", "task"], "additionalProperties": False, "properties": {"type": {"enum": ["task"]}, "task": ref("Task")}}
S["LiveAlertFrame"] = {"type": "object", "required": ["type", "alert"], "additionalProperties": False, "properties": {"type": {"enum": ["alert"]}, "alert": ref("Alert")}}
errorEnum = lambda codes, desc: {"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error", "properties": {"error": {"enum": codes}}}}}}
R["VersionConflict"] = errorEnum(["version_conflict"], "If-Match names an older version: someone else changed the task. The ETag header carries the current one.")
R["IllegalTransition"] = errorEnum(["illegal_transition"], "The step makes no sense from the task's state; the message lists what is allowed.")
R["PreconditionRequired"] = errorEnum(["precondition_required"], "Editing needs If-Match with the task's ETag.")
d["tags"].append({"name": "tasks", "description": "Tasks, their lifecycle, monitoring alerts, templates and reports."})

readers = ["dispatcher", "analyst", "auditor"]
def idparam(what): return [{"name": "id", "in": "path", "required": True, "description": f"The {what} id. A value that is not a whole number gives 404.", "schema": {"type": "integer"}}]
def ok(schema, desc="OK", ctype="application/json"): return {"description": desc, "content": {ctype: {"schema": ref(schema)}}}
def std(extra, body=False, change=False, forbidden=True):
    r = {"401": resp("Unauthorized"), "500": resp("InternalError")}
    if forbidden: r["403"] = resp("Forbidden")
    if body: r["400"] = resp("BadRequest"); r["413"] = resp("BodyTooLarge")
    if change: r["503"] = resp("AuditUnavailable")
    r.update(extra); return r
def body(schema): return {"required": True, "content": {"application/json": {"schema": ref(schema)}}}
ifmatch = {"name": "If-Match", "in": "header", "required": False, "description": "The task's ETag (its version in quotes).", "schema": {"type": "string"}}
P = d["paths"]
P["/api/v1/tasks"] = {
  "get": {"operationId": "listTasks", "tags": ["tasks"], "summary": "List tasks (filters: state, unit, from, to; a patrol sees its unit's)",
          "x-roles": readers + ["patrol (own unit)"],
          "parameters": [{"name": "state", "in": "query", "required": False, "description": "Comma-separated states.", "schema": {"type": "string"}},
                         {"name": "unit", "in": "query", "required": False, "schema": {"type": "string"}},
                         {"name": "from", "in": "query", "required": False, "description": "Windows ending after this.", "schema": {"type": "string"}},
                         {"name": "to", "in": "query", "required": False, "description": "Windows starting before this.", "schema": {"type": "string"}}],
          "responses": std({"200": ok("TaskList"), "400": resp("BadRequest")})},
  "post": {"operationId": "createTask", "tags": ["tasks"], "summary": "Create a task (a draft)", "x-roles": ["dispatcher"],
           "requestBody": body("TaskDraft"), "responses": std({"201": ok("Task", "The new draft; ETag header is its version.")}, body=True, change=True)}}
P["/api/v1/tasks/{id}"] = {
  "get": {"operationId": "getTask", "tags": ["tasks"], "summary": "One task, with its history, result and GPS monitoring", "x-roles": readers + ["patrol (own unit)"],
          "parameters": idparam("task"), "responses": std({"200": ok("Task"), "404": resp("NotFound")})},
  "put": {"operationId": "editTask", "tags": ["tasks"], "summary": "Edit a task's plan (If-Match: its ETag)", "x-roles": ["dispatcher"],
          "parameters": idparam("task") + [dict(ifmatch, required=True)], "requestBody": body("TaskDraft"),
          "responses": std({"200": ok("Task"), "404": resp("NotFound"), "409": resp("IllegalTransition"), "412": resp("VersionConflict"), "428": resp("PreconditionRequired")}, body=True, change=True)}}
P["/api/v1/tasks/{id}/actions"] = {"post": {"operationId": "taskAction", "tags": ["tasks"],
  "summary": "A lifecycle step: dispatch, acknowledge, en_route, on_scene, complete (with the result), fail, cancel, redispatch",
  "x-roles": ["dispatcher", "patrol (own unit)"], "parameters": idparam("task") + [ifmatch], "requestBody": body("TaskActionRequest"),
  "responses": std({"200": ok("Task"), "404": resp("NotFound"), "409": resp("IllegalTransition"), "412": resp("VersionConflict")}, body=True, change=True)}}
P["/api/v1/tasks/{id}/timeline"] = {"get": {"operationId": "taskTimeline", "tags": ["tasks"], "summary": "A task's states, arrivals, departures, alerts and tracks",
  "x-roles": readers + ["patrol (own unit)"], "parameters": idparam("task"), "responses": std({"200": ok("TaskTimeline"), "404": resp("NotFound")})}}
P["/api/v1/alerts"] = {"get": {"operationId": "listAlerts", "tags": ["tasks"], "summary": "Alerts from task monitoring and panic buttons",
  "x-roles": readers + ["patrol (own unit)"], "parameters": [{"name": "open", "in": "query", "required": False, "description": "true: only unacknowledged.", "schema": {"type": "string"}}],
  "responses": std({"200": ok("AlertList")})}}
P["/api/v1/alerts/{id}/acknowledge"] = {"post": {"operationId": "acknowledgeAlert", "tags": ["tasks"], "summary": "Acknowledge an alert", "x-roles": ["dispatcher"],
  "parameters": idparam("alert"), "responses": std({"200": ok("Alert"), "404": resp("NotFound")}, change=True)}}
P["/api/v1/task-templates"] = {
  "get": {"operationId": "listTaskTemplates", "tags": ["tasks"], "summary": "Templates for recurring tasks", "x-roles": ["dispatcher", "analyst"], "responses": std({"200": ok("TaskTemplateList")})},
  "post": {"operationId": "createTaskTemplate", "tags": ["tasks"], "summary": "Create a template", "x-roles": ["dispatcher"], "requestBody": body("TaskTemplate"),
           "responses": std({"201": ok("TaskTemplate"), "409": resp("Conflict")}, body=True, change=True)}}
P["/api/v1/task-templates/{id}/schedule"] = {"post": {"operationId": "scheduleTasks", "tags": ["tasks"], "summary": "Create draft tasks from a template's recurrence in a range",
  "x-roles": ["dispatcher"], "parameters": idparam("template"), "requestBody": body("ScheduleRequest"),
  "responses": std({"201": ok("TaskList", "The drafts created."), "404": resp("NotFound")}, body=True, change=True)}}
P["/api/v1/reports/units"] = {"get": {"operationId": "unitReport", "tags": ["tasks"],
  "summary": "Per-unit shift report: tasks done, on-time rate, time on scene, distance (JSON or CSV)", "x-roles": readers,
  "parameters": [{"name": "from", "in": "query", "required": False, "schema": {"type": "string"}}, {"name": "to", "in": "query", "required": False, "schema": {"type": "string"}},
                 {"name": "format", "in": "query", "required": False, "description": "csv for a CSV file.", "schema": {"type": "string"}}],
  "responses": std({"200": {"description": "OK", "content": {"application/json": {"schema": ref("UnitReportList")}, "text/csv": {"schema": {"type": "string"}}}}, "400": resp("BadRequest")})}}
json.dump(d, open(path, "w"), indent=2, ensure_ascii=False)
open(path, "a").write("\n")
