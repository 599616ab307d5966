internal import NIOCore

/// Runs tasks on one event loop's thread. A handler registered to run on the event loop starts
/// and, unless it awaits something elsewhere, ends on the thread its call arrived on: no other
/// thread is woken and no hop back is needed.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
  let eventLoop: any EventLoop

  init(eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
