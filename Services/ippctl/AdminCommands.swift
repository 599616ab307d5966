internal import ArgumentParser

/// `ippctl health --target scoring`: ipp.Health/Check, which needs no token.
struct HealthCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "health", abstract: "Ask a service whether it is serving (ipp.Health/Check).")

  @OptionGroup var options: CommonOptions

  func run() async throws {
    try await CallCommand.parse(forwarding(options) + ["ipp.Health/Check", #"{"service": ""}"#]).run()
  }
}

/// `ippctl backup --target scoring`: an online backup of the service's database (admin role).
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "Make an online backup of a service's database now (ipp.Admin/Backup, admin role).")

  @OptionGroup var options: CommonOptions

  func run() async throws {
    try await CallCommand.parse(forwarding(options) + ["ipp.Admin/Backup"]).run()
  }
}

/// `ippctl backups --target scoring`: the backups a service has made.
struct ListBackupsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backups", abstract: "List a service's backups (ipp.Admin/ListBackups, admin role).")

  @OptionGroup var options: CommonOptions

  func run() async throws {
    try await CallCommand.parse(forwarding(options) + ["ipp.Admin/ListBackups"]).run()
  }
}

/// The common options as arguments again, to hand a shortcut on to `call`.
private func forwarding(_ options: CommonOptions) throws -> [String] {
  guard let target = options.target else {
    throw ValidationError("Say which service: --target scoring (or intake, monitor, notify, HOST:PORT)")
  }
  var arguments = ["--target", target, "--timeout", String(options.timeout)]
  if let tokenFile = options.tokenFile { arguments += ["--token-file", tokenFile] }
  if options.tls { arguments.append("--tls") }
  if let caFile = options.caFile { arguments += ["--ca-file", caFile] }
  if options.compact { arguments.append("--compact") }
  return arguments
}
