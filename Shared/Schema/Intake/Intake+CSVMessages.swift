public import IPPSchema

extension Intake {
  /// `ImportCSV`: many regions' values at once, from a spreadsheet.
  ///
  /// The file travels as one string, which may be as large as the message (4 MiB by default,
  /// `rpc.max_message_bytes`): a national file of 508 kab/kota by 30 indicators is about 0.6 MiB.
  ///
  /// The CSV has a header row naming at least `region` (or `wilayah`), `indicator` (`indikator`)
  /// and `value` (`nilai`), and optionally `comment` (`keterangan`), `missing_reason`
  /// (`alasan`), `evidence_url` (`tautan_bukti`) and `evidence_note` (`catatan_bukti`); other columns (such as the names `ExportCSV` writes) are ignored and listed.
  /// Separated by `;` with a decimal comma (what spreadsheets set to Indonesian write) or by `,`
  /// with a decimal point, detected from the header. An empty value is a missing value, whose
  /// reason is `missing_reason` or else `comment`.
  public struct ImportCSVRequest: Codable, Sendable {
    public var election: ElectionID
    /// The file's text (UTF-8; a byte-order mark is ignored), at most 100,000 rows.
    public var csv: String
    /// Check everything and report, writing nothing.
    public var dryRun: Bool
    /// The client's id for this write, as for `SaveValues`.
    public var requestID: String

    public init(election: ElectionID, csv: String, dryRun: Bool, requestID: String) {
      self.election = election
      self.csv = csv
      self.dryRun = dryRun
      self.requestID = requestID
    }
  }

  /// What an import found, and (unless a dry run) wrote.
  public struct ImportReport: Codable, Sendable, Equatable {
    /// A problem with one cell.
    public struct Problem: Codable, Sendable, Equatable {
      /// The row as a spreadsheet numbers it: the header is row 1.
      public var row: Int
      /// The column's name in the header.
      public var column: String
      public var message: String

      public init(row: Int, column: String, message: String) {
        self.row = row
        self.column = column
        self.message = message
      }
    }

    /// The separator detected: `;` or `,`.
    public var separator: String
    /// The decimal mark that goes with it: `,` or `.`.
    public var decimalMark: String
    /// Columns that were not read.
    public var ignoredColumns: [String]
    /// Data rows read (blank ones not counted).
    public var rows: Int
    /// Regions with at least one row.
    public var regions: Int
    /// Values that differ from what is stored: what the import changes (or would).
    public var changes: Int
    /// Every problem, in row order (the first 1,000; `problemCount` counts all).
    public var problems: [Problem]
    public var problemCount: Int
    /// Whether the values were written: never for a dry run or with any problem.
    public var committed: Bool

    public init(
      separator: String,
      decimalMark: String,
      ignoredColumns: [String],
      rows: Int,
      regions: Int,
      changes: Int,
      problems: [Problem],
      problemCount: Int,
      committed: Bool
    ) {
      self.separator = separator
      self.decimalMark = decimalMark
      self.ignoredColumns = ignoredColumns
      self.rows = rows
      self.regions = regions
      self.changes = changes
      self.problems = problems
      self.problemCount = problemCount
      self.committed = committed
    }
  }

  /// `ExportCSV`: an election's values, or its history, as CSV.
  public struct ExportCSVRequest: Codable, Sendable {
    /// What to export.
    public enum Content: String, Codable, Sendable {
      /// The current values: one row per region and indicator filed, with names, state, who and when.
      case values
      /// Every revision of every value: who, when, old and new value, comment.
      case revisions
      /// The audit trail: windows, extensions, submissions, verifications, tokens.
      case events
    }

    /// How numbers and fields are written.
    public enum Format: String, Codable, Sendable {
      /// `,` between fields, a decimal point.
      case comma
      /// `;` between fields, a decimal comma: what a spreadsheet set to Indonesian opens.
      case semicolon
    }

    public var election: ElectionID
    /// Only this province and its kab/kota; all regions in the caller's scope when nil.
    public var province: RegionCode?
    public var content: Content
    public var format: Format

    public init(
      election: ElectionID,
      province: RegionCode? = nil,
      content: Content = .values,
      format: Format = .comma
    ) {
      self.election = election
      self.province = province
      self.content = content
      self.format = format
    }

    /// Decodes a request; `content` and `format` may be left out (values, comma).
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      election = try container.decode(ElectionID.self, forKey: .election)
      province = try container.decodeIfPresent(RegionCode.self, forKey: .province)
      content = try container.decodeIfPresent(Content.self, forKey: .content) ?? .values
      format = try container.decodeIfPresent(Format.self, forKey: .format) ?? .comma
    }
  }

  /// A piece of the export: whole rows, about 256 KiB at most; the first begins with the header
  /// row. The pieces joined in order are the file.
  public struct ExportCSVChunk: Codable, Sendable, Equatable {
    public var csv: String
    /// Data rows in this piece, header not counted.
    public var rows: Int

    public init(csv: String, rows: Int) {
      self.csv = csv
      self.rows = rows
    }
  }
}
