import FuzzSupport

runFuzzer(fuzzTrace)
