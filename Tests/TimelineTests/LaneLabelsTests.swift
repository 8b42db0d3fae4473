import Testing
@testable import Timeline

@Suite struct LaneLabelsTests {
    @Test(arguments: [
        ("Thread-3 (worker)", "Thread-64 (worker)", "Thread-3..64 (worker)"),
        ("Thread-10 (w)", "Thread-19 (w)", "Thread-10..19 (w)"),
        ("ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_4", "ThreadPoolExecutor-0_0..4"),
        ("ThreadPoolExecutor-0_10", "ThreadPoolExecutor-0_14", "ThreadPoolExecutor-0_10..14"),
        ("Task-1", "Task-1", "Task-1"),
        ("alpha", "omega", "alpha..omega"),
        ("Task-1 (fetch)", "Task-9 (parse)", "Task-1 (fetch)..Task-9 (parse)"),
    ])
    func foldedNamesKeepNumbersWhole(first: String, last: String, folded: String) {
        #expect(LaneLabels.folded(first: first, last: last) == folded)
    }

    @Test func cutNamesStayDistinctAndKeepTheirSuffix() {
        let names = (0..<5).map { ("ThreadPoolExecutor-1_\($0)", "") } + [("Thread-3..66 (do_something)", " x64")]
        let labels = LaneLabels.fitted(names, width: 14, ellipsis: "~")
        #expect(Set(labels).count == names.count)
        #expect(labels.allSatisfy { $0.count <= 14 })
        // As much of the beginning as keeps the labels apart.
        #expect(labels[0] == "ThreadPoolEx~0")
        #expect(labels[5].hasSuffix(" x64") && labels[5].contains("~"))
    }

    @Test func aCutLeavesNoSpaceBesideTheMark() {
        let labels = LaneLabels.fitted([("Thread-1 (backup)", ""), ("Thread-2 (restore)", "")], width: 10, ellipsis: "~")
        #expect(labels == ["Thread-1~", "Thread-2~"])
    }

    @Test func shortNamesAreLeftAlone() {
        #expect(LaneLabels.fitted([("MainThread", ""), ("T", "")], width: 12, ellipsis: "…") == ["MainThread", "T"])
    }
}
