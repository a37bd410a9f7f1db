#ifndef MGIS_FUZZ_DRIVER_H
#define MGIS_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// One fuzz input: libFuzzer's LLVMFuzzerTestOneInput signature.
typedef int (*MGISFuzzCallback)(const uint8_t *data, size_t size);

/// Runs libFuzzer (LLVMFuzzerRunDriver, in the runtime -sanitize=fuzzer links) over `callback`
/// with the process's arguments, and returns its exit status.
///
/// A fuzz target calls this from its own main.swift: SwiftPM gives an executable's entry point a
/// name of its own and points `main` at it on Linux, so libFuzzer's `main` never runs.
int MGISFuzzMain(int argc, char **argv, MGISFuzzCallback callback);

#endif
