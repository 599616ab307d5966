import IPPMonitor
import IPPSchema
import Testing

/// The days KPU pages write, in each of the forms their CMS and their editors use.
struct PostDatesTests {
  static let fetched = try! CalendarDay("2025-05-10")

  static func newest(_ text: String, fetched: CalendarDay = fetched) -> String? {
    PostDates.newest(in: text, fetchedOn: fetched)?.rawValue
  }

  @Test(arguments: [
    ("Kamis (8/5/2025) KPU Kabupaten Sragen menggelar rapat pleno", "2025-05-08"),
    ("Selasa (27/6/2023), bertempat di aula", "2023-06-27"),
    ("<span class=\"date\">(07/10/2022)</span>", "2022-10-07"),
    ("Diposting 9 Mei 2025 oleh Admin", "2025-05-09"),
    ("18 Oktober 2024 | Berita", "2024-10-18"),
    ("3 Agt. 2024", "2024-08-03"),
    ("<lastmod>2025-05-06T08:00:00+07:00</lastmod>", "2025-05-06"),
    ("Jumat ,(9/5) KPU Kota Makassar", "2025-05-09"),
    ("Rabu (22/11) sosialisasi", "2024-11-22"),
    ("JUMAT (9/5)", "2025-05-09"),
    ("Sleman (13/09) - Kelompok perempuan", "2024-09-13"),
    ("Semarang, 6 Oktober 2024- Sebanyak 107 Pegawai", "2024-10-06"),
    ("Klaten (7/5) — Rapat", "2025-05-07"),
    ("Kamis,\u{A0}8\u{A0}Mei\u{A0}2025", "2025-05-08"),
    ("Thu, 08 May 2025 10:00:00 +0700", "2025-05-08"),
  ])
  func eachFormIsRead(text: String, day: String) {
    #expect(Self.newest(text) == day)
  }

  @Test func aListingGivesItsNewestDay() {
    let listing = """
      <div class="post">Senin (5/5/2025) Rapat koordinasi</div>
      <div class="post">9 Mei 2025 Sosialisasi pemilih pemula</div>
      <div class="post">Rabu (30/4/2025) Bimtek PPK</div>
      """
    #expect(PostDates.days(in: listing, fetchedOn: Self.fetched).count == 3)
    #expect(Self.newest(listing) == "2025-05-09")
  }

  @Test func aDayInTheFutureIsAMistakeUnlessItIsTomorrow() {
    #expect(Self.newest("Kamis (8/5/2025) dan 12 Mei 2025") == "2025-05-08")
    #expect(Self.newest("11 Mei 2025, zona WIT") == "2025-05-11")
  }

  @Test func aDayWithoutAYearIsTheLatestNotAfterTheFetch() {
    // Fetched on 10 May: 22/11 is last November, 9/5 this May.
    #expect(Self.newest("Rabu (22/11)") == "2024-11-22")
    // Fetched on 2 January: 30/12 is three days ago.
    #expect(Self.newest("Senin (30/12)", fetched: try! CalendarDay("2026-01-02")) == "2025-12-30")
  }

  @Test func whatIsNotADayIsNotRead() {
    #expect(Self.newest("Skor 3/4 dan (31/2/2025) dan 45 Mei 2025 dan 12 Kucing 2025 dan 2025-13-01") == nil)
    #expect(Self.newest("<html><body>Tidak ada berita</body></html>") == nil)
  }
}
