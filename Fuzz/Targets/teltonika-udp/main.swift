import FuzzSupport

runFuzzer(fuzzTeltonikaUDP)
