import FuzzSupport

runFuzzer(fuzzTeltonikaTCP)
