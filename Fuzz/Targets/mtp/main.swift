import FuzzSupport

runFuzzer(fuzzMTP)
