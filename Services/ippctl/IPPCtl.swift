internal import ArgumentParser

/// ippctl: the command line for ops and admins. Calls any method of any IPP service, as grpcurl
/// does for gRPC, with JSON in and out; typed commands for the daily jobs (the websites, a
/// province's website report, alerts, silences, notifications), with tables for people and
/// `--json` for scripts; shortcuts for health checks and backups.
@main
struct IPPCtl: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ippctl",
    abstract: "Call IPP services from the shell.",
    discussion: """
      Requests and responses are JSON; on the wire they are CBOR. The bearer token is read from \
      --token-file, $IPP_TOKEN_FILE or ./var/admin.token (what `make run` writes), never from the \
      command line.

      Exit status: 0 when the call succeeded; 64 + the gRPC status code when it failed (69 for \
      NOT_FOUND, 80 for UNAUTHENTICATED), as grpcurl does; 64 for a usage error; 1 for anything else.
      """,
    subcommands: [
      CallCommand.self, SitesCommand.self, SiteActivityCommand.self, AlertsCommand.self,
      AcknowledgeCommand.self,
      SilenceCommand.self, NotificationsCommand.self, HealthCommand.self, BackupCommand.self,
      ListBackupsCommand.self,
    ]
  )
}
