import PythonFrontEnd

/// The Swift variables a body's Python locals become: where each is declared, whether it is a
/// `let`, and which Swift name each use refers to.
///
/// A Python name that is bound again in a later `with` block (or at the top of the body, after
/// its earlier uses are over) starts a new Swift variable, so `results` can hold futures in one
/// block and mapped results in the next, each with its own static type.
struct LocalVariables {
    struct Variable {
        var name: String
        var web: Int
        /// Index into `variables` of the variable this one is written into again, if merged.
        var swiftName: String
        /// Declared before this statement (hoisted), or at it (`let x = …`) when `isDeclaredAtStore`.
        var anchor: Position
        var isDeclaredAtStore: Bool
        var storeCount: Int
        var isStoredInLoop: Bool
        var isAugmented: Bool
        var hasMutatingCall: Bool
        var isRead: Bool
        var block: Int
    }

    private(set) var variables: [Variable] = []
    private var webByOccurrence: [OccurrenceKey: Int] = [:]
    let constructBound: Set<String>
    let declaredGlobal: Set<String>
    private let loopBlocks: Set<Int>

    struct OccurrenceKey: Hashable {
        var name: String
        var statement: Position
    }

    /// Plans the body's locals; `excluded` are names that live elsewhere (file-scope state, parameters).
    init(_ body: [Stmt], excluding excluded: Set<String>) {
        let found = NameOccurrences.of(body)
        constructBound = found.constructBound
        declaredGlobal = found.declaredGlobal
        loopBlocks = found.loopBlocks
        var byName: [String: [NameOccurrences.Occurrence]] = [:]
        var order: [String] = []
        for occurrence in found.occurrences
        where !excluded.contains(occurrence.name) && !found.declaredGlobal.contains(occurrence.name) {
            if byName[occurrence.name] == nil { order.append(occurrence.name) }
            byName[occurrence.name, default: []].append(occurrence)
        }
        for name in order {
            let all = byName[name]!
            // Only read, or only mutated in place (`items.append(x)`): a name from outside.
            guard all.contains(where: { $0.kind == .store || $0.kind == .augmentedStore }) else { continue }
            var webs: [[NameOccurrences.Occurrence]] = []
            for occurrence in all {
                let startsNew = occurrence.kind == .store && occurrence.isWholeStatement
                    && occurrence.chain.dropLast().allSatisfy { found.withBlocks.contains($0.block) || $0.block == 0 }
                    && occurrence.chain.last.map { found.withBlocks.contains($0.block) || $0.block == 0 } == true
                    && !(webs.last?.contains { $0.chain.last!.statement == occurrence.chain.last!.statement } ?? false)
                if webs.isEmpty || (startsNew && !webs.last!.isEmpty && Self.hasStore(webs.last!)) {
                    webs.append([])
                }
                webs[webs.count - 1].append(occurrence)
            }
            for (index, web) in webs.enumerated() {
                addVariable(name: name, web: index, occurrences: web)
            }
        }
        // A name bound afresh in the same Swift scope (`values = [1, 2]`, used, then `values = [3]`)
        // is a second variable there: it takes a name of its own, or Swift sees a redeclaration.
        var taken = Set(order).union(excluded)
        for index in variables.indices where variables[index].web > 0 {
            let earlier = variables[..<index].contains {
                $0.name == variables[index].name && $0.block == variables[index].block
            }
            guard earlier else { continue }
            var number = variables[index].web + 1
            while taken.contains("\(variables[index].name)\(number)") { number += 1 }
            let fresh = "\(variables[index].name)\(number)"
            taken.insert(fresh)
            variables[index].swiftName = SwiftNames.identifier(fresh)
        }
    }

    private static func hasStore(_ web: [NameOccurrences.Occurrence]) -> Bool {
        web.contains { $0.kind == .store }
    }

    private mutating func addVariable(name: String, web: Int, occurrences: [NameOccurrences.Occurrence]) {
        var common = occurrences[0].chain.map(\.block)
        for occurrence in occurrences.dropFirst() {
            let blocks = occurrence.chain.map(\.block)
            var length = 0
            while length < common.count, length < blocks.count, common[length] == blocks[length] { length += 1 }
            common = Array(common.prefix(length))
        }
        // `common` are the blocks every use is inside; the variable lives in the last of them.
        let depth = max(common.count - 1, 0)
        let first = occurrences[0]
        let anchor = first.chain[depth].statement
        let declaredAtStore = first.kind == .store && first.isWholeStatement && first.chain.count == depth + 1
        let stores = occurrences.filter { $0.kind == .store }
        // Stored inside a loop that the declaration is outside of. (Not judged by the loop depth
        // of every use: a `for` target of the same name read in its loop is another variable.)
        let storedInLoop = stores.contains { store in store.chain.dropFirst(depth + 1).contains { loopBlocks.contains($0.block) } }
        let variable = Variable(
            name: name, web: web, swiftName: SwiftNames.identifier(name), anchor: anchor,
            isDeclaredAtStore: declaredAtStore,
            storeCount: stores.count,
            isStoredInLoop: storedInLoop && !declaredAtStore,
            isAugmented: occurrences.contains { $0.kind == .augmentedStore },
            hasMutatingCall: occurrences.contains { $0.kind == .mutatingCall },
            isRead: occurrences.contains { $0.kind == .load },
            block: common.last ?? 0
        )
        let index = variables.count
        variables.append(variable)
        for occurrence in occurrences {
            for link in occurrence.chain {
                webByOccurrence[OccurrenceKey(name: name, statement: link.statement)] = index
            }
        }
    }

    /// The variable `name` refers to inside the statement at `statement` (innermost first).
    func variable(_ name: String, in statements: [Position]) -> Int? {
        for position in statements.reversed() {
            if let index = webByOccurrence[OccurrenceKey(name: name, statement: position)] { return index }
        }
        return nil
    }

    func hoisted(before statement: Position) -> [Int] {
        variables.indices.filter { !variables[$0].isDeclaredAtStore && variables[$0].anchor == statement }
    }

    func declared(at statement: Position, name: String) -> Int? {
        variables.indices.first {
            variables[$0].isDeclaredAtStore && variables[$0].anchor == statement && variables[$0].name == name
        }
    }

    mutating func rename(_ index: Int, to swiftName: String) { variables[index].swiftName = swiftName }
}
