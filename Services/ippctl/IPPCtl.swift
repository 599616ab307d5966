internal import ArgumentParser

/// ippctl: the command line for ops and admins. Typed commands for the daily jobs (filling
/// progress, filing, verifying, importing, tokens, scores, the websites, alerts, notifications),
/// with tables for people and `--json` for scripts; `call` for any method of any IPP service, as
/// grpcurl does for gRPC, with JSON in and out; shortcuts for health checks and backups.
@main
struct IPPCtl: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ippctl",
    abstract: "Call IPP services from the shell.",
    discussion: """
      Each command calls the service its methods belong to on 127.0.0.1 and its default port, or \
      at $IPP_INTAKE_ADDRESS, $IPP_SCORING_ADDRESS, $IPP_MONITOR_ADDRESS, $IPP_NOTIFY_ADDRESS \
      (HOST:PORT) where set; --target HOST:PORT calls another. The bearer token is read from --token-file, \
      $IPP_TOKEN_FILE or ./var/admin.token (what `make run` writes), never from the command line. \
      Times are shown in each region's own zone (WIB, WITA, WIT).

      Exit status: 0 when the call succeeded; 64 + the gRPC status code when it failed (69 for \
      NOT_FOUND, 71 for PERMISSION_DENIED, 73 for FAILED_PRECONDITION, 80 for UNAUTHENTICATED), \
      as grpcurl does; 64 for a usage error; 65 when an import found problems (nothing written); \
      1 for anything else.
      """,
    subcommands: [
      ProgressCommand.self, ProvinceSummaryCommand.self, DeadlineCommand.self, ValuesCommand.self,
      SaveCommand.self, SubmitCommand.self, VerifyCommand.self, ReturnCommand.self, ReopenCommand.self,
      ImportCommand.self, ExtendCommand.self, SetDeadlineCommand.self, TokensCommand.self,
      ScoreCommand.self, ExplainCommand.self, DistributionCommand.self, RankingCommand.self,
      SitesCommand.self, SiteActivityCommand.self, AlertsCommand.self, AcknowledgeCommand.self,
      SilenceCommand.self, NotificationsCommand.self, HealthCommand.self, BackupCommand.self,
      ListBackupsCommand.self, CallCommand.self,
    ]
  )
}
