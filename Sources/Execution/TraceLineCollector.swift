/// Collects the trace stream as whole lines, bounded in memory whatever the child writes.
///
/// Lines longer than `longestLine` (the protocol keeps them under 4 KiB) and lines past the total cap
/// are dropped whole and counted, so a broken or hostile child cannot make Loom hold a huge line.
struct TraceLineCollector {
    let totalCap: Int
    let longestLine: Int
    private(set) var lines: [[UInt8]] = []
    private(set) var droppedLines = 0
    private var keptBytes = 0
    private var current: [UInt8] = []
    private var currentIsOverlong = false

    init(totalCap: Int, longestLine: Int = 64 * 1024) {
        self.totalCap = totalCap
        self.longestLine = longestLine
    }

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        var index = chunk.startIndex
        while index < chunk.endIndex {
            let newline = chunk[index...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? chunk.endIndex
            if !currentIsOverlong {
                if current.count + (end - index) > longestLine {
                    currentIsOverlong = true
                    current = []
                } else {
                    current.append(contentsOf: chunk[index..<end])
                }
            }
            guard let newline else { return }
            endLine()
            index = newline + 1
        }
    }

    mutating func finish() {
        if !current.isEmpty || currentIsOverlong { endLine() }
    }

    private mutating func endLine() {
        if currentIsOverlong || keptBytes + current.count > totalCap {
            droppedLines += 1
        } else if !current.isEmpty {
            keptBytes += current.count
            lines.append(current)
        }
        current = []
        currentIsOverlong = false
    }
}
