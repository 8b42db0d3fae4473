/// Dendron's hierarchy: `python.async.tasks` sits under `python.async`, which sits under `python`.
struct Hierarchy {
    struct Node {
        var segment: String
        var fullName: String
        var entry: VaultIndex.Entry?
        var children: [Node]
    }

    static func build(from entries: [VaultIndex.Entry]) -> [Node] {
        let root = MutableNode(segment: "", fullName: "")
        for entry in entries {
            var node = root
            var prefix: [Substring] = []
            for segment in entry.name.split(separator: ".", omittingEmptySubsequences: false) {
                prefix.append(segment)
                node = node.child(String(segment), fullName: prefix.joined(separator: "."))
            }
            node.entry = entry
        }
        return root.frozen().children
    }

    private final class MutableNode {
        let segment: String
        let fullName: String
        var entry: VaultIndex.Entry?
        var children: [MutableNode] = []
        var childByName: [String: MutableNode] = [:]

        init(segment: String, fullName: String) {
            self.segment = segment
            self.fullName = fullName
        }

        func child(_ segment: String, fullName: String) -> MutableNode {
            if let existing = childByName[segment] { return existing }
            let node = MutableNode(segment: segment, fullName: fullName)
            childByName[segment] = node
            children.append(node)
            return node
        }

        func frozen() -> Node {
            Node(segment: segment, fullName: fullName, entry: entry, children: children.map { $0.frozen() })
        }
    }
}
