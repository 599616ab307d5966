public import IntakeAPI
public import MonitorAPI
public import NotifyAPI
public import RPCCore
public import ScoringAPI

/// The four services, as ipp-web calls them: one connection each, shared by every viewer, each
/// call carrying the viewer's own token so the service decides what that viewer may read.
public struct ServiceClients<Caller: RPCCaller>: Sendable {
  public let intake: Intake.Client<Caller>
  public let scoring: Scoring.Client<Caller>
  public let monitor: Monitor.Client<Caller>
  public let notify: Notify.Client<Caller>
  /// How long a page waits for a service before showing it as unavailable.
  public let timeout: Duration

  public init(
    intake: Caller,
    scoring: Caller,
    monitor: Caller,
    notify: Caller,
    timeout: Duration = .seconds(5)
  ) {
    self.intake = Intake.Client(intake)
    self.scoring = Scoring.Client(scoring)
    self.monitor = Monitor.Client(monitor)
    self.notify = Notify.Client(notify)
    self.timeout = timeout
  }

  /// The options of a call made for `session`'s viewer.
  func options(_ session: ViewerSession) -> CallOptions {
    CallOptions(timeout: timeout, metadata: ["authorization": "Bearer \(session.token)"])
  }
}
