#!/usr/bin/env python3
"""Adds the violations register and analysis operations and schemas to openapi.json (run once)."""
import json, sys
path = sys.argv[1] if len(sys.argv) > 1 else "Sources/MGISHTTP/Public/openapi.json"
d = json.load(open(path))
S = d["components"]["schemas"]; R = d["components"]["responses"]
ref = lambda n: {"$ref": "#/components/schemas/" + n}
resp = lambda n: {"$ref": "#/components/responses/" + n}
ts = ref("Timestamp")
opt = lambda t: {"type": [t, "null"]}
S["Violation"] = {"type": "object", "additionalProperties": False,
  "required": ["id", "observed", "location", "type", "goodsDescription", "status", "notes", "version", "created", "updated"],
  "properties": {"id": {"type": "integer"}, "observed": ts, "location": ref("GeoPoint"), "type": {"type": "string"},
    "goodsDescription": {"type": "string"}, "quantity": opt("number"), "quantityUnit": opt("string"), "estimatedValueEUR": opt("number"),
    "vehiclePlate": opt("string"), "vehicleCountry": opt("string"), "roadOrCrossing": opt("string"), "task": opt("integer"),
    "unit": opt("string"), "reportedBy": opt("integer"), "status": {"enum": ["recorded", "confirmed", "closed"]}, "notes": {"type": "string"},
    "version": {"type": "integer"}, "created": ts, "updated": ts}}
S["ViolationInput"] = {"type": "object", "additionalProperties": False,
  "description": "POST needs observed, location, type and goodsDescription; PATCH changes what is given (status: recorded -> confirmed -> closed).",
  "properties": {"observed": ts, "location": ref("GeoPoint"), "type": {"type": "string"}, "goodsDescription": {"type": "string"},
    "quantity": opt("number"), "quantityUnit": opt("string"), "estimatedValueEUR": opt("number"), "vehiclePlate": opt("string"),
    "vehicleCountry": opt("string"), "roadOrCrossing": opt("string"), "task": opt("integer"), "unit": opt("string"), "notes": opt("string"),
    "status": {"enum": ["recorded", "confirmed", "closed", None]}}}
S["ViolationPage"] = {"type": "object", "required": ["items", "total"], "additionalProperties": False,
  "properties": {"items": {"type": "array", "items": ref("Violation")}, "total": {"type": "integer"}}}
S["ViolationTypeList"] = {"type": "object", "required": ["items"], "additionalProperties": False, "properties": {"items": {"type": "array", "items": {
  "type": "object", "required": ["code", "label"], "additionalProperties": False, "properties": {"code": {"type": "string"}, "label": {"type": "string"}}}}}}
S["ImportResult"] = {"type": "object", "required": ["imported"], "additionalProperties": False, "properties": {"imported": {"type": "integer"}}}
S["ImportRefusal"] = {"type": "object", "required": ["error", "message", "issues"], "additionalProperties": False,
  "properties": {"error": {"enum": ["import_failed"]}, "message": {"type": "string"}, "issues": {"type": "array", "items": {
    "type": "object", "required": ["row", "field", "message"], "additionalProperties": False,
    "properties": {"row": {"type": "integer", "description": "CSV: the line the record starts on; GeoJSON: the feature index (-1 the document)."},
                   "field": {"type": "string"}, "message": {"type": "string"}}}}}}
S["GeoJSONFeatureCollection"] = {"type": "object", "required": ["type", "features"],
  "properties": {"type": {"enum": ["FeatureCollection"]}, "features": {"type": "array", "items": {"type": "object", "required": ["type", "properties"]}}}}
S["HourWeekdayMatrix"] = {"type": "object", "required": ["timeZone", "counts", "total"], "additionalProperties": False,
  "properties": {"timeZone": {"type": "string"}, "counts": {"type": "array", "description": "7 rows (Monday first) of 24 hourly counts.", "items": {"type": "array", "items": {"type": "integer"}}}, "total": {"type": "integer"}}}
bucket = {"type": "object", "required": ["start", "count", "valueEUR"], "additionalProperties": False,
  "properties": {"start": ts, "count": {"type": "integer"}, "valueEUR": {"type": "number"}, "countChange": opt("integer"), "countChangePercent": opt("number")}}
S["TrendBucket"] = bucket
S["Trends"] = {"type": "object", "required": ["period", "timeZone", "total", "byType"], "additionalProperties": False,
  "properties": {"period": {"enum": ["week", "month"]}, "timeZone": {"type": "string"}, "total": {"type": "array", "items": ref("TrendBucket")},
    "byType": {"type": "array", "items": {"type": "object", "required": ["type", "buckets"], "additionalProperties": False,
      "properties": {"type": {"type": "string"}, "buckets": {"type": "array", "items": ref("TrendBucket")}}}}}}
S["HotspotPlanRequest"] = {"type": "object", "required": ["lat", "lon"], "additionalProperties": False,
  "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}, "cell": opt("number"), "tz": opt("string"), "from": {"oneOf": [ts, {"type": "null"}]},
    "to": {"oneOf": [ts, {"type": "null"}]}, "types": {"type": ["array", "null"], "items": {"type": "string"}}, "windowHours": opt("integer")}}
S["HotspotPlan"] = {"type": "object", "required": ["task", "plan"], "additionalProperties": False,
  "properties": {"task": ref("Task"), "plan": {"type": "object", "required": ["title", "weekday", "startHour", "windowHours", "violationCount", "windowViolations", "maxZ", "cells"],
    "additionalProperties": False, "properties": {"title": {"type": "string"}, "weekday": {"type": "integer"}, "startHour": {"type": "integer"},
      "windowHours": {"type": "integer"}, "violationCount": {"type": "integer"}, "windowViolations": {"type": "integer"}, "maxZ": {"type": "number"}, "cells": {"type": "integer"}}}}}
R["NoData"] = {"description": "No violations match the filters, or the point is not in a hot cell.", "content": {"application/json": {"schema": ref("Error")}}}
d["tags"].append({"name": "violations", "description": "The violations register and its analyses."})

readers = ["analyst", "dispatcher", "auditor"]
analysts = ["analyst", "dispatcher"]
def idparam(): return [{"name": "id", "in": "path", "required": True, "description": "The violation id. A value that is not a whole number gives 404.", "schema": {"type": "integer"}}]
def ok(schema, desc="OK", ctype="application/json"): return {"description": desc, "content": {ctype: {"schema": ref(schema)}}}
def std(extra, body=False, change=False):
    r = {"401": resp("Unauthorized"), "403": resp("Forbidden"), "500": resp("InternalError")}
    if body: r["400"] = resp("BadRequest"); r["413"] = resp("BodyTooLarge")
    if change: r["503"] = resp("AuditUnavailable")
    r.update(extra); return r
q = lambda name, desc="": {"name": name, "in": "query", "required": False, "description": desc, "schema": {"type": "string"}}
filters = [q("from", "Observed at or after (RFC 3339)."), q("to", "Observed before."), q("types", "Comma-separated type codes."), q("unit"),
           q("minValue", "EUR."), q("maxValue", "EUR."), q("area", "A polygon: lat,lon;lat,lon;lat,lon;..."), q("format", "csv, or geojson (default for maps).")]
spatial = lambda extra: {"description": "GeoJSON (or CSV with format=csv).", "content": {"application/geo+json": {"schema": ref("GeoJSONFeatureCollection")}, "text/csv": {"schema": {"type": "string"}}}}
def analysis(opid, summary, params, content):
    return {"get": {"operationId": opid, "tags": ["violations"], "summary": summary, "x-roles": analysts, "parameters": filters + params,
                    "responses": std({"200": content, "400": resp("BadRequest"), "404": resp("NoData")})}}
P = d["paths"]
P["/api/v1/violation-types"] = {"get": {"operationId": "listViolationTypes", "tags": ["violations"], "summary": "The violation types in use",
  "x-roles": readers + ["patrol (own unit)"], "responses": std({"200": ok("ViolationTypeList")})}}
P["/api/v1/violations"] = {
  "get": {"operationId": "listViolations", "tags": ["violations"], "summary": "List violations (filters; every record returned is an audited read)",
          "x-roles": readers + ["patrol (own unit)"], "parameters": filters[:-1] + [q("limit", "1 ... 10000, default 1000; newest first.")],
          "responses": std({"200": ok("ViolationPage"), "400": resp("BadRequest")})},
  "post": {"operationId": "createViolation", "tags": ["violations"], "summary": "Record a violation (a patrol on the spot, for its unit)",
           "x-roles": analysts + ["patrol (own unit)"], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("ViolationInput")}}},
           "responses": std({"201": ok("Violation")}, body=True, change=True)}}
P["/api/v1/violations/{id}"] = {
  "get": {"operationId": "getViolation", "tags": ["violations"], "summary": "One violation (an audited read)", "x-roles": readers + ["patrol (own unit)"],
          "parameters": idparam(), "responses": std({"200": ok("Violation"), "404": resp("NotFound")})},
  "patch": {"operationId": "updateViolation", "tags": ["violations"], "summary": "Edit a violation or move its status (If-Match: its ETag)", "x-roles": analysts,
            "parameters": idparam() + [{"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("ViolationInput")}}},
            "responses": std({"200": ok("Violation"), "404": resp("NotFound"), "409": resp("IllegalTransition"), "412": resp("VersionConflict"), "428": resp("PreconditionRequired")}, body=True, change=True)}}
P["/api/v1/violations/import"] = {"post": {"operationId": "importViolations", "tags": ["violations"], "summary": "Import violations from CSV or GeoJSON: all rows or none",
  "x-roles": ["analyst"], "description": "CSV columns: time, lat, lon, type, goods, quantity, unit, value_eur, plate, country, road, notes.",
  "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}, "application/geo+json": {"schema": ref("GeoJSONFeatureCollection")}}},
  "responses": std({"201": ok("ImportResult"), "400": {"description": "Bad rows (each named; nothing imported), or a bad request.", "content": {"application/json": {"schema": {"oneOf": [ref("ImportRefusal"), ref("Error")]}}}},
                    "415": {"description": "Not CSV or GeoJSON.", "content": {"application/json": {"schema": ref("Error")}}}}, change=True) | {"413": resp("BodyTooLarge")}}}
cell = q("cell", "Cell size in metres, 50 ... 50000 (default 500).")
P["/api/v1/violations/analysis/grid"] = analysis("violationGrid", "Violation counts on a grid (GeoJSON or CSV)", [cell], spatial(None))
P["/api/v1/violations/analysis/density"] = analysis("violationDensity", "Kernel density surface on a grid (GeoJSON or CSV)", [cell, q("bandwidth", "Metres; default: the spatial Silverman rule (X-Bandwidth-Meters tells).")], spatial(None))
P["/api/v1/violations/analysis/hotspots"] = analysis("violationHotspots", "Getis-Ord Gi* hotspots on a grid, FDR-corrected (GeoJSON or CSV)", [cell, q("band", "Distance band in metres instead of the 8 neighbours.")], spatial(None))
P["/api/v1/violations/analysis/clusters"] = analysis("violationClusters", "DBSCAN clusters (GeoJSON or CSV)", [q("eps", "Metres (default 300)."), q("minPoints", "Default 5.")], spatial(None))
P["/api/v1/violations/analysis/time"] = analysis("violationTimeMatrix", "Hour-of-day x day-of-week matrix", [q("tz", "IANA time zone (default Europe/Vilnius).")],
  {"description": "OK", "content": {"application/json": {"schema": ref("HourWeekdayMatrix")}, "text/csv": {"schema": {"type": "string"}}}})
P["/api/v1/violations/analysis/trends"] = analysis("violationTrends", "Weekly or monthly trends per type with change vs the previous period", [q("period", "week (default) or month."), q("tz")],
  {"description": "OK", "content": {"application/json": {"schema": ref("Trends")}, "text/csv": {"schema": {"type": "string"}}}})
P["/api/v1/violations/analysis/effort"] = analysis("patrolEffort", "Patrol hours per cell from stored tracks, and violations per patrol-hour", [cell], spatial(None))
P["/api/v1/violations/analysis/plan"] = {"post": {"operationId": "planFromHotspot", "tags": ["violations"], "summary": "A draft task planned from a hotspot and the busiest hours",
  "x-roles": analysts, "requestBody": {"required": True, "content": {"application/json": {"schema": ref("HotspotPlanRequest")}}},
  "responses": std({"201": ok("HotspotPlan"), "404": resp("NoData")}, body=True, change=True)}}
json.dump(d, open(path, "w"), indent=2, ensure_ascii=False)
open(path, "a").write("\n")
