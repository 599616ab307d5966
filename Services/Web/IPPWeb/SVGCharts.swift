internal import IPPSchema

/// Charts drawn on the server as inline SVG: no script, no outside file, readable with styles
/// off (each has a text alternative), coloured by the stylesheet's classes.
enum SVGCharts {
  /// One horizontal bar per category, Participatory first, each labelled with its count and share.
  static func distribution(
    _ bars: [(category: Category, count: Int, percent: Double)],
    title: String,
    formats: Formats
  ) -> String {
    let rowHeight = 34
    let labelWidth = 130
    let barSpace = 330
    let largest = max(bars.map(\.count).max() ?? 0, 1)
    var body = ""
    for (row, bar) in bars.enumerated() {
      let top = row * rowHeight
      let width = bar.count == 0 ? 0 : max(2, bar.count * barSpace / largest)
      let name = escape(formats.category(bar.category))
      body += """
        <text x="0" y="\(top + 21)" class="chart-label">\(name)</text>\
        <rect x="\(labelWidth)" y="\(top + 6)" width="\(width)" height="22" class="bar-\(bar.category.rawValue)"/>\
        <text x="\(labelWidth + width + 8)" y="\(top + 22)" class="chart-value">\(bar.count) \
        (\(escape(formats.number(bar.percent, digits: 1)))%)</text>
        """
    }
    let summary = bars.map { "\(formats.category($0.category)) \($0.count)" }.joined(separator: ", ")
    return """
      <svg class="chart" viewBox="0 0 600 \(bars.count * rowHeight)" role="img" \
      aria-label="\(escape(title)): \(escape(summary))"><title>\(escape(title)): \(escape(summary))</title>\(body)</svg>
      """
  }

  /// Posts per week, the oldest week first, as small bars (a week with none shows a baseline).
  static func sparkline(_ weeks: [Int], label: String) -> String {
    let largest = max(weeks.max() ?? 0, 1)
    var bars = ""
    for (index, count) in weeks.enumerated() {
      let height = count == 0 ? 1 : max(3, count * 22 / largest)
      bars += "<rect x=\"\(index * 10)\" y=\"\(24 - height)\" width=\"8\" height=\"\(height)\"/>"
    }
    return """
      <svg class="sparkline" viewBox="0 0 120 24" width="120" height="24" role="img" \
      aria-label="\(escape(label))"><title>\(escape(label))</title>\(bars)</svg>
      """
  }

  /// Text made safe inside SVG's markup and attributes.
  static func escape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
