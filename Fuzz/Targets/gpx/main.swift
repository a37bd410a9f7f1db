import FuzzSupport

runFuzzer(fuzzGPX)
