import CmarkArena
import SeededRandom
import Testing
@testable import NoteReading

/// The allocator cmark parses each note into: memory handed out must behave as malloc's would.
@Suite struct CmarkArenaTests {
    @Test func callocZeroesReallocKeepsContentsAndEndReleasesEverything() {
        #expect(loom_arena_begin() == 0)
        defer { loom_arena_end() }
        var random = SeededGenerator(seed: 11)
        var live: [(pointer: UnsafeMutableRawPointer, size: Int, fill: UInt8)] = []
        for step in 0..<5_000 {
            let choice = Int.random(in: 0..<10, using: &random)
            if choice < 4 || live.isEmpty {
                // Mostly small, now and then past the size that gets a block of its own.
                let size = Int.random(in: 0..<8, using: &random) == 0 ? Int.random(in: 60_000...200_000, using: &random) : Int.random(in: 1...300, using: &random)
                let pointer = loom_arena_calloc(1, size)!
                #expect(UnsafeRawBufferPointer(start: pointer, count: size).allSatisfy { $0 == 0 }, "step \(step)")
                let fill = UInt8(truncatingIfNeeded: step)
                pointer.initializeMemory(as: UInt8.self, repeating: fill, count: size)
                live.append((pointer, size, fill))
            } else if choice < 7 {
                let position = Int.random(in: 0..<live.count, using: &random)
                let old = live[position]
                let size = max(1, old.size * Int.random(in: 1...3, using: &random) / 2 + Int.random(in: 0...100, using: &random))
                let pointer = loom_arena_realloc(old.pointer, size)!
                let kept = min(old.size, size)
                #expect(UnsafeRawBufferPointer(start: pointer, count: kept).allSatisfy { $0 == old.fill }, "step \(step)")
                pointer.initializeMemory(as: UInt8.self, repeating: old.fill, count: size)
                live[position] = (pointer, size, old.fill)
            } else {
                let old = live.remove(at: Int.random(in: 0..<live.count, using: &random))
                loom_arena_free(old.pointer)
            }
            // Nothing still in use was overwritten by another allocation.
            if step % 500 == 0 {
                for entry in live {
                    #expect(UnsafeRawBufferPointer(start: entry.pointer, count: entry.size).allSatisfy { $0 == entry.fill }, "step \(step)")
                }
            }
        }
        #expect(loom_arena_reserved_bytes() > 0)
    }

    @Test func arenasDoNotNestAndEndReleasesTheirMemory() {
        #expect(loom_arena_begin() == 0)
        #expect(loom_arena_begin() == -1)
        _ = loom_arena_calloc(1, 1_000_000)
        #expect(loom_arena_reserved_bytes() >= 1_000_000)
        loom_arena_end()
        #expect(loom_arena_reserved_bytes() == 0)
        #expect(loom_arena_begin() == 0)
        loom_arena_end()
    }

    @Test func aNoteReadWhileThisThreadsArenaIsOpenIsReadWithMalloc() {
        let text = Array("---\ntitle: t\n---\n# Head\n\nSee [[a.b]], ![p](p.png) and https://e.org.\n\n```py\nx = 1\n```\n".utf8)
        let inArena = NoteReader.read(text, path: "n.md")
        #expect(loom_arena_begin() == 0)
        let withMalloc = NoteReader.read(text, path: "n.md")
        loom_arena_end()
        #expect(withMalloc.body == inArena.body)
        #expect(withMalloc.wikiLinks == inArena.wikiLinks)
        #expect(withMalloc.images == inArena.images)
        #expect(withMalloc.snippets.map(\.code) == ["x = 1\n"])
        #expect(inArena.body.contains(.wikiLink(0)) && inArena.body.contains(.image(0)) && inArena.body.contains(.snippet(1)))
    }
}
