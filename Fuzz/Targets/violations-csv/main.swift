import FuzzSupport

runFuzzer(fuzzViolationsCSV)
