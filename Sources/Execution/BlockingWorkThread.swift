#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain POSIX thread for work that blocks (waiting on a child), kept off Swift's cooperative pool.
final class BlockingWorkThread: @unchecked Sendable {
    private let work: @Sendable () -> Void

    init(_ work: @escaping @Sendable () -> Void) {
        self.work = work
    }

    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            let owner = Unmanaged<BlockingWorkThread>.fromOpaque(context!).takeRetainedValue()
            owner.work()
            return nil
        }, box)
        if result == 0 {
            pthread_detach(thread)
        } else {
            // No thread to be had: do the work here rather than never.
            Unmanaged<BlockingWorkThread>.fromOpaque(box).release()
            work()
        }
    }
}
