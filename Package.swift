// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Engage",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "engage", targets: ["engage"]),
        .library(name: "EngageCore", targets: ["EngageCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The pipeline, one target per layer; the compiler keeps the dependencies one-way:
        // Source, Render and Output each use only Model; Core (the engine) joins them; engage is the CLI.
        .target(name: "EngageModel"),
        .target(
            name: "EngageSource",
            dependencies: [
                "EngageModel",
                "CCmark",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "EngageRender",
            dependencies: [
                "EngageModel",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "EngageOutput", dependencies: ["EngageModel"]),
        .target(
            name: "EngageCore",
            dependencies: ["EngageModel", "EngageSource", "EngageRender", "EngageOutput"]
        ),
        // `engage serve`: the preview server (FlyingFox), the watcher and live reload.
        .target(
            name: "EngageServe",
            dependencies: [
                "EngageCore", "EngageModel", "EngageOutput",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "engage",
            dependencies: [
                "EngageCore", "EngageModel", "EngageSource", "EngageServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "EngageCoreTests",
            dependencies: ["EngageModel", "EngageSource", "EngageRender", "EngageOutput", "EngageCore", "EngageServe"]
        ),
    ]
)
