import Foundation
import PackagePlugin

/// Gives a kernel module of one instruction set (MXLeakyReLUKernelsAVX2)
/// the kernel sources of the core (Sources/MXLeakyReLUCore/Kernels),
/// copied at build time, so that one folder of sources serves every
/// instruction set.
@main struct KernelSources: BuildToolPlugin {
  func createBuildCommands(
    context: PluginContext, target: Target
  ) throws -> [Command] {
    guard
      let core = context.package.targets.first(where: {
        $0.name == "MXLeakyReLUCore"
      }) as? SourceModuleTarget
    else { return [] }
    return core.sourceFiles(withSuffix: "swift")
      .filter {
        $0.url.deletingLastPathComponent().lastPathComponent == "Kernels"
      }
      .map { file in
        let name = file.url.lastPathComponent
        let copy = context.pluginWorkDirectoryURL.appending(path: name)
        return .buildCommand(
          displayName: "Kernel source \(name) for \(target.name)",
          executable: URL(fileURLWithPath: "/bin/cp"),
          arguments: [file.url.path, copy.path],
          inputFiles: [file.url], outputFiles: [copy])
      }
  }
}
