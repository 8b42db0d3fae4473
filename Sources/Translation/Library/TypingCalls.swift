import PythonFrontEnd

/// `typing` and `from __future__ import annotations` in static code. Type hints change nothing at
/// run time, so importing any of typing's names is accepted and annotations written with them are
/// never a reason to refuse; the few names a program can observe keep CPython's run-time meaning.
enum TypingNames {
    /// Every public name of CPython 3.11's `typing` (its `__all__`).
    static let all: Set<String> = [
        "AbstractSet", "Annotated", "Any", "AnyStr", "AsyncContextManager", "AsyncGenerator", "AsyncIterable",
        "AsyncIterator", "Awaitable", "BinaryIO", "ByteString", "Callable", "ChainMap", "ClassVar", "Collection",
        "Concatenate", "Container", "ContextManager", "Coroutine", "Counter", "DefaultDict", "Deque", "Dict",
        "Final", "ForwardRef", "FrozenSet", "Generator", "Generic", "Hashable", "IO", "ItemsView", "Iterable",
        "Iterator", "KeysView", "List", "Literal", "LiteralString", "Mapping", "MappingView", "Match",
        "MutableMapping", "MutableSequence", "MutableSet", "NamedTuple", "Never", "NewType", "NoReturn",
        "NotRequired", "Optional", "OrderedDict", "ParamSpec", "ParamSpecArgs", "ParamSpecKwargs", "Pattern",
        "Protocol", "Required", "Reversible", "Self", "Sequence", "Set", "Sized", "SupportsAbs", "SupportsBytes",
        "SupportsComplex", "SupportsFloat", "SupportsIndex", "SupportsInt", "SupportsRound", "TYPE_CHECKING",
        "Text", "TextIO", "Tuple", "Type", "TypeAlias", "TypeGuard", "TypeVar", "TypeVarTuple", "TypedDict",
        "Union", "Unpack", "ValuesView", "assert_never", "assert_type", "cast", "clear_overloads",
        "dataclass_transform", "final", "get_args", "get_origin", "get_overloads", "get_type_hints",
        "is_typeddict", "no_type_check", "no_type_check_decorator", "overload", "reveal_type",
        "runtime_checkable",
    ]

    /// The features `from __future__ import …` accepts; every one is already on in Python 3.11.
    static let futureFeatures: Set<String> = [
        "nested_scopes", "generators", "division", "absolute_import", "with_statement", "print_function",
        "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
    ]
}

extension BodyTranslator {
    /// A module-level constant read as a value: `TYPE_CHECKING` is `False` when a program runs.
    func moduleConstant(_ qualified: String) -> Code? {
        switch qualified {
        case "typing.TYPE_CHECKING": Code("false", .bool)
        default: nil
        }
    }

    func typingCall(_ qualified: String, _ args: [Expr], _ keywords: [Keyword], line: Int) throws -> Code? {
        guard qualified.hasPrefix("typing.") else { return nil }
        switch qualified {
        case "typing.cast":
            // `cast(T, x)` is `x`; the type argument is never evaluated as a value.
            guard args.count == 2, keywords.isEmpty else {
                throw refuse("typing.cast", "cast takes a type and a value", at: line)
            }
            return try expression(args[1])
        case "typing.reveal_type", "typing.assert_type":
            // Both return their (first) argument unchanged at run time; reveal_type also reports
            // the run-time type on stderr, which only the dynamic translation can name.
            guard qualified == "typing.assert_type", args.count == 2 else {
                throw refuse(qualified, "\(qualified) builds a run-time typing object; only the dynamic translation carries it", at: line)
            }
            return try expression(args[0])
        default:
            throw refuse(qualified, "\(qualified) builds a run-time typing object; only the dynamic translation carries it", at: line)
        }
    }
}
