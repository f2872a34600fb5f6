import CMXLeakyReLU
import Testing

/// The act-type registry of the header, read through the C ABI.
@Suite struct RegistryTests {
  @Test func namesNumbersAndTraits() {
    for act in allActs {
      let name = mxlr_act_type_name(act)
      #expect(name != nil)
      if let name { #expect(mxlr_act_type_from_name(name) == act) }
      #expect(mxlr_act_type_traits(act) >= 0)
    }
    #expect(mxlr_act_type_name(Int32(allActs.count)) == nil)
    #expect(mxlr_act_type_traits(Int32(allActs.count)) == -1)
    #expect(mxlr_act_type_traits(-1) == -1)
    #expect(mxlr_act_type_from_name("gelu_erf") == gelu)
    #expect(mxlr_act_type_from_name("no such type") == -1)
  }

  /// Every elementwise type of the registry has a reference formula here
  /// and a kernel (a type without one fails the call with
  /// MXLR_ERR_ACT_TYPE, never MXLR_OK with the output unwritten).
  @Test func everyTypeHasAFormulaAndAKernel() {
    for act in elementwiseActs {
      let v = referenceValue(act, -0.5, slope: 0.3, lower: 0.1, upper: 0.2)
      #expect(!v.isNaN, "no reference formula for act type \(act)")
      var o = mxlr_options(
        act_type: act, threads: 1, slope: 0.3, lower_bound: 0.1,
        upper_bound: 0.2, interrupt: nil, interrupt_data: nil)
      var y = [Double.nan]
      #expect(mxlr_forward_f64([-0.5], &y, 1, &o, nil, 1, 1) == statusOK)
      #expect(close(y[0], v, rel: 1e-12))
    }
  }
}
