/// The support library's sources, built into Loom so that it can compile them for translated programs
/// wherever it is installed; the build embeds `Sources/LoomSupport` as it is.
public enum SupportLibrarySources {
    /// File name and contents of every source of the support library, sorted by name.
    public static var files: [(name: String, contents: String)] { embedded }
}
