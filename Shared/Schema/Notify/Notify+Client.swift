public import RPCCore

extension Notify {
  /// A typed client of `ipp.Notify`: one function per method, over any ``RPCCaller``.
  public struct Client<Caller: RPCCaller>: Sendable {
    /// What makes the calls.
    public let caller: Caller

    public init(_ caller: Caller) {
      self.caller = caller
    }

    /// Reports an event.
    public func raiseEvent(
      _ request: RaiseEventRequest,
      options: CallOptions = CallOptions()
    ) async throws -> RaiseEventResponse {
      try await caller.unary(Method.raiseEvent, request, options: options)
    }

    /// Mutes an alert until it resolves.
    public func acknowledge(
      _ request: AcknowledgeRequest,
      options: CallOptions = CallOptions()
    ) async throws -> Alert {
      try await caller.unary(Method.acknowledge, request, options: options)
    }

    /// Mutes matching events until the silence ends.
    public func silence(
      _ request: SilenceRequest,
      options: CallOptions = CallOptions()
    ) async throws -> Silence {
      try await caller.unary(Method.silence, request, options: options)
    }

    /// The silences in force and recently ended.
    public func silences(
      _ request: SilencesRequest,
      options: CallOptions = CallOptions()
    ) async throws -> SilencesResponse {
      try await caller.unary(Method.silences, request, options: options)
    }

    /// Ends a silence now.
    public func endSilence(
      _ request: EndSilenceRequest,
      options: CallOptions = CallOptions()
    ) async throws -> Silence {
      try await caller.unary(Method.endSilence, request, options: options)
    }

    /// Firing and recently resolved alerts.
    public func alerts(
      _ request: AlertsRequest,
      options: CallOptions = CallOptions()
    ) async throws -> AlertsResponse {
      try await caller.unary(Method.alerts, request, options: options)
    }

    /// Sets an election's reminder schedule.
    public func setDeadline(
      _ request: SetDeadlineRequest,
      options: CallOptions = CallOptions()
    ) async throws -> DeadlineSchedule {
      try await caller.unary(Method.setDeadline, request, options: options)
    }

    /// An election's reminder schedule and deadline.
    public func deadline(
      _ request: DeadlineRequest,
      options: CallOptions = CallOptions()
    ) async throws -> DeadlineSchedule {
      try await caller.unary(Method.deadline, request, options: options)
    }

    /// The next notifications the schedule will write.
    public func preview(
      _ request: PreviewRequest,
      options: CallOptions = CallOptions()
    ) async throws -> PreviewResponse {
      try await caller.unary(Method.preview, request, options: options)
    }

    /// Notifications waiting to be delivered.
    public func pending(
      _ request: PendingRequest,
      options: CallOptions = CallOptions()
    ) async throws -> NotificationsResponse {
      try await caller.unary(Method.pending, request, options: options)
    }

    /// Notifications with every delivery attempt.
    public func history(
      _ request: HistoryRequest,
      options: CallOptions = CallOptions()
    ) async throws -> NotificationsResponse {
      try await caller.unary(Method.history, request, options: options)
    }

    /// Notifications given up on.
    public func deadLetters(
      _ request: DeadLettersRequest,
      options: CallOptions = CallOptions()
    ) async throws -> NotificationsResponse {
      try await caller.unary(Method.deadLetters, request, options: options)
    }

    /// Puts a dead-lettered notification back in the queue.
    public func resend(
      _ request: ResendRequest,
      options: CallOptions = CallOptions()
    ) async throws -> NotificationRecord {
      try await caller.unary(Method.resend, request, options: options)
    }

    /// The recipients in scope.
    public func recipients(
      _ request: RecipientsRequest,
      options: CallOptions = CallOptions()
    ) async throws -> RecipientsResponse {
      try await caller.unary(Method.recipients, request, options: options)
    }

    /// Adds or changes a recipient.
    public func setRecipient(
      _ request: SetRecipientRequest,
      options: CallOptions = CallOptions()
    ) async throws -> SetRecipientResponse {
      try await caller.unary(Method.setRecipient, request, options: options)
    }

    /// Removes a recipient.
    public func removeRecipient(
      _ request: RemoveRecipientRequest,
      options: CallOptions = CallOptions()
    ) async throws -> RecipientsResponse {
      try await caller.unary(Method.removeRecipient, request, options: options)
    }
  }
}
