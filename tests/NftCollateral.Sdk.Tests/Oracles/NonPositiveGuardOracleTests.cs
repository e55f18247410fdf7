using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class NonPositiveGuardOracleTests
{
    [Theory]
    [InlineData("0.000000000000000001")]
    [InlineData("1")]
    [InlineData("31.5")]
    public async Task GetPriceAsync_PositiveValue_ReturnsQuote(string value)
    {
        PriceQuote quote = Quote(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        var guard = new NonPositiveGuardOracle(FakePriceOracle.Returning(quote));

        (await guard.GetPriceAsync(Bayc)).ShouldBe(quote);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.000000000000000001")]
    [InlineData("-1000000000")]
    public async Task GetPriceAsync_ZeroOrNegative_ThrowsNonPositiveAnswer(string value)
    {
        var guard = new NonPositiveGuardOracle(FakePriceOracle.Returning(Quote(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), source: "opensea")));

        OracleException ex = await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.NonPositiveAnswer);
        ex.SourceName.ShouldBe("opensea");
        ex.Message.ShouldContain("opensea");
        ex.Message.ShouldContain(Bayc.Collection);
    }

    [Fact]
    public async Task GetPriceAsync_InnerFault_PropagatesUnchanged()
    {
        OracleException fault = Fault(OracleErrorKind.ContractNotDeployed);
        var guard = new NonPositiveGuardOracle(FakePriceOracle.Throwing(fault));

        (await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask())).ShouldBeSameAs(fault);
    }

    [Fact]
    public async Task GetPriceAsync_CallerCancels_ThrowsOperationCanceled()
    {
        FakePriceOracle inner = FakePriceOracle.UntilCancelled();
        var guard = new NonPositiveGuardOracle(inner);
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> call = guard.GetPriceAsync(Bayc, cts.Token).AsTask();
        inner.LastToken.ShouldBe(cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
    }
}
