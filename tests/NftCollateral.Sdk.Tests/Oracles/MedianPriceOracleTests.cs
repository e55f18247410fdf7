using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class MedianPriceOracleTests
{
    [Fact]
    public async Task GetPriceAsync_ThreeAnswers_ReturnsMiddleWithSourcesListed()
    {
        var median = new MedianPriceOracle(
        [
            FakePriceOracle.Returning(Quote(12m, Now, "a")),
            FakePriceOracle.Returning(Quote(10m, Now - TimeSpan.FromMinutes(5), "b")),
            FakePriceOracle.Returning(Quote(50m, Now, "c")),
        ]);

        PriceQuote quote = await median.GetPriceAsync(Bayc);

        quote.Value.ShouldBe(12m);
        quote.Currency.ShouldBe("ETH");
        quote.Source.ShouldBe("median(a, b, c)");
        quote.Timestamp.ShouldBe(Now - TimeSpan.FromMinutes(5)); // the oldest input
        quote.Constituents!.Select(q => q.Source).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public async Task GetPriceAsync_OneOfThreeFails_Quorum2_ReturnsMedianOfTheTwo()
    {
        var median = new MedianPriceOracle(
        [
            FakePriceOracle.Returning(Quote(10m, source: "a")),
            FakePriceOracle.Throwing(Fault(OracleErrorKind.Stale, "b")),
            FakePriceOracle.Returning(Quote(11m, source: "c")),
        ], quorum: 2);

        PriceQuote quote = await median.GetPriceAsync(Bayc);

        quote.Value.ShouldBe(10.5m);
        quote.Source.ShouldBe("median(a, c)");
    }

    [Fact]
    public async Task GetPriceAsync_QuorumNotMet_ThrowsWithEveryFailure()
    {
        OracleException b = Fault(OracleErrorKind.Stale, "b");
        var c = new InvalidOperationException("c broke");
        var median = new MedianPriceOracle(
        [
            FakePriceOracle.Returning(Quote(10m, source: "a")),
            FakePriceOracle.Throwing(b),
            new FakePriceOracle((_, _) => throw c), // throws synchronously
        ], quorum: 2);

        OracleException ex = await Should.ThrowAsync<OracleException>(() => median.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.QuorumNotMet);
        ex.InnerExceptions.ShouldBe([b, c]);
        ex.Message.ShouldContain("1 of 3 sources answered; quorum is 2");
    }

    [Fact]
    public async Task GetPriceAsync_CurrencyMismatch_Throws()
    {
        var median = new MedianPriceOracle(
        [
            FakePriceOracle.Returning(Quote(10m, source: "a")),
            FakePriceOracle.Returning(Quote(30000m, source: "usd-feed", currency: "USD")),
            FakePriceOracle.Returning(Quote(11m, source: "c")),
        ]);

        OracleException ex = await Should.ThrowAsync<OracleException>(() => median.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.CurrencyMismatch);
        ex.SourceName.ShouldBe("usd-feed");
    }

    [Fact]
    public async Task GetPriceAsync_AsksAllSourcesConcurrently()
    {
        TaskCompletionSource<PriceQuote>[] pending = [.. Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource<PriceQuote>(TaskCreationOptions.RunContinuationsAsynchronously))];
        FakePriceOracle[] sources = [.. pending.Select(p => new FakePriceOracle((_, _) => new ValueTask<PriceQuote>(p.Task)))];
        var median = new MedianPriceOracle(sources);

        Task<PriceQuote> call = median.GetPriceAsync(Bayc).AsTask();

        sources.ShouldAllBe(s => s.Calls == 1); // every source asked before any answered
        pending[0].SetResult(Quote(1m, source: "a"));
        pending[1].SetResult(Quote(2m, source: "b"));
        call.IsCompleted.ShouldBeFalse(); // waits for the last one
        pending[2].SetResult(Quote(3m, source: "c"));
        (await call.WaitAsync(TimeSpan.FromSeconds(10))).Value.ShouldBe(2m);
    }

    [Fact]
    public async Task GetPriceAsync_CallerCancels_ThrowsOperationCanceled()
    {
        FakePriceOracle slow = FakePriceOracle.UntilCancelled();
        var median = new MedianPriceOracle([FakePriceOracle.Returning(Quote(1m)), slow, FakePriceOracle.Returning(Quote(2m))], quorum: 1);
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> call = median.GetPriceAsync(Bayc, cts.Token).AsTask();
        slow.LastToken.ShouldBe(cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void Constructor_DefaultQuorumIsMajority_AndOutOfRangeThrows()
    {
        FakePriceOracle s = FakePriceOracle.Returning(Quote(1m));
        new MedianPriceOracle([s, s, s]).Quorum.ShouldBe(2);
        new MedianPriceOracle([s, s, s, s]).Quorum.ShouldBe(3);
        Should.Throw<ArgumentOutOfRangeException>(() => new MedianPriceOracle([s, s], quorum: 3));
        Should.Throw<ArgumentOutOfRangeException>(() => new MedianPriceOracle([s, s], quorum: 0));
        Should.Throw<ArgumentException>(() => new MedianPriceOracle([]));
    }
}
