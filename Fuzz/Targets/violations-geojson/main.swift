import FuzzSupport

runFuzzer(fuzzViolationsGeoJSON)
