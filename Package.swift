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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C interop: poppler-glib (and through it glib, gobject and cairo).
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libglib2.0-dev"])]
        ),
        // C interop: tesseract's C API (OCR of image-only pages and field re-reading). Headers
        // only: the library is opened at run time when a page first needs OCR (OCR/TesseractLibrary.swift).
        .systemLibrary(
            name: "CTesseract",
            providers: [.apt(["libtesseract-dev", "tesseract-ocr-eng"])]
        ),
        // C interop: OpenSSL's libcrypto, for the SHA-256 of every input file.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Safe Swift over tesseract: one engine per worker, words with boxes and confidences.
        .target(name: "OCR", dependencies: ["CTesseract", "PDFText"]),
        // Safe Swift over poppler: documents, pages, glyphs, words, lines, rendering.
        .target(name: "PDFText", dependencies: ["CPoppler", "CCrypto"]),
        // Generic page geometry: label anchors, columns, rows. Knows nothing of Form 4.
        .target(name: "Layout", dependencies: ["PDFText"]),
        // The form: anatomy, field mapping, normalisation, confidence, record model, writers.
        .target(name: "Form4", dependencies: ["PDFText", "Layout", "OCR"]),
        // SQLite output (GRDB): records, and every field's value, confidence, page and box.
        .target(name: "Form4SQLite", dependencies: ["Form4", .product(name: "GRDB", package: "GRDB.swift"),
                                              .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // Batch runs: worker processes, manifest, resumption, shards, merged outputs.
        .target(name: "Batch", dependencies: ["Form4", "Form4SQLite"]),
        .executableTarget(
            name: "form4",
            dependencies: ["Form4", "Batch", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "PDFTextTests", dependencies: ["PDFText"]),
        .testTarget(name: "OCRTests", dependencies: ["OCR"]),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "Form4SQLite"]),
        .testTarget(name: "LayoutTests", dependencies: ["Layout"]),
        .testTarget(name: "Form4Tests", dependencies: ["Form4"], exclude: ["Fixtures"]),
    ]
)
