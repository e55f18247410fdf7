using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class DeviationGuardOracleTests
{
    [Theory]
    [InlineData("100")]
    [InlineData("105")]
    [InlineData("110")] // exactly +10 %: accepted
    [InlineData("90")] // exactly −10 %: accepted
    public async Task GetPriceAsync_WithinOrAtMaxDeviation_ReturnsQuote(string value)
    {
        PriceQuote quote = Quote(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        var guard = new DeviationGuardOracle(FakePriceOracle.Returning(quote), FakePriceOracle.Returning(Quote(100m, source: "ref")), 10m);

        (await guard.GetPriceAsync(Bayc)).ShouldBe(quote);
    }

    [Theory]
    [InlineData("110.0000001")]
    [InlineData("89.9999999")]
    [InlineData("300")]
    public async Task GetPriceAsync_BeyondMaxDeviation_ThrowsDeviation(string value)
    {
        PriceQuote quote = Quote(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), source: "feed-a");
        var guard = new DeviationGuardOracle(FakePriceOracle.Returning(quote), FakePriceOracle.Returning(Quote(100m, source: "ref")), 10m);

        OracleException ex = await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.Deviation);
        ex.SourceName.ShouldBe("feed-a");
        ex.Message.ShouldContain("ref");
        ex.Message.ShouldContain(Bayc.Collection);
    }

    [Fact]
    public async Task GetPriceAsync_AsksInnerAndReferenceWithCallerToken()
    {
        FakePriceOracle inner = FakePriceOracle.Returning(Quote(100m));
        FakePriceOracle reference = FakePriceOracle.Returning(Quote(100m, source: "ref"));
        var guard = new DeviationGuardOracle(inner, reference, 5m);
        using var cts = new CancellationTokenSource();

        await guard.GetPriceAsync(Bayc, cts.Token);

        inner.Calls.ShouldBe(1);
        reference.Calls.ShouldBe(1);
        inner.LastToken.ShouldBe(cts.Token);
        reference.LastToken.ShouldBe(cts.Token);
    }

    [Fact]
    public async Task GetPriceAsync_ReferenceFails_PropagatesReferenceFault()
    {
        OracleException fault = Fault(OracleErrorKind.Stale, "ref");
        var guard = new DeviationGuardOracle(FakePriceOracle.Returning(Quote(100m)), FakePriceOracle.Throwing(fault), 5m);

        (await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask())).ShouldBeSameAs(fault);
    }

    [Fact]
    public async Task GetPriceAsync_BothFail_PropagatesInnerFault()
    {
        OracleException innerFault = Fault(OracleErrorKind.Reverted, "feed-a");
        var guard = new DeviationGuardOracle(FakePriceOracle.Throwing(innerFault), FakePriceOracle.Throwing(Fault(OracleErrorKind.Stale, "ref")), 5m);

        (await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask())).ShouldBeSameAs(innerFault);
    }

    [Fact]
    public async Task GetPriceAsync_ReferenceNotPositive_ThrowsNonPositiveAnswer()
    {
        var guard = new DeviationGuardOracle(FakePriceOracle.Returning(Quote(100m)), FakePriceOracle.Returning(Quote(0m, source: "ref")), 5m);

        OracleException ex = await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.NonPositiveAnswer);
        ex.SourceName.ShouldBe("ref");
    }

    [Fact]
    public async Task GetPriceAsync_ReferenceInOtherCurrency_ThrowsCurrencyMismatch()
    {
        var guard = new DeviationGuardOracle(FakePriceOracle.Returning(Quote(100m)), FakePriceOracle.Returning(Quote(100m, source: "ref", currency: "USD")), 5m);

        (await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask())).Kind.ShouldBe(OracleErrorKind.CurrencyMismatch);
    }

    [Fact]
    public async Task GetPriceAsync_CallerCancels_ThrowsOperationCanceled()
    {
        FakePriceOracle inner = FakePriceOracle.UntilCancelled();
        var guard = new DeviationGuardOracle(inner, FakePriceOracle.Returning(Quote(100m, source: "ref")), 5m);
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> call = guard.GetPriceAsync(Bayc, cts.Token).AsTask();
        call.IsCompleted.ShouldBeFalse();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        FakePriceOracle inner = FakePriceOracle.Returning(Quote(1m));
        Should.Throw<ArgumentOutOfRangeException>(() => new DeviationGuardOracle(inner, inner, 0m));
        Should.Throw<ArgumentNullException>(() => new DeviationGuardOracle(inner, null!, 5m));
    }
}
