import MGISCore
import MGISViolations
import Testing

@Suite struct ImportTests {
    let now = Fixtures.millis("2026-01-15T12:00:00Z")

    @Test func testCSVWithQuotesCommasAndNewlines() throws {
        let csv = "Time,lat,lon,type,goods,quantity,unit,value_eur,plate,country,road,notes\r\n"
            + "2026-01-10T08:30:00+02:00,54.5,25.25,cigarettes,\"Marlboro, 200 packs\",200,packs,1000.5,ABC 123,LT,A1,\"said \"\"gift\"\"\"\r\n"
            + "2026-01-11T09:00:00Z,54.6,25.3,fuel,\"diesel\nin canisters\",,,,,,,\r\n"
            + "2026-01-12T10:00:00.5Z,-1.5,-2.25,other,x,,,,,,,\r\n"
        let drafts = try ViolationCSVImport.drafts(from: csv, catalog: .standard, nowMillis: now)
        #expect(drafts.count == 3)
        #expect(drafts[0].observedMillis == Fixtures.millis("2026-01-10T06:30:00Z"))
        #expect(drafts[0].location == GeoPoint(latitude: 54.5, longitude: 25.25))
        #expect(drafts[0].goodsDescription == "Marlboro, 200 packs")
        #expect(drafts[0].quantity == 200 && drafts[0].quantityUnit == "packs" && drafts[0].estimatedValueEUR == 1000.5)
        #expect(drafts[0].vehiclePlate == "ABC 123" && drafts[0].vehicleCountry == "LT" && drafts[0].roadOrCrossing == "A1")
        #expect(drafts[0].notes == "said \"gift\"")
        #expect(drafts[1].goodsDescription == "diesel\nin canisters" && drafts[1].quantity == nil && drafts[1].vehiclePlate == nil)
        #expect(drafts[2].observedMillis == Fixtures.millis("2026-01-12T10:00:00Z") + 500)
    }

    @Test func testCSVBadRowsAreAllReportedByLineAndNothingIsImported() {
        let csv = "time,lat,lon,type,goods,value_eur\n"
            + "2026-01-10T08:30:00Z,54.5,25.25,fuel,\"two\nlines\",10\n"  // lines 2-3, good
            + "2026-01-10 08:30,54.5,25.25,fuel,x,10\n"  // line 4: no offset
            + "2026-01-10T08:30:00Z,95,25.25,amber,x,1e10\n"  // line 5: lat (type and value not checked yet)
            + "2026-01-10T08:30:00Z,54.5,25.25,amber,x,2000000000\n"  // line 6: type and value
            + "2026-01-10T08:30:00Z,54.5,25.25,fuel\n"  // line 7: short row
            + "2026-01-10T08:30:00Z,54.5,,fuel,x,1\n"  // line 8: lon missing
        #expect {
            try ViolationCSVImport.drafts(from: csv, catalog: .standard, nowMillis: now)
        } throws: { error in
            guard let report = error as? ImportReport else { return false }
            let found = report.issues.map { "\($0.row):\($0.field)" }
            return found == ["4:time", "5:lat", "6:type", "6:value_eur", "7:", "8:lon"] && report.badRows == [4, 5, 6, 7, 8]
        }
    }

    @Test func testCSVHeaderAndSyntaxErrors() {
        func issues(_ csv: String) -> [ImportIssue] {
            do {
                _ = try ViolationCSVImport.drafts(from: csv, catalog: .standard, nowMillis: now)
                return []
            } catch {
                return error.issues
            }
        }
        #expect(issues("time,lat,lon,type,colour\n").map(\.field) == ["colour", "goods"])
        #expect(issues("time,lat,lon,type,goods\n2026-01-10T08:30:00Z,1,2,fuel,\"open\n").first?.row == 2)
        #expect(issues("time,lat,lon,type,goods\n2026-01-10T08:30:00Z,1,2,fuel,a\"b\n").first?.row == 2)
        #expect(issues("").first?.message.contains("empty") == true)
    }

    @Test func testGeoJSONFeatureCollection() throws {
        let json = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[25.25,54.5]},
           "properties":{"time":"2026-01-10T08:30:00+02:00","type":"alcohol","goods":"vodka","quantity":12,"unit":"l","task_id":4}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[25.3,54.6,120]},
           "properties":{"time":"2026-01-11T08:30:00Z","type":"cash","goods":"EUR notes","value_eur":15000.5}}
        ]}
        """
        let drafts = try ViolationGeoJSONImport.drafts(from: json, catalog: .standard, nowMillis: now)
        #expect(drafts.count == 2)
        #expect(drafts[0].location == GeoPoint(latitude: 54.5, longitude: 25.25))
        #expect(drafts[0].quantity == 12 && drafts[0].taskID == 4 && drafts[0].typeCode == "alcohol")
        #expect(drafts[1].estimatedValueEUR == 15000.5 && drafts[1].observedMillis == Fixtures.millis("2026-01-11T08:30:00Z"))
    }

    @Test func testGeoJSONBadFeaturesAreReportedByIndex() {
        let json = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[25.25,54.5]},
           "properties":{"time":"2026-01-10T08:30:00Z","type":"fuel","goods":"diesel"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[54.5,95]},
           "properties":{"time":"2026-01-10T08:30:00Z","type":"fuel","goods":"diesel"}},
          {"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[25,54]},
           "properties":{"time":"2026-01-10T08:30:00Z","type":"fuel","goods":"diesel","quantity":"12","task_id":1.5}}
        ]}
        """
        #expect {
            try ViolationGeoJSONImport.drafts(from: json, catalog: .standard, nowMillis: now)
        } throws: { error in
            guard let report = error as? ImportReport else { return false }
            let found = report.issues.map { "\($0.row):\($0.field)" }
            return found == ["1:geometry", "2:geometry", "2:time", "2:type", "2:goods", "3:quantity", "3:task_id"]
        }
        #expect(throws: ImportReport.self) { try ViolationGeoJSONImport.drafts(from: "{\"type\":\"Feature\"}", catalog: .standard, nowMillis: now) }
    }
}
