namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>Every benddao.* and aave-v3.* group of the vector file has a handler, and every handler a group.</summary>
public sealed class BendDaoAaveVectorCoverageTests
{
    [Fact]
    public void EveryOwnedGroupIsHandled_AndPresent()
    {
        var handlers = new BendDaoAaveVectorHandlers();
        string[] inFile = [.. LendingVectors.Groups
            .Select(g => g.GetProperty("id").GetString()!)
            .Where(id => id.StartsWith("benddao.", StringComparison.Ordinal) || id.StartsWith("aave-v3.", StringComparison.Ordinal))];
        string[] handled = [.. handlers.Cases.Keys.Concat(handlers.Sequences.Keys)];

        inFile.Length.ShouldBe(27);
        handled.Order(StringComparer.Ordinal).ShouldBe(inFile.Order(StringComparer.Ordinal));
        BendDaoAaveVectorHandlers.OwnedGroupIds.Order(StringComparer.Ordinal).ShouldBe(inFile.Order(StringComparer.Ordinal));
    }
}
