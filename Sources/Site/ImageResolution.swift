/// What became of an image a note points at; decided by whoever can look at the vault's files.
public enum ImageResolution: Hashable, Sendable {
    /// The file exists in the vault and is copied to this path, relative to the site's root.
    case copied(sitePath: String)
    /// An absolute `http(s)` URL, left for the reader's browser.
    case external(url: String)
    /// No such file in the vault.
    case missing(vaultPath: String)
    /// The target is outside the vault (`../`, an absolute path, a link out) or of a scheme Loom will not show.
    case refused(reason: String)
}
