import Benchmark
import Foundation
import IPPIntake
import IntakeAPI
import IntakeFixtures
import RPCCore

/// The national CSV import (Pilkada 2024's 508 kab/kota by the catalogue's 30 indicators: 15,240
/// values) through intake's real ImportCSV handler, as a dry run and committed, against the same
/// rows inserted raw into intake's SQLite tables in one transaction in the same run: the floor.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.cpuTotal, .wallClock, .mallocCountTotal],
    maxDuration: .seconds(20),
    maxIterations: 20
  )

  Benchmark("national CSV import, dry run (508 x 30 values)") { benchmark async throws in
    let (intake, regions, catalogue) = try await IntakeFixtures.national()
    let csv = IntakeFixtures.nationalCSV(catalogue, regions: regions)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let report = try await intake.admin.importCSV(
        .init(election: .pilkada2024, csv: csv, dryRun: true, requestID: UUID().uuidString)
      )
      precondition(report.problemCount == 0 && report.changes == 15_240, "\(report.problems.prefix(3))")
    }
  }

  // Each run writes, so each needs a new database: made before the measurement starts (one
  // iteration per run).
  Benchmark("national CSV import, committed (508 x 30 values)") { benchmark async throws in
    let (intake, regions, catalogue) = try await IntakeFixtures.national()
    let csv = IntakeFixtures.nationalCSV(catalogue, regions: regions)
    benchmark.startMeasurement()
    let report = try await intake.admin.importCSV(
      .init(election: .pilkada2024, csv: csv, dryRun: false, requestID: UUID().uuidString)
    )
    benchmark.stopMeasurement()
    precondition(report.committed && report.changes == 15_240)
  }

  Benchmark("raw SQLite insert of the same 15,240 values and revisions, one transaction (the floor)") {
    benchmark async throws in
    let (intake, regions, catalogue) = try await IntakeFixtures.national()
    let rows = regions.enumerated().flatMap { index, region in
      IntakeFixtures.values(catalogue, variant: index).map { (region, $0) }
    }
    benchmark.startMeasurement()
    try IntakeFixtures.insertRaw(rows, into: intake.storage)
    benchmark.stopMeasurement()
  }
}
