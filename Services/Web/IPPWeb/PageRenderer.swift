internal import Foundation
internal import Mustache

/// The page templates, compiled once at start from the copies built into the executable, so a
/// deployed ipp-web reads no template file.
struct PageRenderer: Sendable {
  private let library: MustacheLibrary

  init() throws {
    var library = MustacheLibrary()
    for (name, bytes) in Self.templates {
      try library.register(String(decoding: bytes, as: UTF8.self), named: name)
    }
    self.library = library
  }

  /// `page` rendered with the template `name`.
  func render(_ page: Any, template name: String) -> String {
    library.render(page, withTemplate: name) ?? ""
  }

  private static let templates: [(String, [UInt8])] = [
    ("layout", PackageResources.layout_mustache),
    ("signin", PackageResources.signin_mustache),
    ("message", PackageResources.message_mustache),
    ("national", PackageResources.national_mustache),
    ("province", PackageResources.province_mustache),
    ("sites", PackageResources.sites_mustache),
    ("region", PackageResources.region_mustache),
  ]

  /// The stylesheet every page links, served at `/gaya.css`.
  static let stylesheet = PackageResources.style_css
}
