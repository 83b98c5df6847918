// swift-tools-version:5.10
// What swift-mustache costs per tag, apart from Engage (docs/performance.md, "Round 8").
// Needs the checkout that building Engage makes: run `swift build` in the repository first, then
//   cd scripts/mustache-cost && swift run -c release
import PackageDescription

let package = Package(
    name: "mustache-cost",
    dependencies: [.package(path: "../../.build/checkouts/swift-mustache")],
    targets: [.executableTarget(name: "mustache-cost", dependencies: [.product(name: "Mustache", package: "swift-mustache")])]
)
