import Foundation

/// Runs `body` on a thread with a 1 GiB stack (reserved, not committed) and waits for it: Python
/// allows 1000 nested calls, and each goes through several Swift frames of the dynamic runtime, more
/// than the 8 MiB main thread holds. The thread keeps the caller's lane name.
public func runWithLargeStack<Result>(_ body: () throws -> Result) throws -> Result {
    if LargeStack.isLargeStackThread { return try body() }
    return try withoutActuallyEscaping(body) { escapable in
        let call = UncheckedSendable(LargeStack.Call(escapable))
        let lane = Lane.current
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Lane.nameCurrentThread(lane)
            LargeStack.isLargeStackThread = true
            call.value.run()
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        return try call.value.outcome!.get()
    }
}

enum LargeStack {
    /// The body and, once run, its outcome. The body is dropped before the caller is woken: the thread
    /// object may hold its closure a while after, and `withoutActuallyEscaping` traps when the body
    /// outlives it.
    final class Call<Value> {
        private var body: (() throws -> Value)?
        var outcome: Swift.Result<Value, any Error>?

        init(_ body: @escaping () throws -> Value) { self.body = body }

        func run() {
            guard let body else { return }
            self.body = nil
            outcome = Swift.Result { try body() }
        }
    }

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
