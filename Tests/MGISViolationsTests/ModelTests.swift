import Foundation
import MGISCore
import MGISViolations
import Testing

@Suite struct ModelTests {
    @Test func testStandardCatalogHasTheDefaultCodes() throws {
        let codes = ViolationTypeCatalog.standard.types.map(\.code)
        #expect(codes == ["cigarettes", "alcohol", "fuel", "drugs", "cash", "counterfeit_goods", "weapons", "undeclared_goods", "other"])
        #expect(ViolationTypeCatalog.standard.type(code: "fuel")?.label == "Fuel")
        #expect(!ViolationTypeCatalog.standard.contains(code: "Fuel"))
    }

    @Test func testCatalogRefusesBadAndRepeatedCodes() {
        #expect(throws: ViolationError.self) { try ViolationTypeCatalog([ViolationType(code: "Fuel", label: "Fuel")]) }
        #expect(throws: ViolationError.self) { try ViolationTypeCatalog([ViolationType(code: "9mm", label: "Ammo")]) }
        #expect(throws: ViolationError.self) {
            try ViolationTypeCatalog([ViolationType(code: "fuel", label: "A"), ViolationType(code: "fuel", label: "B")])
        }
        #expect(throws: ViolationError.self) { try ViolationTypeCatalog([ViolationType(code: "fuel", label: "  ")]) }
        #expect((try? ViolationTypeCatalog([ViolationType(code: "amber_2", label: "Amber")])) != nil)
    }

    /// The store keeps violations as JSON: a row written before `Violation` held its content as a
    /// `ViolationDraft` (one flat object) reads back the same, and is written the same way.
    @Test func testStoredJSONStaysOneFlatObject() throws {
        let violation = Violation(
            id: 7, observedMillis: 1_700_000_000_000, location: GeoPoint(latitude: 54.5, longitude: 25.25), typeCode: "fuel",
            goodsDescription: "200 l diesel", quantity: 200, quantityUnit: "l", vehiclePlate: "ABC123", taskID: 3,
            status: .confirmed, notes: "tank", version: 2, createdMillis: 1_700_000_100_000, updatedMillis: 1_700_000_200_000
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stored = String(decoding: try encoder.encode(violation), as: UTF8.self)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any]).keys.sorted()
        #expect(keys == [
            "createdMillis", "goodsDescription", "id", "location", "notes", "observedMillis", "quantity", "quantityUnit",
            "status", "taskID", "typeCode", "updatedMillis", "vehiclePlate", "version",
        ])
        #expect(try JSONDecoder().decode(Violation.self, from: Data(stored.utf8)) == violation)
        #expect(violation.vehiclePlate == "ABC123" && violation.content.quantity == 200)
    }

    @Test func testValidDraftHasNoIssues() {
        #expect(Fixtures.draft().validate(catalog: .standard, nowMillis: Fixtures.now).isEmpty)
    }

    @Test func testEveryBadFieldIsReported() {
        var draft = Fixtures.draft(typeCode: "amber")
        draft.observedMillis = Fixtures.now + 86_400_001
        draft.location = GeoPoint(latitude: 91, longitude: 0)
        draft.goodsDescription = " "
        draft.quantity = -1
        draft.estimatedValueEUR = 1e9 + 1
        draft.vehiclePlate = "ABCDEFGHIJKLMNOPQ"  // 17 characters
        draft.vehicleCountry = "lt"
        draft.notes = String(repeating: "x", count: 4001)
        let fields = draft.validate(catalog: .standard, nowMillis: Fixtures.now).map(\.field)
        #expect(fields == [.time, .location, .type, .goods, .quantity, .valueEUR, .plate, .country, .notes])
    }

    @Test func testLimitsAreInclusive() {
        var draft = Fixtures.draft()
        draft.observedMillis = Fixtures.now + 86_400_000
        draft.estimatedValueEUR = 1e9
        draft.quantity = 0
        draft.vehiclePlate = "ABCDEFGHIJKLMNOP"  // 16 characters
        #expect(draft.validate(catalog: .standard, nowMillis: Fixtures.now).isEmpty)
        draft.vehiclePlate = "AB/12"
        #expect(draft.validate(catalog: .standard, nowMillis: Fixtures.now).map(\.field) == [.plate])
    }

    @Test func testRecordingAnInvalidDraftThrowsWithIssues() {
        var draft = Fixtures.draft()
        draft.quantity = .nan
        #expect {
            try Violation(id: 1, draft: draft, catalog: .standard, nowMillis: Fixtures.now)
        } throws: { error in
            (error as? ViolationError)?.code == .invalidDraft && (error as? ViolationError)?.issues.map(\.field) == [.quantity]
        }
    }

    @Test func testStatusLifeCycle() throws {
        var v = try Violation(id: 5, draft: Fixtures.draft(), catalog: .standard, nowMillis: Fixtures.now)
        #expect(v.status == .recorded && v.version == 1 && v.createdMillis == Fixtures.now)
        try v.move(to: .confirmed, expectedVersion: 1, nowMillis: Fixtures.now + 10)
        #expect(v.status == .confirmed && v.version == 2 && v.updatedMillis == Fixtures.now + 10)
        #expect(throws: ViolationError.self) { try v.move(to: .recorded, expectedVersion: 2, nowMillis: Fixtures.now + 20) }
        try v.move(to: .closed, expectedVersion: 2, nowMillis: Fixtures.now + 30)
        #expect(v.status == .closed && v.version == 3)
        #expect(throws: ViolationError.self) { try v.move(to: .confirmed, expectedVersion: 3, nowMillis: Fixtures.now + 40) }

        var direct = try Violation(id: 6, draft: Fixtures.draft(), catalog: .standard, nowMillis: Fixtures.now)
        try direct.move(to: .closed, expectedVersion: 1, nowMillis: Fixtures.now)
        #expect(direct.status == .closed)
        #expect(ViolationStatus.confirmed.refusal(movingTo: .recorded)?.contains("cannot go back") == true)
        #expect(ViolationStatus.closed.refusal(movingTo: .closed) == "the violation is already closed")
    }

    @Test func testStaleEditIsAConflictAndClosedIsFrozen() throws {
        var v = try Violation(id: 9, draft: Fixtures.draft(), catalog: .standard, nowMillis: Fixtures.now)
        var edit = v.content
        edit.notes = "driver fled"
        try v.edit(edit, expectedVersion: 1, catalog: .standard, nowMillis: Fixtures.now + 5)
        #expect(v.notes == "driver fled" && v.version == 2)

        edit.notes = "second clerk"
        #expect {
            try v.edit(edit, expectedVersion: 1, catalog: .standard, nowMillis: Fixtures.now + 6)
        } throws: { error in
            (error as? ViolationError)?.code == .versionConflict
        }
        #expect(v.notes == "driver fled" && v.version == 2)

        try v.move(to: .closed, expectedVersion: 2, nowMillis: Fixtures.now + 7)
        #expect {
            try v.edit(edit, expectedVersion: 3, catalog: .standard, nowMillis: Fixtures.now + 8)
        } throws: { error in
            (error as? ViolationError)?.code == .closed
        }
    }
}
