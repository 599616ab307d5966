import Foundation
import Logging
import IPPSchema
import RPC
import RPCCore
import ServiceRuntime
import TestSupport
import Testing

/// Configuration: precedence, and one clear line for every bad value.
struct ConfigurationTests {
  private let folder = try! TemporaryDirectory("ipp-configuration")

  private func configuration(
    _ arguments: [String] = [],
    environment: [String: String] = [:]
  )
    throws(ConfigurationError)
    -> ServiceConfiguration
  {
    try ServiceConfiguration(
      service: "ipp-test",
      defaultRPCPort: 7401,
      defaultAdminPort: 9401,
      settings: [
        ServiceSetting("scoring.address", meaning: "ipp-scoring's HOST:PORT", defaultValue: "127.0.0.1:7402"),
        ServiceSetting("scoring.token_file", meaning: "a file"),
      ],
      arguments: arguments,
      environment: environment
    )
  }

  @Test func aServicesOwnSettingsHaveDefaultsAndTheSamePrecedence() throws {
    #expect(try configuration().settings == ["scoring.address": "127.0.0.1:7402"])
    let path = try file("scoring.address = 10.0.0.2:7402\n")
    #expect(try configuration(["--config", path]).settings["scoring.address"] == "10.0.0.2:7402")
    let environment = ["IPP_SCORING_ADDRESS": "10.0.0.3:7402"]
    #expect(
      try configuration(["--config", path], environment: environment).settings["scoring.address"]
        == "10.0.0.3:7402"
    )
    #expect(
      try configuration(["--config", path, "--scoring.address", "10.0.0.4:7402"], environment: environment)
        .settings["scoring.address"] == "10.0.0.4:7402"
    )
    #expect(
      try configuration(["--scoring.token_file", "/etc/ipp/t"]).settings["scoring.token_file"] == "/etc/ipp/t"
    )
    #expect(throws: ConfigurationError.self) { try configuration(["--scoring.address="]) }
  }

  private func file(_ text: String) throws -> String {
    let path = folder.appending("\(UUID()).conf").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func defaultsWithoutSystemd() throws {
    let configuration = try configuration()
    #expect(configuration.rpc.host == "127.0.0.1")
    #expect(configuration.rpc.port == 7401)
    #expect(configuration.adminPort == 9401)
    #expect(configuration.stateDirectory == "var/ipp-test")
    #expect(configuration.tokensFile == "var/tokens")
  }

  @Test func underSystemdStateAndCredentialsComeFromItsVariables() throws {
    let configuration = try configuration(
      environment: [
        "STATE_DIRECTORY": "/var/lib/ipp-test", "CREDENTIALS_DIRECTORY": "/run/credentials/ipp-test.service",
      ])
    #expect(configuration.stateDirectory == "/var/lib/ipp-test")
    #expect(configuration.tokensFile == "/run/credentials/ipp-test.service/tokens")
  }

  @Test func flagsOverEnvironmentOverFile() throws {
    let path = try file("# example\nrpc.port = 1111\nadmin.port = 2222\nlog.level = debug\n")
    let configuration = try configuration(
      ["--config", path, "--rpc.port=3333"],
      environment: ["IPP_ADMIN_PORT": "4444", "IPP_RPC_PORT": "5555"]
    )
    #expect(configuration.rpc.port == 3333)
    #expect(configuration.adminPort == 4444)
    #expect(configuration.logLevel == .debug)
  }

  @Test(arguments: [
    (
      ["--rpc.port", "abc"],
      #"configuration: rpc.port (flag --rpc.port): "abc" is not a port number (0-65535)"#
    ),
    (
      ["--rpc.port=70000"],
      #"configuration: rpc.port (flag --rpc.port): "70000" is not a port number (0-65535)"#
    ),
    (
      ["--log.level", "loud"],
      #"configuration: log.level (flag --log.level): "loud" is not trace, debug, info, notice, warning, error or critical"#
    ),
    (
      ["--rpc.drain_time", "-1"],
      #"configuration: rpc.drain_time (flag --rpc.drain_time): "-1" is not seconds, a positive number"#
    ),
    (["--rpc.colour", "blue"], "configuration: rpc.colour (flag --rpc.colour): there is no such setting"),
    (
      ["--admin.token", "s3cret"],
      "configuration: admin.token (flag --admin.token): there is no such setting: secrets are read from files (tokens.file), never given as values"
    ),
    (["--rpc.port"], "configuration: rpc.port (flag --rpc.port): the flag has no value"),
    (["rpc.port"], "configuration: rpc.port (command line): expected a --key value flag"),
    (
      ["--rpc.tls_certificate", "/etc/ipp/cert.pem"],
      "configuration: rpc.tls_key (configuration): rpc.tls_certificate and rpc.tls_key go together"
    ),
    (
      ["--config", "/nonexistent/ipp.conf"],
      "configuration: config (/nonexistent/ipp.conf): the file cannot be read"
    ),
  ])
  func badValuesNameTheKey(arguments: [String], message: String) {
    #expect(throws: ConfigurationError.self) { try configuration(arguments) }
    do {
      _ = try configuration(arguments)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func badEnvironmentAndFileValuesSayWhere() throws {
    #expect(
      throws: ConfigurationError(
        key: "admin.port",
        source: "environment IPP_ADMIN_PORT",
        problem: #""x" is not a port number (0-65535)"#
      )
    ) {
      try configuration(environment: ["IPP_ADMIN_PORT": "x"])
    }
    let path = try file("rpc.port = 1\nnonsense line\n")
    #expect(
      throws: ConfigurationError(key: "nonsense line", source: "\(path):2", problem: "expected key = value")
    ) {
      try configuration(["--config", path])
    }
  }

  @Test func tokenFileHoldsHashesRolesAndScopes() throws {
    let path = try file(
      "# kpu\n" + TokenFile.line(for: "t-admin", role: .admin, name: "kpu.ri") + "\n"
        + TokenFile.line(for: "t-sragen", role: .regency, name: "operator.sragen", region: "33.14") + "\n"
    )
    let authenticator = try TokenFile.load(path)
    #expect(
      authenticator.principal(forAuthorization: "Bearer t-admin") == Principal(name: "kpu.ri", role: .admin)
    )
    #expect(
      authenticator.principal(forAuthorization: "Bearer t-sragen")
        == Principal(name: "operator.sragen", role: .regency, scope: "33.14")
    )
    #expect(authenticator.principal(forAuthorization: "Bearer t-other") == nil)
    #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains("t-admin"))
  }

  @Test func tokenFileWithABadLineNamesIt() throws {
    let path = try file("abc admin\n")
    #expect(
      throws: ConfigurationError(
        key: "tokens.file",
        source: "\(path):1",
        problem: "expected <sha256 hex> <role> <name> [region]"
      )
    ) {
      try TokenFile.load(path)
    }
  }
}
