import Foundation
import IPPSchema
import IntakeAPI
import RPC

extension Intake.Client where Caller == RPCClient {
  /// Opens Pilkada 2024's filling window from a day ago to a day from now, as KPU RI: for tests
  /// of the real executable, which runs on the real clock.
  func openPilkadaWindowAroundNow() async throws {
    let now = Date()
    _ = try await setFillingWindow(
      .init(
        election: .pilkada2024,
        opensAt: ZonedTime(now - 86_400, in: .wib),
        closesAt: ZonedTime(now + 86_400, in: .wib),
        reason: "test"
      )
    )
  }
}
