import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite struct ThemeTests {
    @Test func siteFilesReplaceDefaultsOfTheSameName() {
        let files = Theme.resolve(defaults: ["layout.mustache": "L", "home.mustache": "H", "style.css": "S"],
                                  overrides: ["home.mustache": "mine", "extra.mustache": "E"])
        #expect(files["home.mustache"]?.text == "mine")
        #expect(files["home.mustache"]?.path == "templates/home.mustache")
        #expect(files["home.mustache"]?.isOverride == true)
        #expect(files["layout.mustache"]?.text == "L\n")
        #expect(files["layout.mustache"]?.path == "(built-in) templates/layout.mustache")
        #expect(files["extra.mustache"]?.text == "E")
        #expect(files["style.css"]?.isOverride == false)
    }

    func build(_ overrides: [String: String]) -> (Theme?, [String]) {
        var d = Diagnostics()
        let theme = Theme.build(Theme.resolve(defaults: DefaultTheme.files, overrides: overrides), diagnostics: &d)
        return (theme, d.sorted.map(\.description))
    }

    @Test func theDefaultThemeIsComplete() {
        let (theme, errors) = build([:])
        #expect(theme != nil)
        #expect(errors.isEmpty)
    }

    @Test func aMissingPartialIsAnErrorWithItsPosition() {
        let (theme, errors) = build(["team.mustache": "{{<layout}}{{$content}}\n  <p>{{> team-card }}</p>\n{{/content}}{{/layout}}\n"])
        #expect(theme == nil)
        #expect(errors == ["templates/team.mustache:2:6: error: template names the partial 'team-card', but there is no template 'team-card.mustache'"])
    }

    @Test func aMissingParentSuggestsTheClosestName() {
        let (_, errors) = build(["page.mustache": "{{<layuot}}{{/layuot}}\n"])
        #expect(errors == ["templates/page.mustache:1:1: error: template names the parent 'layuot', but there is no template 'layuot.mustache'; did you mean 'layout'?"])
    }

    @Test func aSyntaxErrorNamesFileAndLine() {
        let (theme, errors) = build(["value.mustache": "<h1>{{title}}</h1>\n{{#value}}\n<p>{{summary}}</p>\n{{/values}}\n"])
        #expect(theme == nil)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("templates/value.mustache:4:") == true)
        #expect(errors.first?.contains("does not match the section it closes") == true)
    }

    @Test func embeddedDefaultsMatchTheTemplatesFolder() throws {
        let dir = Fixture.repository + "/templates"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == DefaultTheme.files.keys.sorted(), "run 'make theme' after changing templates/")
        for name in names {
            let disk = read(dir + "/" + name)
            #expect(DefaultTheme.files[name].map { $0 + "\n" } == disk, "templates/\(name) differs from the built-in copy; run 'make theme'")
        }
    }
}
