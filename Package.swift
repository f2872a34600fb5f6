// swift-tools-version:6.0
import PackageDescription

// The kernels (Sources/MXLeakyReLUCore/Kernels) are compiled twice on
// x86-64: once inside MXLeakyReLUCore for any x86-64 (the baseline), once
// as MXLeakyReLUKernelsAVX2 for Haswell (x86-64-v3) with 256-bit vectors,
// its sources copied by the KernelSources plugin; the core picks one
// table of entry points at run time (ISA.swift). The R package and the
// C ABI tests build the same way with swiftc (Sources/swiftc.mk).
var coreDependencies: [Target.Dependency] = ["CMXLeakyReLU"]
var kernelTargets: [Target] = []
#if arch(x86_64)
coreDependencies.append("MXLeakyReLUKernelsAVX2")
kernelTargets.append(
  .target(
    name: "MXLeakyReLUKernelsAVX2",
    dependencies: ["CMXLeakyReLU"],
    swiftSettings: [
      .define("MXLR_AVX2"),
      .unsafeFlags(["-target-cpu", "haswell"]),
    ],
    plugins: ["KernelSources"]
  ))
#endif

let package = Package(
  name: "MXLeakyReLUCore",
  products: [
    .library(name: "MXLeakyReLUCore", type: .static, targets: ["MXLeakyReLUCore"]),
  ],
  targets: [
    .target(name: "CMXLeakyReLU"),
    .plugin(name: "KernelSources", capability: .buildTool()),
    .target(name: "MXLeakyReLUCore", dependencies: coreDependencies),
    .testTarget(
      name: "MXLeakyReLUCoreTests",
      dependencies: ["MXLeakyReLUCore", "CMXLeakyReLU"]
    ),
  ] + kernelTargets
)
