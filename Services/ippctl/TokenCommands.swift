internal import ArgumentParser
internal import Foundation
internal import IPPSchema
internal import IntakeAPI
internal import RPC

/// `ippctl tokens issue|list|rotate|revoke`: the personal tokens every service accepts, issued by
/// ipp-intake (ipp.Intake/IssueToken, ListTokens, RotateToken, RevokeToken).
struct TokensCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokens",
    abstract: "Issue, list, rotate and revoke the personal tokens people sign in with.",
    subcommands: [Issue.self, List.self, Rotate.self, Revoke.self]
  )

  /// `ippctl tokens issue operator.sragen --role regency --region 33.14 --out sragen.token`.
  struct Issue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Issue a token; it is shown once, so write it to a file with --out.",
      discussion: """
        Roles: regency (an operator of --region: a kab/kota, or a province's own data), province \
        (the admin of province --region), admin (KPU RI), service, viewer.
        """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "Whose it is: operator.sragen.")
    var name: String

    @Option(help: "regency, province, admin, service or viewer.")
    var role: String

    @Option(help: "The region a regency or province role is limited to.")
    var region: String?

    @Option(help: "Days it is valid: 1 to 400.")
    var validDays: Int = 90

    @OptionGroup var handOver: TokenHandOver

    func run() async throws {
      let request = Intake.IssueTokenRequest(
        name: name,
        role: role,
        region: try region.map(CommonOptions.region),
        validDays: validDays,
        requestID: handOver.write.value
      )
      let issued = try await MethodCall.typed("Intake", options: options) { client in
        try await Intake.Client(client).issueToken(request, options: options.callOptions)
      }
      try handOver.hand(issued)
    }
  }

  /// `ippctl tokens list --region 33`.
  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the tokens you manage, newest first.")

    @OptionGroup var options: CommonOptions

    @Option(help: "Only the tokens of this region or its kab/kota.")
    var region: String?

    @Flag(help: "Revoked and expired tokens too.")
    var all = false

    @Flag(help: "Print the answer as JSON, for scripts.")
    var json = false

    func run() async throws {
      let request = Intake.ListTokensRequest(
        region: try region.map(CommonOptions.region),
        includeInactive: all
      )
      let answer = try await MethodCall.typed("Intake", options: options) { client in
        try await Intake.Client(client).listTokens(request, options: options.callOptions)
      }
      if json { return try MethodCall.printJSON(answer, compact: options.compact) }
      var table = TextTable([
        .init(title: "ID"), .init(title: "NAME"), .init(title: "ROLE"), .init(title: "REGION"),
        .init(title: "ISSUED"), .init(title: "EXPIRES"), .init(title: "LAST USED"), .init(title: "STATE"),
      ])
      for token in answer.tokens {
        let zone = token.region?.region.zone ?? .wib
        let state =
          token.revokedAt.map {
            "revoked " + ZonedTime($0, in: zone).rawValue + (token.replacedBy == nil ? "" : ", rotated")
          }
          ?? (token.expiresAt < Date() ? "expired" : "active")
        table.add([
          token.id, token.name, token.role, token.region?.rawValue ?? "-",
          ZonedTime(token.issuedAt, in: zone).rawValue,
          ZonedTime(token.expiresAt, in: zone).rawValue,
          token.lastUsedAt.map { ZonedTime($0, in: zone).rawValue } ?? "never",
          state,
        ])
      }
      print(table.text, terminator: "")
      print("\(answer.tokens.count) tokens")
    }
  }

  /// `ippctl tokens rotate ID --out sragen.token`.
  struct Rotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Replace a token by a new one for the same owner, role and region; the old one is revoked at once."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The token's id, as `ippctl tokens list` shows it.")
    var id: String

    @Option(help: "Days the new one is valid: 1 to 400.")
    var validDays: Int = 90

    @OptionGroup var handOver: TokenHandOver

    func run() async throws {
      let request = Intake.RotateTokenRequest(
        id: id,
        validDays: validDays,
        requestID: handOver.write.value
      )
      let issued = try await MethodCall.typed("Intake", options: options) { client in
        try await Intake.Client(client).rotateToken(request, options: options.callOptions)
      }
      try handOver.hand(issued)
    }
  }

  /// `ippctl tokens revoke ID --reason "..."`.
  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Revoke a token: every service refuses it within its refresh interval."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The token's id, as `ippctl tokens list` shows it.")
    var id: String

    @Option(help: "Why (kept with the token).")
    var reason: String

    func run() async throws {
      let request = Intake.RevokeTokenRequest(
        id: id,
        reason: reason,
        requestID: WriteID.fresh()
      )
      let record = try await MethodCall.typed("Intake", options: options) { client in
        try await Intake.Client(client).revokeToken(request, options: options.callOptions)
      }
      print("Revoked \(record.id) (\(record.name), \(record.role)).")
    }
  }
}

/// Where a token just made goes, and the id that makes making it safe to run again.
struct TokenHandOver: ParsableArguments {
  @Option(help: "A file to write the token to, readable by its owner only; standard output if not given.")
  var out: String?

  @OptionGroup var write: WriteID

  /// Writes the token to `--out` (mode 0600, never overwriting a file), or prints it; then what it is.
  func hand(_ issued: Intake.IssuedToken) throws {
    let path = out
    let record = issued.record
    let what =
      "\(record.id): \(record.name), \(record.role)\(record.region.map { " of \($0.rawValue)" } ?? ""), "
      + "valid until \(ZonedTime(record.expiresAt, in: record.region?.region.zone ?? .wib).rawValue)"
    guard let path else {
      print(issued.token)
      FileHandle.standardError.write(Data((what + "\n").utf8))
      return
    }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
      FileHandle.standardError.write(
        Data("ippctl: cannot create \(path) (\(String(cString: strerror(errno)))); the token:\n".utf8)
      )
      print(issued.token)
      throw ExitCode.failure
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    handle.write(Data((issued.token + "\n").utf8))
    print("Wrote the token to \(path). \(what)")
  }
}
