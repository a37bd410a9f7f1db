import MGISCore
import MGISTasks

/// A patrol's report on a task, as the result form sends it.
struct TaskResultDTO: Codable, Sendable {
    var vehiclesChecked: Int
    var personsChecked: Int
    var outcome: String
    var findings: String?
    var notes: String?
    var violations: [ViolationReportDTO]?
    var checklist: [ChecklistItemDTO]?

    init(_ result: TaskResult) {
        vehiclesChecked = result.vehiclesChecked
        personsChecked = result.personsChecked
        outcome = result.outcome.rawValue
        findings = result.findings
        notes = result.notes
        violations = result.violations.map(ViolationReportDTO.init)
        checklist = result.checklist.map(ChecklistItemDTO.init)
    }

    func result(field: String) throws -> TaskResult {
        guard let outcome = TaskOutcome(rawValue: outcome) else {
            throw APIError.invalidField("\(field).outcome", "must be one of \(TaskOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return TaskResult(
            vehiclesChecked: vehiclesChecked, personsChecked: personsChecked, outcome: outcome,
            findings: findings ?? "", notes: notes ?? "",
            violations: try (violations ?? []).enumerated().map { index, report in
                try report.violation(field: "\(field).violations[\(index)]")
            },
            checklist: (checklist ?? []).map(\.item)
        )
    }
}

struct ChecklistItemDTO: Codable, Sendable {
    var text: String
    var done: Bool

    init(_ item: ChecklistItem) {
        text = item.text
        done = item.done
    }

    var item: ChecklistItem { ChecklistItem(text: text, done: done) }
}

/// A violation found on the spot and reported with the task's result.
struct ViolationReportDTO: Codable, Sendable {
    var type: String
    var goodsDescription: String
    var quantity: Double?
    var quantityUnit: String?
    var estimatedValueEUR: Double?
    var vehiclePlate: String?
    var vehicleCountry: String?
    var location: GeoPointDTO
    var observed: String

    init(_ violation: OnTheSpotViolation) {
        type = violation.type
        goodsDescription = violation.goodsDescription
        quantity = violation.quantity
        quantityUnit = violation.quantityUnit
        estimatedValueEUR = violation.estimatedValueEUR
        vehiclePlate = violation.vehiclePlate
        vehicleCountry = violation.vehicleCountry
        location = GeoPointDTO(violation.location)
        observed = Timestamp.string(violation.observedMillis)
    }

    func violation(field: String) throws -> OnTheSpotViolation {
        guard let observedMillis = Timestamp.millis(observed) else {
            throw APIError.invalidField("\(field).observed", "must be an RFC 3339 time")
        }
        return OnTheSpotViolation(
            type: type, goodsDescription: goodsDescription, quantity: quantity, quantityUnit: quantityUnit,
            estimatedValueEUR: estimatedValueEUR, vehiclePlate: vehiclePlate, vehicleCountry: vehicleCountry,
            location: location.point, observedMillis: observedMillis
        )
    }
}
