// swift-tools-version:6.0
import PackageDescription

// The module layout and the direction of dependencies are described in
// docs/design.md: Terminal has no warehouse code, and Warehouse has no analysis,
// screen or rule code.
let package = Package(
    name: "dotwork",
    products: [
        .executable(name: "dotwork", targets: ["dotwork"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CNcursesw", pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        .target(name: "Text"),
        .target(name: "Warehouse", dependencies: ["CSQLite", "CCrypto", "Text"]),
        .target(name: "Expressions", dependencies: ["Warehouse", "Text"]),
        .target(name: "Analysis", dependencies: ["Warehouse", "Expressions", "Text"]),
        .target(name: "Rules", dependencies: ["Warehouse", "Expressions", "Analysis", "Text"]),
        .target(name: "Terminal", dependencies: ["CNcursesw", "Text"]),
        .target(name: "Workbench", dependencies: ["Terminal", "Analysis", "Expressions", "Rules", "Warehouse", "Text"]),
        .executableTarget(
            name: "dotwork", dependencies: ["Warehouse", "Expressions", "Analysis", "Rules", "Text", "Terminal", "Workbench"]),
        // A demonstration of the Terminal widgets that the end-to-end tests drive in tmux;
        // it is not a product, so `make install` leaves it out.
        .executableTarget(name: "TerminalDemo", dependencies: ["Terminal"]),

        .testTarget(name: "TextTests", dependencies: ["Text", "CNcursesw"]),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse"]),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Text"], path: "Tests/EndToEnd"),
    ]
)
