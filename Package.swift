// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "MXLeakyReLUCore",
  products: [
    .library(name: "MXLeakyReLUCore", type: .static, targets: ["MXLeakyReLUCore"]),
  ],
  targets: [
    .target(name: "CMXLeakyReLU"),
    .target(name: "MXLeakyReLUCore", dependencies: ["CMXLeakyReLU"]),
    .testTarget(
      name: "MXLeakyReLUCoreTests",
      dependencies: ["MXLeakyReLUCore", "CMXLeakyReLU"]
    ),
  ]
)
