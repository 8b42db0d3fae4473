/// The characters a text timeline is drawn with, one set per style.
struct Glyphs: Hashable, Sendable {
    var working: Character
    var offCPU: Character
    var waiting: Character
    var sleeping: Character
    var absent: Character = " "
    /// Where a lane started and where it ended.
    var boundary: Character
    /// Where a lane with no end in the trace was still alive as the run ended.
    var stillRunning: Character
    var print: Character
    var axisLine: Character
    var axisTick: Character
    /// Marks a name shortened to fit its column.
    var ellipsis: Character
    /// Between a folded row's name and how many lanes it stands for.
    var times: Character

    static let ascii = Glyphs(
        working: "=", offCPU: "~", waiting: "-", sleeping: ".", boundary: "|", stillRunning: ">",
        print: "*", axisLine: "-", axisTick: "+", ellipsis: "~", times: "x")

    static let unicode = Glyphs(
        working: "█", offCPU: "▄", waiting: "─", sleeping: "░", boundary: "│", stillRunning: ">",
        print: "*", axisLine: "─", axisTick: "┬", ellipsis: "…", times: "×")

    static func of(_ style: TimelineOptions.Style) -> Glyphs {
        switch style {
        case .ascii: .ascii
        case .unicode: .unicode
        }
    }

    func glyph(for state: LaneState) -> Character {
        switch state {
        case .working: working
        case .offCPU: offCPU
        case .waiting: waiting
        case .sleeping: sleeping
        }
    }
}
