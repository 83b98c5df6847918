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
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "EngageCore",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "engage",
            dependencies: [
                "EngageCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "EngageCoreTests",
            dependencies: ["EngageCore"]
        ),
    ]
)
