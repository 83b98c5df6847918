import Mustache

/// A value a template sees: a struct whose keys are listed in one table, `fields`, so that
/// Mustache looks them up without reflection and a test can enumerate every key a context offers
/// (docs/templates.md is checked against them).
///
/// A field's closure returns `nil` for an absent value (Mustache then treats it as false and
/// looks the key up in the enclosing sections). Return optionals as they are, never boxed with
/// `as Any`: an `Optional.none` inside an `Any` counts as present.
public protocol TemplateContext: MustacheParent, Sendable {
    static var fields: [String: @Sendable (Self) -> Any?] { get }
}

extension TemplateContext {
    public func child(named name: String) -> Any? {
        Self.fields[name]?(self)
    }

    /// Every key this context type offers, sorted.
    public static var keys: [String] { fields.keys.sorted() }
}

/// `{}`: a section that is present but has no keys of its own (e.g. a KPI page's `org` without data).
public struct EmptyContext: TemplateContext {
    public static let fields: [String: @Sendable (EmptyContext) -> Any?] = [:]
}

/// A link with a title: `title`, `href`.
public struct TitledLink: TemplateContext, Equatable {
    public var title: String
    public var href: String
    public static let fields: [String: @Sendable (TitledLink) -> Any?] = ["title": { $0.title }, "href": { $0.href }]
}

/// A link with a label: `label`, `href` (breadcrumbs, footer links).
public struct LabeledLink: TemplateContext, Equatable {
    public var label: String
    public var href: String
    public static let fields: [String: @Sendable (LabeledLink) -> Any?] = ["label": { $0.label }, "href": { $0.href }]
}

/// A link with a name: `name`, `href`.
public struct NamedLink: TemplateContext, Equatable {
    public var name: String
    public var href: String
    public static let fields: [String: @Sendable (NamedLink) -> Any?] = ["name": { $0.name }, "href": { $0.href }]
}

/// A link with a title and an optional summary: `title`, `href`, `summary`.
public struct LinkCard: TemplateContext, Equatable {
    public var title: String
    public var href: String
    public var summary: String? = nil
    public static let fields: [String: @Sendable (LinkCard) -> Any?] = [
        "title": { $0.title }, "href": { $0.href }, "summary": { $0.summary },
    ]
}

/// A page's Markdown document: `title`, `summary`, `body` (HTML).
public struct DocumentContext: TemplateContext, Equatable {
    public var title: String
    public var summary: String? = nil
    public var body: String
    public static let fields: [String: @Sendable (DocumentContext) -> Any?] = [
        "title": { $0.title }, "summary": { $0.summary }, "body": { $0.body },
    ]
}
