#!/usr/bin/env bash
# Builds one libFuzzer target (Fuzz/Targets/TARGET) with AddressSanitizer and runs it for SECONDS
# on its committed seed corpus (Fuzz/corpus/TARGET). A crash, trap, leak or sanitizer report
# exits non-zero and leaves the input as Fuzz/crashes/TARGET/crash-*; new coverage found goes to
# .build-fuzz/corpus/TARGET (never committed: the seeds stay small).
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options...]
#   Fuzz/run.sh --build TARGET...      only build
#   Fuzz/run.sh --list                 the targets
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-fuzz
targets() { ls Fuzz/Targets; }

build() {
    # MGIS_FUZZ=1 declares the fuzz targets in Package.swift. -enable-testing lets a target reach
    # internal decoders with @testable import.
    local args=()
    for target in "$@"; do args+=(--product "fuzz-$target"); done
    MGIS_FUZZ=1 swift build -c release --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
        "${args[@]}"
}

case "${1:-}" in
--list) targets; exit 0 ;;
--build) shift; for target in "$@"; do build "$target"; done; exit 0 ;;
"" | -*) echo "usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options...]" >&2; exit 2 ;;
esac

target=$1
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS}
shift 2
[ -d "Fuzz/Targets/$target" ] || { echo "no fuzz target '$target'; try: $(targets | tr '\n' ' ')" >&2; exit 2; }
build "$target"

work="$scratch/corpus/$target"
crashes="Fuzz/crashes/$target"
mkdir -p "$work" "$crashes"
binary="$(MGIS_FUZZ=1 swift build -c release --scratch-path "$scratch" --show-bin-path)/fuzz-$target"
# New inputs go to the first directory; the committed seeds are read only. Swift's own crash
# backtracer is off: it races AddressSanitizer (false reports) and libFuzzer reports the crash.
SWIFT_BACKTRACE=enable=no exec "$binary" "$work" "Fuzz/corpus/$target" \
    -max_total_time="$seconds" -artifact_prefix="$crashes/" -print_final_stats=1 \
    -max_len=65600 -timeout=10 -rss_limit_mb=4096 "$@"
