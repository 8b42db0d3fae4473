import Foundation

/// Runs `body` on a thread with a 1 GiB stack (reserved, not committed) and waits for it: Python
/// allows 1000 nested calls, and each goes through several Swift frames of the dynamic runtime, more
/// than the 8 MiB main thread holds. The thread keeps the caller's lane name.
public func runWithLargeStack<Result>(_ body: () throws -> Result) throws -> Result {
    if LargeStack.isLargeStackThread { return try body() }
    var outcome: Swift.Result<Result, any Error>?
    withoutActuallyEscaping(body) { escapable in
        let work = UncheckedSendable(escapable)
        let box = UncheckedSendable(LargeStack.Box<Result>())
        let lane = Lane.current
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Lane.nameCurrentThread(lane)
            LargeStack.isLargeStackThread = true
            box.value.outcome = Swift.Result { try work.value() }
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        outcome = box.value.outcome
        _ = escapable
    }
    return try outcome!.get()
}

enum LargeStack {
    final class Box<Value> { var outcome: Swift.Result<Value, any Error>? }
    @TaskLocal static var marker = false
    private static let key = ThreadFlag()
    static var isLargeStackThread: Bool {
        get { key.value }
        set { key.value = newValue }
    }
}

/// A per-thread flag.
final class ThreadFlag: @unchecked Sendable {
    private var keyStorage = pthread_key_t()
    init() { pthread_key_create(&keyStorage, nil) }
    var value: Bool {
        get { pthread_getspecific(keyStorage) != nil }
        set { pthread_setspecific(keyStorage, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }
}
