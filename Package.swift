// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "form4",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "form4", targets: ["form4"]),
        .library(name: "Form4", targets: ["Form4"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C interop: poppler-glib (and through it glib, gobject and cairo).
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libglib2.0-dev"])]
        ),
        // Safe Swift over poppler: documents, pages, glyphs, words, lines, rendering.
        .target(name: "PDFText", dependencies: ["CPoppler"]),
        // Generic page geometry: label anchors, columns, rows. Knows nothing of Form 4.
        .target(name: "Layout", dependencies: ["PDFText"]),
        // The form: anatomy, field mapping, normalisation, confidence, record model, writers.
        .target(name: "Form4", dependencies: ["PDFText", "Layout"]),
        .executableTarget(
            name: "form4",
            dependencies: ["Form4", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "PDFTextTests", dependencies: ["PDFText"]),
        .testTarget(name: "LayoutTests", dependencies: ["Layout"]),
        .testTarget(name: "Form4Tests", dependencies: ["Form4"], exclude: ["Fixtures"]),
    ]
)
