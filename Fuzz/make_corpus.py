#!/usr/bin/env python3
"""Writes the seed corpora Fuzz/corpus/TARGET/ from the tests' own inputs.

Sources: the MTP/1 known answers (Tests/MGISProtocolTests/MTPKnownAnswers.swift), the Teltonika
vectors (Tests/Vectors/teltonika/vectors.tsv, the copy of shared/teltonika/vectors.tsv), and the
CSV, GeoJSON, GPX, trace and API bodies the unit and API tests use, copied here. Seeds stay small:
libFuzzer grows its own working corpus under .build-fuzz/corpus/, which is never committed.
Re-run with  python3 Fuzz/make_corpus.py  (it replaces Fuzz/corpus/).
"""
import os
import re
import shutil
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fuzz", "corpus")


def write(target, name, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def mtp():
    text = open(os.path.join(ROOT, "Tests/MGISProtocolTests/MTPKnownAnswers.swift")).read()
    for index, (name, hexbytes) in enumerate(re.findall(r'name: "([^"]+)".*?bytesHex: "([0-9a-f]+)"', text)):
        write("mtp", f"known-{index:02d}-{re.sub('[^a-z0-9]+', '-', name)}", bytes.fromhex(hexbytes))


def teltonika():
    section = None
    for number, line in enumerate(open(os.path.join(ROOT, "Tests/Vectors/teltonika/vectors.tsv")), 1):
        found = re.match(r"# === SECTION ([ABC])", line)
        if found:
            section = found.group(1)
        if line.startswith("#") or not line.strip():
            continue
        data = bytes.fromhex(line.split("\t")[0])
        if section in ("A", "B"):
            write("teltonika-udp", f"vector-{number:03d}-{section}", data)
            write("teltonika-tcp", f"avl-{number:03d}-{section}", data[23:])  # AVL data behind the UDP header
        else:
            write("teltonika-tcp", f"vector-{number:03d}-{section}", data)
            write("teltonika-udp", f"avl-{number:03d}-{section}", data[8:-4])  # AVL data of the TCP frame


def violations():
    # ImportTests.testCSVWithQuotesCommasAndNewlines / testCSVBadRowsAreAllReportedByLineAndNothingIsImported
    write("violations-csv", "quotes-commas-newlines",
          "Time,lat,lon,type,goods,quantity,unit,value_eur,plate,country,road,notes\r\n"
          "2026-01-10T08:30:00+02:00,54.5,25.25,cigarettes,\"Marlboro, 200 packs\",200,packs,1000.5,ABC 123,LT,A1,\"said \"\"gift\"\"\"\r\n"
          "2026-01-11T09:00:00Z,54.6,25.3,fuel,\"diesel\nin canisters\",,,,,,,\r\n"
          "2026-01-12T10:00:00.5Z,-1.5,-2.25,other,x,,,,,,,\r\n")
    write("violations-csv", "bad-rows",
          "time,lat,lon,type,goods,value_eur\n"
          "2026-01-10T08:30:00Z,54.5,25.25,fuel,\"two\nlines\",10\n"
          "2026-01-10 08:30,54.5,25.25,fuel,x,10\n"
          "2026-01-10T08:30:00Z,95,25.25,amber,x,1e10\n"
          "2026-01-10T08:30:00Z,54.5,25.25,amber,x,2000000000\n"
          "2026-01-10T08:30:00Z,54.5,25.25,fuel\n"
          "2026-01-10T08:30:00Z,54.5,,fuel,x,1\n")
    write("violations-csv", "all-columns",
          "time,lat,lon,type,goods,quantity,unit,value_eur,plate,country,road,task_id,unit_id,user_id,notes\n"
          "2026-01-05T10:00:00Z,54.6,25.2,fuel,diesel,10,l,50,ABC1,LT,A1,3,2,1,=HYPERLINK(\"x\")\n")
    for index, literal in enumerate(swift_multiline_strings("Tests/MGISViolationsTests/ImportTests.swift")):
        write("violations-geojson", f"import-tests-{index}", literal)


def swift_multiline_strings(path):
    """The multi-line string literals (\"\"\" ... \"\"\") of a Swift test file, indentation removed."""
    text = open(os.path.join(ROOT, path)).read()
    for body, indent in re.findall(r'"""\n(.*?)\n([ ]*)"""', text, re.S):
        yield "\n".join(line[len(indent):] for line in body.split("\n"))


def gpx():
    for index, literal in enumerate(swift_multiline_strings("Tests/MGISTraceTests/GPXTests.swift")):
        write("gpx", f"gpx-tests-{index}", literal)
    for index, literal in enumerate(re.findall(r'^        "(<gpx>.*)",$', open(os.path.join(ROOT, "Tests/MGISTraceTests/GPXFuzzFindingsTests.swift")).read(), re.M)):
        write("gpx", f"fuzz-finding-{index}", literal.replace('\\"', '"'))


def trace():
    """A recording as docs/TRACE.md lays it out: as a file (mode byte 0) and without CRCs (1)."""
    def varint(value):
        out = b""
        while True:
            byte = value & 0x7F
            value >>= 7
            if value:
                out += bytes([byte | 0x80])
            else:
                return out + bytes([byte])

    label = b"night shift"
    header = b"MGTR" + struct.pack(">BBqHH", 1, 0, 1795986000000, 0, len(label)) + label
    mtp_payload = bytes.fromhex("4d470102000000070001e2400098f92b43760ca498")
    records = [
        varint(0) + bytes([1, 0]) + struct.pack(">H", len(mtp_payload)) + mtp_payload,
        varint(2 * 1500) + bytes([1, 4]) + struct.pack(">IH", 0x7F000001, 40000) + struct.pack(">H", 3) + b"abc",
        varint(2 * 7 + 1) + bytes([2, 6]) + bytes(range(16)) + struct.pack(">H", 5027) + struct.pack(">H", 0),
    ]
    with_crc = header + struct.pack(">I", zlib.crc32(header))
    without_crc = header
    for body in records:
        framed = struct.pack(">I", len(body)) + body
        with_crc += framed + struct.pack(">I", zlib.crc32(framed))
        without_crc += framed
    write("trace", "recording", b"\x00" + with_crc)
    write("trace", "recording-torn", b"\x00" + with_crc[:-7])
    write("trace", "recording-no-crcs", b"\x01" + without_crc)


def api_json():
    """Route byte (the fuzz target's order) and a body the API tests send."""
    bodies = [
        (0, '{"username":"admin","password":"correct horse battery staple"}'),
        (1, '{"user":3,"label":"wall display","days":3650}'),
        (2, '{"id":77,"name":"car-77","imei":"356307042441013","unit":"2","enabled":true}'),
        (3, '{"name":"Patrol 1","callSign":"P-1","homeStation":"Vilnius"}'),
        (4, '{"name":"patrol-01","roles":["patrol"],"password":"x","unit":"1","disabled":false}'),
        (5, '{"active":true,"file":"night-1.mgtr","maxMegabytes":64}'),
        (6, '{"type":"area_patrol","title":"Border crossing","instructions":"Check trucks","priority":"high",'
            '"area":{"type":"polygon","rings":[[{"lat":54.6,"lon":25.2},{"lat":54.7,"lon":25.2},{"lat":54.7,"lon":25.3}]]},'
            '"window":{"start":"2026-06-01T08:00:00Z","end":"2026-06-01T12:00:00Z"},"units":["1","2"],"checklist":["papers"],'
            '"attachments":[{"name":"map.pdf","mediaType":"application/pdf","sizeBytes":1024}]}'),
        (6, '{"type":"checkpoint","title":"t","area":{"type":"circle","center":{"lat":54.6,"lon":25.2},"radiusMeters":500},'
            '"window":{"start":"2026-06-01T08:00:00Z","end":"2026-06-01T09:00:00Z"}}'),
        (7, '{"action":"dispatch","units":["7"]}'),
        (7, '{"action":"complete","result":{"vehiclesChecked":3,"personsChecked":4,"outcome":"violations_found","findings":"f",'
            '"violations":[{"type":"fuel","goodsDescription":"diesel","quantity":40,"quantityUnit":"l","estimatedValueEUR":60,'
            '"vehiclePlate":"AB1","vehicleCountry":"LT","location":{"lat":54.6,"lon":25.2},"observed":"2026-06-01T09:00:00Z"}],'
            '"checklist":[{"text":"papers","done":true}]}}'),
        (8, '{"name":"Morning border","type":"area_patrol","title":"Border","area":{"type":"circle","center":{"lat":54.6,"lon":25.2},'
            '"radiusMeters":800},"durationMinutes":240,"recurrence":{"weekdays":[1,2,3,4,5],"start":"06:00","end":"10:00",'
            '"timeZone":"Europe/Vilnius","firstDay":"2026-12-01","lastDay":"2026-12-31"}}'),
        (9, '{"recurrence":{"weekdays":[7],"start":"22:00","end":"02:00","timeZone":"Europe/Vilnius","firstDay":"2026-03-01","count":10},'
            '"from":"2026-03-01T00:00:00Z","to":"2026-04-30T00:00:00Z"}'),
        (10, '{"observed":"2026-05-31T10:00:00Z","location":{"lat":54.6,"lon":25.2},"type":"cigarettes","goodsDescription":"40 cartons",'
             '"quantity":400,"quantityUnit":"packs","estimatedValueEUR":2000,"vehiclePlate":"ABC123","vehicleCountry":"LT","unit":"1"}'),
        (11, '{"status":"confirmed","notes":"seen twice","quantity":null}'),
        (12, '{"lat":54.6,"lon":25.2,"cell":500,"tz":"Europe/Vilnius","from":"2026-01-01T00:00:00Z","to":"1780272000","types":["fuel"],"windowHours":4}'),
    ]
    for index, (route, body) in enumerate(bodies):
        write("api-json", f"route-{route:02d}-{index:02d}", bytes([route]) + body.encode())


if __name__ == "__main__":
    shutil.rmtree(OUT, ignore_errors=True)
    for make in (mtp, teltonika, violations, gpx, trace, api_json):
        make()
    for target in sorted(os.listdir(OUT)):
        files = os.listdir(os.path.join(OUT, target))
        size = sum(os.path.getsize(os.path.join(OUT, target, f)) for f in files)
        print(f"{target}: {len(files)} seeds, {size} bytes")
