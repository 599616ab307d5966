internal import Foundation

/// The words of every page in one language, by key: templates read them as `{{t.key}}`, code
/// through ``subscript(_:)`` and ``format(_:_:)`` (`%1`, `%2` stand for the arguments).
struct Texts: Sendable {
  let language: Language
  /// Every key, in this language.
  let table: [String: String]

  init(_ language: Language) {
    self.language = language
    table = Self.entries.mapValues { language == .indonesian ? $0.id : $0.en }
  }

  subscript(_ key: String) -> String { table[key] ?? key }

  func format(_ key: String, _ arguments: String...) -> String {
    var text = self[key]
    for (index, argument) in arguments.enumerated() {
      text = text.replacingOccurrences(of: "%\(index + 1)", with: argument)
    }
    return text
  }

  private static let entries: [String: (id: String, en: String)] = [
    "app_name": ("Indeks Partisipasi Pemilu", "Election Participation Index"),
    "nav_skip": ("Langsung ke isi", "Skip to content"),
    "nav_national": ("Nasional", "National"),
    "nav_sites": ("Situs web", "Websites"),
    "nav_signout": ("Keluar", "Sign out"),
    "nav_signedin": ("Masuk sebagai", "Signed in as"),
    "signin_title": ("Masuk", "Sign in"),
    "signin_lead": (
      "Masukkan token pribadi yang diberikan admin KPU Anda.",
      "Enter the personal token your KPU admin gave you."
    ),
    "signin_token": ("Token", "Token"),
    "signin_submit": ("Masuk", "Sign in"),
    "signin_refused": (
      "Token tidak dikenal, kedaluwarsa atau dicabut.", "The token is unknown, expired or revoked."
    ),
    "signin_ended": (
      "Sesi Anda berakhir: token ditolak oleh layanan. Silakan masuk lagi.",
      "Your session ended: a service refused the token. Please sign in again."
    ),
    "signin_signedout": ("Anda telah keluar.", "You have signed out."),
    "signin_empty": ("Isi token terlebih dahulu.", "Enter a token first."),
    "forbidden_title": ("Di luar wewenang Anda", "Outside your scope"),
    "forbidden_lead": (
      "Halaman ini bukan untuk wilayah yang dapat Anda lihat.",
      "This page is for a region you may not see."
    ),
    "forbidden_home": ("Ke halaman Anda", "To your page"),
    "notfound_title": ("Halaman tidak ada", "No such page"),
    "notfound_lead": (
      "Kode wilayah itu tidak ada dalam daftar resmi.", "That region code is not on the official list."
    ),
    "notice_down": (
      "%1 tidak dapat dihubungi; bagian ini tidak ditampilkan. Bagian lain tetap terbaru.",
      "%1 cannot be reached; this part is not shown. The other parts are current."
    ),
    "notice_failed": ("%1 menjawab dengan galat: %2", "%1 answered with an error: %2"),
    "notice_noelection": ("Belum ada pemilihan yang dibuka.", "No election has been opened yet."),
    "asof": ("Per", "As of"),
    "election": ("Pemilihan", "Election"),
    "deadline": ("Batas waktu", "Deadline"),
    "filling_title": ("Pengisian IPP", "IPP filling"),
    "filling_region": ("Wilayah", "Region"),
    "filling_state": ("Status", "Status"),
    "filling_filled": ("Terisi", "Filled"),
    "filling_lastactivity": ("Aktivitas terakhir", "Last activity"),
    "filling_timeleft": ("Sisa waktu", "Time left"),
    "filling_late": ("Terlambat", "Late"),
    "filling_kabkota": ("Kab/kota", "Kab/kota"),
    "filling_verified": ("Diverifikasi", "Verified"),
    "filling_submitted": ("Diajukan", "Submitted"),
    "filling_returned": ("Dikembalikan", "Returned"),
    "filling_draft": ("Draf", "Draft"),
    "filling_notStarted": ("Belum mulai", "Not started"),
    "filling_province": ("Provinsi", "Province"),
    "filling_meanfilled": ("Rata-rata terisi", "Mean filled"),
    "filling_own": ("data provinsi sendiri", "the province's own data"),
    "filling_closed": ("ditutup", "closed"),
    "filling_none": ("—", "—"),
    "time_days": ("%1 hari %2 jam", "%1 d %2 h"),
    "time_hours": ("%1 jam %2 menit", "%1 h %2 min"),
    "time_lateby": ("lewat %1", "%1 over"),
    "scores_title": ("Skor IPP", "IPP scores"),
    "scores_distribution": ("Sebaran kategori", "Categories"),
    "scores_chart": (
      "Sebaran kategori %1 wilayah yang sudah diskor", "Categories of the %1 regions scored"
    ),
    "scores_ranking": ("Peringkat", "Ranking"),
    "scores_rank": ("No.", "Rank"),
    "scores_total": ("Skor", "Score"),
    "scores_category": ("Kategori", "Category"),
    "scores_none": ("Belum ada skor.", "No scores yet."),
    "scores_own": ("Skor data provinsi", "Score of the province's own data"),
    "scores_aggregate": ("Rata-rata %1 kab/kota", "Mean of %1 kab/kota"),
    "category_participatory": ("Partisipatif", "Participatory"),
    "category_engagement": ("Keterikatan", "Engagement"),
    "category_involvement": ("Keterlibatan", "Involvement"),
    "region_score": ("Skor dan dimensi", "Score and dimensions"),
    "region_dimension": ("Dimensi", "Dimension"),
    "region_weight": ("Bobot", "Weight"),
    "region_indicator": ("Indikator", "Indicator"),
    "region_raw": ("Nilai", "Value"),
    "region_normalised": ("Skor 0-100", "Score 0-100"),
    "region_contribution": ("Sumbangan", "Contribution"),
    "region_contributions": ("Sumbangan tiap indikator", "What each indicator contributed"),
    "region_fromvalues": ("Dari nilai %1 saat ini.", "From its current %1 values."),
    "region_history": ("Riwayat skor", "Score history"),
    "region_computed": ("Dihitung", "Computed"),
    "region_methodology": ("Metodologi", "Methodology"),
    "region_missing": ("Belum diisi: %1", "Not filled: %1"),
    "region_incomplete": ("belum lengkap", "incomplete"),
    "region_province": ("Provinsi %1", "Province %1"),
    "sites_title": ("Situs web KPU", "KPU websites"),
    "sites_site": ("Situs", "Site"),
    "sites_state": ("Keadaan", "State"),
    "sites_lastpost": ("Unggahan terakhir", "Last post"),
    "sites_daysago": ("%1 hari lalu", "%1 days ago"),
    "sites_today": ("hari ini", "today"),
    "sites_never": ("tidak pernah terlihat", "never seen"),
    "sites_weekly": ("Unggahan per minggu, 12 minggu", "Posts per week, 12 weeks"),
    "sites_weeklyof": ("Unggahan per minggu %1: %2", "Posts per week at %1: %2"),
    "sites_uptime": ("Aktif 30 hari", "Uptime 30 days"),
    "sites_certificate": ("Sertifikat", "Certificate"),
    "sites_certdays": ("%1 hari", "%1 days"),
    "sites_summary": ("%1 mati, %2 basi, %3 sangat tidak aktif", "%1 down, %2 stale, %3 very inactive"),
    "sites_down": ("Mati", "Down"),
    "sites_up": ("Hidup", "Up"),
    "sites_unknown": ("Belum diperiksa", "Not checked yet"),
    "sites_stale": ("basi", "stale"),
    "activity_active": ("aktif", "active"),
    "activity_slowing": ("melambat", "slowing"),
    "activity_inactive": ("tidak aktif", "inactive"),
    "activity_veryInactive": ("sangat tidak aktif", "very inactive"),
    "activity_unknown": ("belum dibaca", "not read yet"),
    "sites_counts": ("Situs", "Sites"),
    "notify_title": ("Pengingat batas waktu", "Deadline reminders"),
    "notify_sent": ("Terkirim", "Sent"),
    "notify_pending": ("Menunggu dikirim", "Waiting to be sent"),
    "notify_next": ("Terjadwal berikutnya", "Scheduled next"),
    "notify_none": ("Tidak ada.", "None."),
  ]
}
