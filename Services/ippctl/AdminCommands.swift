internal import ArgumentParser
internal import Foundation

/// `ippctl health --target scoring`: ipp.Health/Check, which needs no token.
struct HealthCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "health",
    abstract: "Ask a service whether it is serving (ipp.Health/Check)."
  )

  @OptionGroup var options: CommonOptions

  func run() async throws {
    try await MethodCall.run("ipp.Health/Check", json: Data(#"{"service": ""}"#.utf8), options: options)
  }
}

/// `ippctl backup --target scoring`: an online backup of the service's database (admin role).
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "Make an online backup of a service's database now (ipp.Admin/Backup, admin role)."
  )

  @OptionGroup var options: CommonOptions

  func run() async throws {
    try await MethodCall.run("ipp.Admin/Backup", json: Data("{}".utf8), options: options)
  }
}

/// `ippctl backups --target scoring`: the backups a service has made.
struct ListBackupsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backups",
    abstract: "List a service's backups (ipp.Admin/ListBackups, admin role)."
  )

  @OptionGroup var options: CommonOptions

  func run() async throws {
    try await MethodCall.run("ipp.Admin/ListBackups", json: Data("{}".utf8), options: options)
  }
}
