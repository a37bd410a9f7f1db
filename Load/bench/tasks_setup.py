#!/usr/bin/env python3
"""Set-up half of Load/bench/tasks.sh: units, device assignment, and active polygon tasks.

Usage: tasks_setup.py BASE_URL TOKEN FLEET_CSV UNITS TASKS [SEED]

Creates UNITS units (POST /api/v1/units), assigns the fleet's devices to them round-robin
(PATCH /api/v1/devices/{id} {"unit": "ID"}), then creates TASKS area_patrol tasks with polygon
areas of 10-50 vertices (POST /api/v1/tasks) and dispatches each to one unit, round-robin
(POST /api/v1/tasks/{id}/actions {"action":"dispatch","units":["ID"]}). Areas are star-shaped
polygons with a mean radius of 5-80 km centred in the box mgis-load's patrol cars drive in
(lat 54.0-56.4, lon 21.0-26.8, Load/mgis-load/PatrolArea.swift), so many fixes fall inside a
task's bounding box and the exact point-in-polygon test runs, not only the box test.
Windows run from 10 minutes ago to 3 hours ahead, so every task is watched during the run.
One keep-alive HTTP connection; prints a one-line summary.
"""
import csv
import http.client
import json
import math
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlparse


def main() -> None:
    base, token, fleet, units_n, tasks_n = sys.argv[1:6]
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    units_n, tasks_n = int(units_n), int(tasks_n)
    rng = random.Random(seed)
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(method: str, path: str, body: object, expect: tuple[int, ...] = (200, 201)) -> dict:
        conn.request(method, path, body=json.dumps(body), headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.status not in expect:
            sys.exit(f"{method} {path} -> {response.status}: {data[:300]!r}")
        return json.loads(data) if data else {}

    started = time.monotonic()
    unit_ids = []
    for index in range(units_n):
        unit = call("POST", "/api/v1/units", {"name": f"bench-unit-{index}", "callSign": f"B{index}"})
        unit_ids.append(unit["id"])

    with open(fleet, newline="") as handle:
        devices = [row["id"] for row in csv.DictReader(handle)]
    for index, device in enumerate(devices):
        if unit_ids:
            call("PATCH", f"/api/v1/devices/{device}", {"unit": unit_ids[index % len(unit_ids)]})
    setup_s = time.monotonic() - started

    now = datetime.now(timezone.utc)
    window = {
        "start": (now - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end": (now + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    vertices_total = 0
    started = time.monotonic()
    for index in range(tasks_n):
        lat0, lon0 = rng.uniform(54.0, 56.4), rng.uniform(21.0, 26.8)
        radius_km = rng.uniform(5, 80)
        count = rng.randint(10, 50)
        vertices_total += count
        ring = []
        for k in range(count):
            angle = 2 * math.pi * k / count
            r = radius_km * rng.uniform(0.5, 1.0)
            ring.append({
                "lat": round(lat0 + r / 111.2 * math.sin(angle), 6),
                "lon": round(lon0 + r / (111.2 * math.cos(math.radians(lat0))) * math.cos(angle), 6),
            })
        draft = {
            "type": "area_patrol", "title": f"bench task {index}", "priority": "normal",
            "area": {"type": "polygon", "rings": [ring]}, "window": window,
        }
        task = call("POST", "/api/v1/tasks", draft)
        unit = unit_ids[index % len(unit_ids)]
        done = call("POST", f"/api/v1/tasks/{task['id']}/actions", {"action": "dispatch", "units": [unit]})
        if done.get("state") != "dispatched":
            sys.exit(f"task {task['id']} is {done.get('state')} after dispatch")
    tasks_s = time.monotonic() - started
    print(f"setup: {len(unit_ids)} units, {len(devices)} devices assigned ({setup_s:.1f} s); "
          f"{tasks_n} polygon tasks dispatched, {vertices_total / max(tasks_n, 1):.1f} vertices on average "
          f"({tasks_s:.1f} s)")


if __name__ == "__main__":
    main()
