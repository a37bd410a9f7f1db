import MGISCore
import MGISDispatch
import MGISViolations

/// Demo violations for the analyst page: 90 days around Vilnius, a uniform background and two
/// planted hotspots (a border crossing busy on Friday evenings, a freight terminal on weekday
/// mornings), so that the hotspot, cluster and time analyses have something real to find.
/// Seeded once, into an empty register; deterministic.
enum DemoViolations {
    static func seed(_ register: ViolationRegister, now: Int64) throws -> Int {
        guard register.count == 0 else { return register.count }
        var random = SplitMix64(seed: 2026)
        let types = ["cigarettes", "alcohol", "fuel", "drugs", "cash", "counterfeit_goods", "undeclared_goods"]
        let day: Int64 = 86_400_000
        var drafts: [ViolationDraft] = []
        func add(lat: Double, lon: Double, at millis: Int64, type: String) {
            drafts.append(ViolationDraft(
                observedMillis: millis, location: GeoPoint(latitude: lat, longitude: lon), typeCode: type,
                goodsDescription: "demo seizure", quantity: Double(Int(random.uniform(1...200))), quantityUnit: "pcs",
                estimatedValueEUR: (random.uniform(50...5000) * 100).rounded() / 100
            ))
        }
        // Background: anywhere in the region, any time.
        for _ in 0..<600 {
            let type = types[Int(random.uniform(0...Double(types.count)))]
            add(lat: random.uniform(54.45...54.95), lon: random.uniform(24.9...25.8), at: now - Int64(random.uniform(0...90)) * day - Int64(random.uniform(0...86_400_000)), type: type)
        }
        // Medininkai border crossing: cigarettes, Friday 17:00-22:00 UTC.
        for _ in 0..<220 {
            let friday = fridayBefore(now - Int64(random.uniform(0...12)) * 7 * day)
            let at = friday + Int64(random.uniform(17...22) * 3_600_000)
            add(lat: 54.538 + random.uniform(-0.006...0.006), lon: 25.645 + random.uniform(-0.01...0.01), at: min(at, now - 60_000), type: "cigarettes")
        }
        // Vaidotai freight terminal: fuel and undeclared goods, weekday mornings.
        for index in 0..<160 {
            let morning = (now / day - Int64(random.uniform(1...90))) * day + Int64(random.uniform(5...9) * 3_600_000)
            add(lat: 54.633 + random.uniform(-0.004...0.004), lon: 25.205 + random.uniform(-0.007...0.007), at: morning, type: index % 2 == 0 ? "fuel" : "undeclared_goods")
        }
        return try register.record(all: drafts).count
    }

    /// Midnight UTC of the Friday on or before `millis` (1970-01-01 was a Thursday).
    private static func fridayBefore(_ millis: Int64) -> Int64 {
        let days = millis / 86_400_000
        let sinceFriday = ((days - 1) % 7 + 7) % 7
        return (days - sinceFriday) * 86_400_000
    }
}

