import LoomCore
import Yams

/// Reads the YAML of a front matter block into a `FrontMatter`, tolerating everything a hand-edited note can hold.
enum FrontMatterReader {
    /// Keys Loom understands; everything else is kept as `extra`.
    private static let knownKeys: Set<String> = ["id", "title", "desc", "created", "updated"]

    static func read(_ block: FrontMatterBlock, file: String) -> (FrontMatter?, [Diagnostic]) {
        if let simple = SimpleFrontMatter.read(block.yaml) { return (simple, []) }
        return readYAML(block, file: file)
    }

    /// The front matter as Yams composes it: every form YAML allows.
    static func readYAML(_ block: FrontMatterBlock, file: String) -> (FrontMatter?, [Diagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: block.yaml)
        } catch {
            let (line, column, problem) = describe(error)
            let location = SourceLocation(file: file, line: block.firstYAMLLine + max(line - 1, 0), column: max(column, 1))
            return (nil, [Diagnostic(.warning, at: location, "front matter is not valid YAML (\(problem)); it is ignored")])
        }
        guard let root else { return (FrontMatter(), []) }
        guard case .mapping(let mapping) = root else {
            let location = self.location(of: root, in: block, file: file)
            return (nil, [Diagnostic(.warning, at: location, "front matter is not a YAML mapping of keys to values; it is ignored")])
        }

        var frontMatter = FrontMatter()
        var diagnostics: [Diagnostic] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            let location = self.location(of: value, in: block, file: file)
            switch key {
            case "id": frontMatter.id = text(of: value, key: key, at: location, into: &diagnostics)
            case "title": frontMatter.title = text(of: value, key: key, at: location, into: &diagnostics)
            case "desc": frontMatter.description = text(of: value, key: key, at: location, into: &diagnostics)
            case "created": frontMatter.created = epochMilliseconds(of: value, key: key, at: location, into: &diagnostics)
            case "updated": frontMatter.updated = epochMilliseconds(of: value, key: key, at: location, into: &diagnostics)
            case "tags":
                frontMatter.tags = tags(of: value)
                frontMatter.extra[key] = summary(of: value)
            default: frontMatter.extra[key] = summary(of: value)
            }
        }
        return (frontMatter, diagnostics)
    }

    private static func text(of node: Node, key: String, at location: SourceLocation, into diagnostics: inout [Diagnostic]) -> String? {
        guard case .scalar(let scalar) = node else {
            diagnostics.append(Diagnostic(.warning, at: location, "front matter '\(key)' should be text, not \(kind(of: node)); it is ignored"))
            return nil
        }
        if scalar.style == .plain, node.null != nil { return nil }
        return scalar.string
    }

    private static func epochMilliseconds(of node: Node, key: String, at location: SourceLocation, into diagnostics: inout [Diagnostic]) -> Int64? {
        if case .scalar(let scalar) = node, let value = Int64(scalar.string.replacingOccurrences(of: "_", with: "")) {
            return value
        }
        diagnostics.append(Diagnostic(
            .warning, at: location,
            "front matter '\(key)' should be a date in epoch milliseconds (like 1693390276992), not '\(summary(of: node))'; it is ignored"
        ))
        return nil
    }

    /// Text for a value of a key Loom does not know; nested values are summarised so aliases cannot make it explode.
    /// `tags: spark`, `tags: [a, b]` or a block list; a tag written with its `#` is the same tag.
    private static func tags(of node: Node) -> [String] {
        let written: [String]
        switch node {
        case .scalar(let scalar): written = node.null != nil && scalar.style == .plain ? [] : scalar.string.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        case .sequence(let sequence): written = sequence.compactMap { $0.scalar?.string }
        default: written = []
        }
        var seen: Set<String> = []
        return written.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private static func summary(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .sequence(let sequence): "(a list of \(sequence.count) items)"
        case .mapping(let mapping): "(a mapping of \(mapping.count) keys)"
        case .alias(let alias): "(an alias of &\(alias.anchor.rawValue))"
        }
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    private static func location(of node: Node, in block: FrontMatterBlock, file: String) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: block.firstYAMLLine) }
        return SourceLocation(file: file, line: block.firstYAMLLine + mark.line - 1, column: mark.column)
    }

    private static func describe(_ error: any Error) -> (line: Int, column: Int, problem: String) {
        guard let yamlError = error as? YamlError else { return (1, 1, "\(error)") }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return (mark.line, mark.column, detail)
        case .reader(let problem, _, _, _):
            return (1, 1, problem)
        default:
            return (1, 1, "\(yamlError)")
        }
    }
}
