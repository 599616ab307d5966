import Foundation
import ServiceTestSupport
import TestSupport
import Testing

/// The ipp-web executable as systemd runs it: READY=1 once it listens, a clean stop on SIGTERM,
/// and one line with exit 78 for a setting it cannot use.
struct WebProcessTests {
  @Test func itSaysReadyServesAndStopsCleanlyOnSIGTERM() async throws {
    let (web, port, _) = try await ServiceProcess.ready("ipp-web", arguments: ["--http.port", "0"])
    #expect(try await ServiceProcess.httpGet(port: port, path: "/healthz") == "ok\n")
    web.signal(SIGTERM)
    #expect(await web.waitForExit() == 0, "\(web.errorOutput)")
  }

  @Test func anAddressThatIsNotHostAndPortStopsItWithOneLine() async throws {
    let web = try ServiceProcess("ipp-web", arguments: ["--http.port", "0", "--scoring.address", "scoring"])
    try web.start()
    #expect(await web.waitForExit() == 78)
    #expect(web.errorOutput.contains("scoring.address (configuration): \"scoring\" is not HOST:PORT"))
  }
}
