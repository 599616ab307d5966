/// A table for people: a header and rows, each column as wide as its widest cell, numbers to the
/// right, text to the left, two spaces between columns.
struct TextTable {
  /// A column's title and how its cells line up.
  struct Column {
    var title: String
    var alignRight = false
  }

  var columns: [Column]
  var rows: [[String]] = []

  init(_ columns: [Column]) {
    self.columns = columns
  }

  mutating func add(_ row: [String]) {
    rows.append(row)
  }

  /// The table as lines of text, ending with a newline.
  var text: String {
    let widths = columns.indices.map { index in
      ([columns[index].title] + rows.map { index < $0.count ? $0[index] : "" }).map(\.count).max() ?? 0
    }
    let line = { (cells: [String]) in
      var text = cells.enumerated().map { index, cell in
        let padding = String(repeating: " ", count: max(widths[index] - cell.count, 0))
        return columns[index].alignRight ? padding + cell : cell + padding
      }
      .joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}
