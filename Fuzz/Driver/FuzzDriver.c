#include "FuzzDriver.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int MGISFuzzMain(int argc, char **argv, MGISFuzzCallback callback) {
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}
