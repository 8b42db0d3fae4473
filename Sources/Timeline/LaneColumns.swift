extension LaneModel {
    /// The state drawn in each column of `scale`: whichever covers most of the column's time, or
    /// `nil` where the lane was absent for most of it. Ties go to the state a reader looks for
    /// (sleeping, then waiting, then off CPU) over plain work, and any state over absence.
    func statesByColumn(_ scale: TimeScale) -> [LaneState?] {
        var states = [LaneState?](repeating: nil, count: scale.columns)
        var first = 0
        // One buffer for every column: a page's timelines ask for thousands of columns per lane.
        var coverage = [Double](repeating: 0, count: LaneState.allCases.count)
        for column in 0..<scale.columns {
            let (from, to) = scale.span(ofColumn: column)
            let columnEnd = column == scale.columns - 1 ? max(to, scale.end) : to
            for state in coverage.indices { coverage[state] = 0 }
            while first < segments.count, segments[first].to <= from { first += 1 }
            var index = first
            while index < segments.count, segments[index].from < columnEnd {
                let segment = segments[index]
                let overlap = min(segment.to, columnEnd) - max(segment.from, from)
                if overlap > 0 { coverage[segment.state.rawValue] += overlap }
                index += 1
            }
            let absent = (columnEnd - from) - coverage.reduce(0, +)
            var winner: LaneState?
            for state in LaneState.allCases where coverage[state.rawValue] > 0 {
                guard let best = winner else { winner = state; continue }
                if (coverage[best.rawValue], best.drawingPriority) < (coverage[state.rawValue], state.drawingPriority) { winner = state }
            }
            if let winner, coverage[winner.rawValue] >= absent { states[column] = winner }
        }
        return states
    }
}
