import MGISCore
import MGISTasks
import Testing

@Suite struct TaskTemplateTests {
    let template = TaskTemplate(
        id: 99,
        name: "Medininkai morning",
        type: .checkpoint,
        title: "Checkpoint at Medininkai",
        priority: .high,
        area: Fixtures.square,
        assignedUnitIDs: [7],
        checklist: ["Check papers"],
        defaultDurationMillis: 4 * Fixtures.hour,
        recurrence: RecurrenceRule(
            weekdays: [1], startMinuteOfDay: 360, endMinuteOfDay: 600, timeZoneIdentifier: "UTC", firstDay: "2025-06-02")
    )

    @Test func testInstantiateWithoutAWindowStartsNow() throws {
        let draft = template.instantiate(nowMillis: Fixtures.t0)
        #expect(draft.window == TimeWindow(startMillis: Fixtures.t0, endMillis: Fixtures.t0 + 4 * Fixtures.hour))
        #expect(draft.templateID == 99)
        #expect(draft.title == template.title)
        #expect(draft.priority == .high)
        #expect(draft.checklist == ["Check papers"])
        try draft.validate()
    }

    @Test func testInstantiateRecurringMakesOneDraftPerWindow() throws {
        let june2 = Int64(1_748_822_400_000)  // 2025-06-02T00:00:00Z, a Monday
        let drafts = try template.instantiateRecurring(fromMillis: june2, toMillis: june2 + 14 * 24 * Fixtures.hour)
        #expect(drafts.map(\.window.startMillis) == [june2 + 6 * Fixtures.hour, june2 + (7 * 24 + 6) * Fixtures.hour])
        #expect(drafts.allSatisfy { $0.window.durationMillis == 4 * Fixtures.hour })
    }
}
