import Foundation
import EngageModel
import EngageSource
import EngageRender
import EngageOutput

public struct StarterError: Error, CustomStringConvertible {
    public var description: String
}

/// `engage init`: a small site that builds as it is.
public enum Starter {
    public static let files: [String: String] = [
        // What a build and serve leave in the site's folder, none of it to commit: the output,
        // the work folder and lock beside it, the build cache and serve's folder.
        ".gitignore": """
        /site/
        /.site.engage-next/
        /.site.engage-lock
        /.engage-cache/
        /.engage-serve/
        """,
        "content/site.yml": """
        title: Our People Hub
        organization: Example Ltd
        base_url: /
        currency: USD
        anonymity_threshold: 5
        logo: /img/logo.svg
        """,
        "static/img/logo.svg": """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">
          <circle cx="16" cy="16" r="15" fill="#2b6cb0"/>
          <circle cx="11" cy="13" r="4" fill="#fff"/>
          <circle cx="21" cy="13" r="4" fill="#fff"/>
          <path d="M5 26 Q11 17 16 26 Q21 17 27 26 Z" fill="#fff"/>
        </svg>
        """,
        "content/values/integrity.md": """
        ---
        title: Integrity
        summary: We do what we say, and say what we do.
        order: 1
        behaviours:
          - Tell customers and colleagues the truth, even when it is unwelcome.
          - Own mistakes early and fix them openly.
        ---
        Integrity is the value every other value rests on. See how it shapes the
        [support pathway](../pathways/support.md).
        """,
        "content/values/customer-obsessed.md": """
        ---
        title: Customer obsessed
        summary: We start from what the customer needs.
        order: 2
        behaviours:
          - Listen to the whole problem before solving it.
        ---
        We measure ourselves by the difference we make for customers.
        """,
        "content/pathways/support.md": """
        ---
        title: Customer Support
        family: Customer Experience
        summary: From first-line support to specialist.
        values: [customer-obsessed, integrity]
        levels:
          - id: s1
            title: Support Associate
            summary: Resolves common issues with guidance.
          - id: s2
            title: Senior Support Associate
            summary: Resolves complex issues on their own and helps others.
        competencies:
          - id: product-knowledge
            name: Product knowledge
            theme: Craft
            expectations:
              s1: Knows the core product and where to find answers.
              s2: Writes knowledge-base articles for new features.
          - id: empathy
            name: Empathy
            theme: People
            expectations:
              s1: Acknowledges the customer's feelings before solving the problem.
        ---
        Support is where most careers here begin.
        """,
        "content/teams/support.md": """
        ---
        name: Support
        summary: First-line customer support.
        lead: Alex Morgan
        department: Customer Experience
        region: Remote
        headcount: 12
        pathways: [support]
        programs: [mentoring]
        ---
        The support team answers every customer contact.
        """,
        "content/programs/mentoring.md": """
        ---
        title: Mentoring
        summary: Every new starter is paired with an experienced colleague.
        kind: Mentoring
        frequency: As needed
        cost_per_employee: 150
        started: 2026-01-05
        strengths: [Builds confidence quickly]
        weaknesses: [Depends on mentors having time]
        ---
        Mentors meet their mentees every two weeks for the first three months.
        """,
        "content/pages/about.md": """
        ---
        title: About this hub
        summary: What this site is and how to change it.
        ---
        This site is built by Engage from the Markdown and YAML files in `content/`.
        Edit them, run `engage build`, and publish the `site/` folder. Images, PDFs and other
        files go in `static/` and are copied as they are: the logo below is `static/img/logo.svg`,
        shown with `![Logo](/img/logo.svg)`.

        ![Logo](/img/logo.svg)
        """,
    ]

    public static func create(at directory: String) throws {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw StarterError(description: "'\(directory)' already exists and is not empty; choose a new folder")
        }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let full = joinPath(directory, path)
            do {
                try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: full))
            } catch {
                throw StarterError(description: "cannot write '\(full)': \(error.localizedDescription)")
            }
        }
    }
}
