/// The methodologies compiled into the scoring service, oldest first; the last is the default
/// when no file in the methodology directory names a newer one.
///
/// KPU has not published the weights or normalisation of the Pilkada 2024 IPP. These are this
/// project's: the five published dimensions with equal weights, and indicators built from the
/// figures KPU kab/kota hold, normalised with documented goalposts. `pilkada-2024.default-2`
/// scores exactly the indicators of ipp-intake's example catalogue `pilkada-2024.catalogue-1`
/// (a test checks it); `default-1`, its 15-indicator predecessor, stays so that scores made with
/// it can still be explained and recomputed. Files are in `Methodologies/`.
enum BuiltInMethodologies {
  /// Each file's name and bytes.
  static let all: [(name: String, json: [UInt8])] = [
    ("pilkada-2024.default-1.json", PackageResources.pilkada_2024_default_1_json),
    ("pilkada-2024.default-2.json", PackageResources.pilkada_2024_default_2_json),
  ]
}
