import Testing

/// The end-to-end suites, run one after another. Each starts real processes — mgisd, mgisctl,
/// mgis-load, headless Chromium — and several measure time (ACKs before a kill, replay spacing,
/// a stalled WebSocket client). Run side by side on a 2-core machine they starve one another and
/// measure the contention instead; in sequence they still run beside the in-process suites.
@Suite(.serialized) enum EndToEnd {}
