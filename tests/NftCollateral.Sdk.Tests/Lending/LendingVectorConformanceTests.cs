using Xunit.Abstractions;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// Every group and case of shared/conformance/lending-vectors.json (produced by the protocols' own Solidity on a
/// local EVM), reverts included. Set NFTC_LENDING_VECTORS to run another file of the same groups.
/// </summary>
public sealed class LendingVectorConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> GroupIds() => LendingVectors.GroupIds();

    [Theory]
    [MemberData(nameof(GroupIds))]
    public void Group_AllCasesMatchProtocolSolidity(string groupId)
    {
        (int run, List<string> mismatches) = LendingVectors.Run(groupId);
        output.WriteLine($"{groupId}: {run - mismatches.Count}/{run} cases pass");
        mismatches.ShouldBeEmpty();
        run.ShouldBeGreaterThan(0);
    }
}
