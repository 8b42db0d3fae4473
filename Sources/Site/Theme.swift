import Mustache

/// The templates and stylesheet a site is rendered with; a user's `--theme` folder may replace any of them.
public struct Theme: Sendable {
    /// File names a theme folder may hold, each replacing the default of the same name.
    public static let fileNames = ["layout.mustache", "note.mustache", "index.mustache", "style.css"]

    let library: MustacheLibrary
    public let stylesheet: String
    /// What replaced Loom's own files (file name → contents); with Loom's version, all that decides how pages look.
    public let overrides: [String: String]
    /// Loom's own templates, where the theme keeps them, pre-split for speed; a user's go through the library.
    private let compiled: [String: CompiledTemplate]

    /// Builds a theme from the defaults with `overrides` (file name → contents) put in their place.
    public init(overrides: [String: String] = [:]) throws(ThemeError) {
        var library = MustacheLibrary()
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in DefaultTheme.templates {
            let fileName = name + ".mustache"
            if overrides[fileName] == nil { compiled[name] = CompiledTemplate(text) }
            do {
                try library.register(overrides[fileName] ?? text, named: name)
            } catch {
                throw ThemeError(file: fileName, message: "\(error)")
            }
        }
        self.library = library
        self.compiled = compiled
        self.stylesheet = overrides["style.css"] ?? DefaultTheme.stylesheet + BrowsingStyles.css
        self.overrides = overrides
    }

    func render(_ context: [String: Any], template: String) -> String {
        if let rendered = compiled[template]?.render(context) { return rendered }
        return library.render(context, withTemplate: template) ?? ""
    }

    func renderBytes(_ context: [String: Any], template: String) -> [UInt8] {
        if let rendered = compiled[template]?.renderBytes(context) { return rendered }
        return Array((library.render(context, withTemplate: template) ?? "").utf8)
    }
}

public struct ThemeError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): template does not parse: \(message)" }
}
