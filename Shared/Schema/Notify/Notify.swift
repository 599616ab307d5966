public import RPCCore

/// `ipp.Notify`, served by `ipp-notify`: deadline reminders and alerts, by email and webhook, none
/// lost and none sent twice.
///
/// Recipients per region, province and KPU RI; the reminder schedule around each election's
/// filling deadline (the deadline itself is ipp-intake's); events raised by ipp-monitor, routed,
/// grouped, silenced or acknowledged; and the durable outbox with every delivery attempt.
public enum Notify {
  /// The service's name on the wire: `ipp.Notify/<Method>`.
  public static let serviceName = "Notify"
  /// The RPC port when none is configured.
  public static let defaultPort = 7404
  /// The admin HTTP port (`/healthz`, `/readyz`, `/metrics`) when none is configured.
  public static let defaultAdminPort = 9404

  /// The method descriptors.
  public enum Method {
    /// Reports an event (a site down, recovered, stale; a certificate expiring): routed to the
    /// recipients whose rules match, unless silenced or acknowledged. What ipp-monitor calls.
    public static let raiseEvent = RPCMethod<RaiseEventRequest, RaiseEventResponse>(
      service: serviceName,
      name: "RaiseEvent",
      isIdempotent: true
    )
    /// Mutes an alert until it resolves (admin, or a province admin for its province).
    public static let acknowledge = RPCMethod<AcknowledgeRequest, Alert>(
      service: serviceName,
      name: "Acknowledge",
      isIdempotent: true
    )
    /// Mutes every event its matchers match until it expires.
    public static let silence = RPCMethod<SilenceRequest, Silence>(
      service: serviceName,
      name: "Silence",
      isIdempotent: true
    )
    /// The silences in force, and those ended in the last 7 days.
    public static let silences = RPCMethod<SilencesRequest, SilencesResponse>(
      service: serviceName,
      name: "Silences",
      isIdempotent: true
    )
    /// Ends a silence now.
    public static let endSilence = RPCMethod<EndSilenceRequest, Silence>(
      service: serviceName,
      name: "EndSilence",
      isIdempotent: true
    )
    /// The alerts firing now, and those resolved in the last 7 days.
    public static let alerts = RPCMethod<AlertsRequest, AlertsResponse>(
      service: serviceName,
      name: "Alerts",
      isIdempotent: true
    )
    /// Sets the reminder schedule of an election's filling deadline (admin).
    public static let setDeadline = RPCMethod<SetDeadlineRequest, DeadlineSchedule>(
      service: serviceName,
      name: "SetDeadline",
      isIdempotent: true
    )
    /// The reminder schedule of an election, and the deadline it is kept around.
    public static let deadline = RPCMethod<DeadlineRequest, DeadlineSchedule>(
      service: serviceName,
      name: "Deadline",
      isIdempotent: true
    )
    /// The next notifications the schedule will write, without sending anything.
    public static let preview = RPCMethod<PreviewRequest, PreviewResponse>(
      service: serviceName,
      name: "Preview",
      isIdempotent: true
    )
    /// Notifications written and waiting to be delivered.
    public static let pending = RPCMethod<PendingRequest, NotificationsResponse>(
      service: serviceName,
      name: "Pending",
      isIdempotent: true
    )
    /// Notifications with their whole delivery history (every attempt and the server's reply).
    public static let history = RPCMethod<HistoryRequest, NotificationsResponse>(
      service: serviceName,
      name: "History",
      isIdempotent: true
    )
    /// Notifications given up on: refused for good or failed too many times.
    public static let deadLetters = RPCMethod<DeadLettersRequest, NotificationsResponse>(
      service: serviceName,
      name: "DeadLetters",
      isIdempotent: true
    )
    /// Puts a dead-lettered notification back in the queue.
    public static let resend = RPCMethod<ResendRequest, NotificationRecord>(
      service: serviceName,
      name: "Resend",
      isIdempotent: true
    )
    /// The recipients in the caller's scope, with their channels and rules.
    public static let recipients = RPCMethod<RecipientsRequest, RecipientsResponse>(
      service: serviceName,
      name: "Recipients",
      isIdempotent: true
    )
    /// Adds or changes a recipient.
    public static let setRecipient = RPCMethod<SetRecipientRequest, SetRecipientResponse>(
      service: serviceName,
      name: "SetRecipient",
      isIdempotent: true
    )
    /// Removes a recipient; what was written for it stays in the history.
    public static let removeRecipient = RPCMethod<RemoveRecipientRequest, RecipientsResponse>(
      service: serviceName,
      name: "RemoveRecipient",
      isIdempotent: true
    )
  }
}
