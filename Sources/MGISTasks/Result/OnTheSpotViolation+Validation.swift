import MGISCore

extension OnTheSpotViolation {
    /// The issues with this violation, with fields under `prefix` (such as `violations[1]`).
    public func validationIssues(prefix: String) -> [ValidationIssue] {
        var issues = ValidationIssues()
        issues.checkText(type, "\(prefix).type", length: ResultLimits.violationTypeLength)
        issues.checkText(goodsDescription, "\(prefix).goodsDescription", length: 0...ResultLimits.maximumTextLength)
        if let quantity, !(quantity.isFinite && quantity >= 0) {
            issues.add("\(prefix).quantity", "must be a non-negative number")
        }
        if quantity != nil, quantityUnit == nil {
            issues.add("\(prefix).quantityUnit", "must be given with a quantity")
        }
        if let quantityUnit {
            issues.checkText(quantityUnit, "\(prefix).quantityUnit", length: ResultLimits.shortCodeLength)
        }
        if let estimatedValueEUR, !(estimatedValueEUR.isFinite && estimatedValueEUR >= 0) {
            issues.add("\(prefix).estimatedValueEUR", "must be a non-negative number")
        }
        if let vehiclePlate {
            issues.checkText(vehiclePlate, "\(prefix).vehiclePlate", length: ResultLimits.shortCodeLength)
        }
        if let vehicleCountry, vehicleCountry.utf8.count != 2 || !vehicleCountry.utf8.allSatisfy({ (65...90).contains($0) }) {
            issues.add("\(prefix).vehicleCountry", "must be a two-letter upper-case ISO 3166 code")
        }
        if !location.isValid {
            issues.add("\(prefix).location", "must be a point on the globe")
        }
        if observedMillis <= 0 {
            issues.add("\(prefix).observedMillis", "must be a time after 1970")
        }
        return issues.issues
    }
}
