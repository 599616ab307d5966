/// The language a page is written in: Indonesian unless the viewer switched to English (kept in
/// the `ipp_lang` cookie, which needs no sign-in).
public enum Language: String, Sendable, CaseIterable {
  case indonesian = "id"
  case english = "en"

  /// The cookie's value, if it names a language.
  public init(cookie: String?) {
    self = cookie.flatMap(Language.init(rawValue:)) ?? .indonesian
  }

  /// The other one: what the switch in the header offers.
  var other: Language { self == .indonesian ? .english : .indonesian }

  /// Its own name, as the switch shows it.
  var ownName: String { self == .indonesian ? "Bahasa Indonesia" : "English" }
}
