// The kernels compiled for AVX2 (Haswell, x86-64-v3): the sources of
// Sources/MXLeakyReLUCore/Kernels, which the KernelSources build plugin
// copies into this module at build time (Package.swift). This file only
// gives the folder a source of its own.
