import Hummingbird
import MGISCore
import MGISDispatch
import MGISStore

/// Alerts raised by task monitoring and panic buttons; dispatchers acknowledge them.
struct AlertController {
    let deps: APIDependencies

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/alerts") { request, _, identity in
            let openOnly = request.uri.queryParameters.get("open") == "true"
            var unit: Int64?
            if case .some(let own) = identity.confinedUnit {
                guard let own else { return try JSONResponse.make(ListDTO<AlertDTO>(items: [])) }
                unit = own
            }
            return try JSONResponse.make(ListDTO(items: try await BlockingIO.run { [unit] in
                try deps.store.alerts(openOnly: openOnly, unitID: unit)
            }.map(AlertDTO.init)))
        }
        api.on(.post, "/api/v1/alerts/{id}/acknowledge") { _, context, identity in
            let id = try context.id(what: "alert")
            let userID = identity.user.id
            let alert = try await BlockingIO.run { try TaskController.mapped { try deps.desk.acknowledgeAlert(id: id, by: userID) } }
            return try JSONResponse.make(AlertDTO(alert))
        }
    }
}
