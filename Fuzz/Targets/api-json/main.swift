import FuzzSupport

runFuzzer(fuzzAPIJSON)
