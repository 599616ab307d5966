internal import ScoringAPI

/// The methodology the scoring service uses when a caller names none.
///
/// KPU has not published the weights or normalisation of the Pilkada 2024 IPP. This default is
/// this project's: the five published dimensions with equal weights, and indicators in each
/// built from the figures KPU does publish (registration, candidacy, campaign, socialisation and
/// voting data), normalised with documented goalposts. Replace it by adding a methodology file
/// (see docs/scoring-api.md); every score names the version it used.
enum DefaultMethodology {
  static let json = """
    {
      "version": "pilkada-2024.default-1",
      "description": "IPP Services default for Pilkada 2024: five equal dimensions, equal indicator weights. Not KPU's weights, which are unpublished.",
      "aggregation": "arithmetic",
      "missingData": "reweight",
      "thresholds": { "engagementFrom": 60, "participatoryAbove": 77.5 },
      "dimensions": [
        { "code": "registrasi", "name": "Registrasi pemilih", "weight": 0.2, "indicators": [
          { "code": "REG-1", "name": "Pemilih terdaftar dibanding penduduk usia pilih", "direction": "higher", "normalisation": { "kind": "ratio" }, "weight": 0.5 },
          { "code": "REG-2", "name": "Tanggapan masyarakat atas DPS per 1.000 pemilih", "direction": "higher", "normalisation": { "kind": "minMax", "min": 0, "max": 5 }, "weight": 0.25 },
          { "code": "REG-3", "name": "Coklit dilaksanakan tepat waktu", "direction": "higher", "normalisation": { "kind": "yesNo" }, "weight": 0.25 }
        ]},
        { "code": "pencalonan", "name": "Pencalonan", "weight": 0.2, "indicators": [
          { "code": "CAL-1", "name": "Jumlah pasangan calon", "direction": "higher", "normalisation": { "kind": "minMax", "min": 1, "max": 4 }, "weight": 0.5 },
          { "code": "CAL-2", "name": "Dukungan calon perseorangan per 1.000 pemilih", "direction": "higher", "normalisation": { "kind": "minMax", "min": 0, "max": 10 }, "weight": 0.25 },
          { "code": "CAL-3", "name": "Sengketa pencalonan", "direction": "lower", "normalisation": { "kind": "minMax", "min": 0, "max": 5 }, "weight": 0.25 }
        ]},
        { "code": "kampanye", "name": "Kampanye", "weight": 0.2, "indicators": [
          { "code": "KAM-1", "name": "Kampanye tatap muka per 10.000 pemilih", "direction": "higher", "normalisation": { "kind": "target", "target": 5 }, "weight": 0.5 },
          { "code": "KAM-2", "name": "Laporan dana kampanye tepat waktu", "direction": "higher", "normalisation": { "kind": "yesNo" }, "weight": 0.25 },
          { "code": "KAM-3", "name": "Pelanggaran kampanye per 10.000 pemilih", "direction": "lower", "normalisation": { "kind": "target", "target": 1 }, "weight": 0.25 }
        ]},
        { "code": "sosialisasi", "name": "Sosialisasi, pendidikan pemilih dan partisipasi masyarakat", "weight": 0.2, "indicators": [
          { "code": "SOS-1", "name": "Kegiatan sosialisasi per 10.000 pemilih", "direction": "higher", "normalisation": { "kind": "target", "target": 10 }, "weight": 0.4 },
          { "code": "SOS-2", "name": "Relawan demokrasi per 10.000 pemilih", "direction": "higher", "normalisation": { "kind": "target", "target": 2 }, "weight": 0.3 },
          { "code": "SOS-3", "name": "Penilaian kualitas pendidikan pemilih (1-5)", "direction": "higher", "normalisation": { "kind": "scale1to5" }, "weight": 0.3 }
        ]},
        { "code": "pemungutan", "name": "Pemungutan suara", "weight": 0.2, "indicators": [
          { "code": "PEM-1", "name": "Partisipasi pemilih (turnout)", "direction": "higher", "normalisation": { "kind": "ratio" }, "weight": 0.5 },
          { "code": "PEM-2", "name": "Suara tidak sah", "direction": "lower", "normalisation": { "kind": "minMax", "min": 0, "max": 0.1 }, "weight": 0.25 },
          { "code": "PEM-3", "name": "Pemilih disabilitas yang menggunakan hak pilih", "direction": "higher", "normalisation": { "kind": "ratio" }, "weight": 0.25 }
        ]}
      ]
    }
    """
}
