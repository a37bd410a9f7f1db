import MGISCore
import MGISTasks
import Testing

@Suite struct TaskResultValidationTests {
    let here = GeoPoint(latitude: 54.65, longitude: 25.25)

    private func violation(type: String = "tobacco", location: GeoPoint? = nil) -> OnTheSpotViolation {
        OnTheSpotViolation(
            type: type,
            goodsDescription: "Cigarettes in the spare wheel",
            quantity: 200,
            quantityUnit: "pcs",
            estimatedValueEUR: 950,
            vehiclePlate: "ABC123",
            vehicleCountry: "LT",
            location: location ?? here,
            observedMillis: Fixtures.t0
        )
    }

    private func fields(_ result: TaskResult) -> [String] {
        do {
            try result.validate()
            return []
        } catch {
            return error.fields
        }
    }

    @Test func testAValidResultPasses() throws {
        try TaskResult(vehiclesChecked: 40, personsChecked: 52, outcome: .violationsFound, violations: [violation()]).validate()
    }

    @Test func testNoFindingsCannotCarryAViolation() {
        #expect(fields(TaskResult(outcome: .noFindings, violations: [violation()])) == ["violations"])
        #expect(fields(TaskResult(outcome: .noFindings)) == [])
    }

    @Test func testIssuesNameTheViolationIndex() {
        var second = violation(type: "", location: GeoPoint(latitude: 95, longitude: 0))
        second.vehicleCountry = "ltu"
        second.quantity = -1
        let result = TaskResult(vehiclesChecked: -1, personsChecked: 100_001, outcome: .violationsFound, violations: [violation(), second])
        #expect(
            fields(result) == [
                "vehiclesChecked", "personsChecked", "violations[1].type", "violations[1].quantity",
                "violations[1].vehicleCountry", "violations[1].location",
            ]
        )
    }

    @Test func testOutcomeRequirements() {
        #expect(fields(TaskResult(outcome: .violationsFound)) == ["violations"])
        #expect(fields(TaskResult(outcome: .notPerformed)) == ["notes"])
        #expect(fields(TaskResult(outcome: .notPerformed, notes: "Road closed by police")) == [])
        #expect(fields(TaskResult(outcome: .notPerformed, findings: "Flooded access road")) == [])
        #expect(fields(TaskResult(personsChecked: 100_000, outcome: .noFindings)) == [])
    }

    @Test func testTextLimits() {
        let long = String(repeating: "n", count: 10_001)
        #expect(fields(TaskResult(outcome: .other, findings: long, notes: long)) == ["findings", "notes"])
        var unitless = violation()
        unitless.quantityUnit = nil
        #expect(fields(TaskResult(outcome: .violationsFound, violations: [unitless])) == ["violations[0].quantityUnit"])
    }
}
