internal import Foundation
public import Logging
public import RPC

/// The RPC client of another IPP service, as a service's settings describe it: an address
/// setting (`HOST:PORT`) and a file holding the token to call it with. Under systemd a
/// credential of the given name is used when the setting names no file.
public enum PeerClient {
  /// A client of the service at `address` (read from setting `addressKey`), calling with the
  /// token in `tokenFile` (setting `tokenKey`) or credential `credential`; without either it calls
  /// with no token, and says so in a warning saying what `consequence` that has.
  public static func make(
    address: String,
    addressKey: String,
    tokenFile: String?,
    tokenKey: String,
    credential: String,
    consequence: String,
    logger: Logger
  ) throws(ConfigurationError) -> RPCClient {
    let (host, port) = try hostAndPort(address, key: addressKey)
    var token: String? = nil
    if let path = SettingValues.fileOrCredential(tokenFile, credential: credential) {
      do {
        token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines
        )
      } catch {
        throw ConfigurationError(key: tokenKey, source: path, problem: "the token file cannot be read")
      }
    } else {
      logger.warning("no \(tokenKey): \(consequence)")
    }
    return RPCClient(configuration: .init(host: host, port: port, token: token))
  }

  /// The host and port of `address` (`HOST:PORT`), read from setting `key`.
  public static func hostAndPort(
    _ address: String,
    key: String
  ) throws(ConfigurationError) -> (host: String, port: Int) {
    guard let colon = address.lastIndex(of: ":"), colon > address.startIndex,
      let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port)
    else {
      throw ConfigurationError(key: key, source: "configuration", problem: "\"\(address)\" is not HOST:PORT")
    }
    return (String(address[..<colon]), port)
  }
}
