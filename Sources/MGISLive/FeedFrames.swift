import MGISCore

/// The feed's JSON frames, written with `FeedJSONWriter`.
enum FeedFrames {
    /// Appends one POSITION object.
    static func position(unitID: String, _ deviceFix: DeviceFix, to writer: inout FeedJSONWriter) {
        let fix = deviceFix.fix
        writer.raw(#"{"unit":"#)
        writer.string(unitID)
        writer.raw(#","device":"#)
        writer.int(Int64(deviceFix.device.rawValue))
        writer.raw(#","time":"#)
        writer.timestamp(millis: fix.timeMillis)
        writer.raw(#","received":"#)
        writer.timestamp(millis: deviceFix.receivedMillis)
        writer.raw(#","lat":"#)
        writer.fixedPoint(Int64(fix.latE7), decimals: 7)
        writer.raw(#","lon":"#)
        writer.fixedPoint(Int64(fix.lonE7), decimals: 7)
        writer.raw(#","speed":"#)
        // Speed in cm/s and heading in 0.01 degree print exactly with two decimals.
        if fix.speedCmS == Fix.unknownSpeed {
            writer.null()
        } else {
            writer.fixedPoint(Int64(fix.speedCmS), decimals: 2)
        }
        writer.raw(#","heading":"#)
        if fix.headingCentiDeg == Fix.unknownHeading {
            writer.null()
        } else {
            writer.fixedPoint(Int64(fix.headingCentiDeg), decimals: 2)
        }
        writer.raw(#","altitude":"#)
        if fix.altitudeM == Fix.unknownAltitude { writer.null() } else { writer.int(Int64(fix.altitudeM)) }
        writer.raw(#","sats":"#)
        writer.int(Int64(fix.satellites))
        writer.raw(#","battery":"#)
        if fix.batteryPercent == Fix.unknownBattery { writer.null() } else { writer.int(Int64(fix.batteryPercent)) }
        writer.raw(#","flags":"#)
        writer.int(Int64(fix.flags.rawValue))
        writer.raw("}")
    }

    /// The `snapshot` frame: every unit `filter` lets through, each with its newest position or `null`.
    ///
    /// With a bounding box, a unit is listed only when it has a position inside it.
    static func snapshot(
        index: FeedDirectoryIndex,
        fixes: [DeviceFix],
        filter: FeedFilter,
        nowMillis: Int64
    ) -> String {
        let newest = index.newestPerUnit(fixes)
        var writer = FeedJSONWriter(capacity: 64 + index.sortedUnits.count * 300)
        writer.raw(#"{"type":"snapshot","time":"#)
        writer.timestamp(millis: nowMillis)
        writer.raw(#","units":["#)
        var first = true
        for unit in index.sortedUnits where filter.allows(unit: unit.id) {
            let fix = newest[unit.id]
            if let bbox = filter.bbox {
                guard let fix, bbox.contains(lat: fix.fix.latitude, lon: fix.fix.longitude) else { continue }
            }
            if !first { writer.raw(",") }
            first = false
            writer.raw(#"{"id":"#)
            writer.string(unit.id)
            writer.raw(#","name":"#)
            writer.string(unit.name)
            writer.raw(#","callSign":"#)
            writer.string(unit.callSign)
            writer.raw(#","position":"#)
            if let fix { position(unitID: unit.id, fix, to: &writer) } else { writer.null() }
            writer.raw("}")
        }
        writer.raw("]}")
        return writer.text
    }
}
