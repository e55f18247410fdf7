using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class FallbackPriceOracleTests
{
    [Fact]
    public async Task GetPriceAsync_FirstSucceeds_LaterNotAsked()
    {
        FakePriceOracle first = FakePriceOracle.Returning(Quote(1m, source: "a"));
        FakePriceOracle second = FakePriceOracle.Returning(Quote(2m, source: "b"));
        var fallback = new FallbackPriceOracle(first, second);

        (await fallback.GetPriceAsync(Bayc)).Source.ShouldBe("a");
        second.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task GetPriceAsync_AsksInOrder_FirstSuccessWins()
    {
        var asked = new List<string>();
        FakePriceOracle Make(string name, Func<ValueTask<PriceQuote>> answer) => new((_, _) =>
        {
            asked.Add(name);
            return answer();
        });
        var fallback = new FallbackPriceOracle(
            Make("a", () => ValueTask.FromException<PriceQuote>(Fault(OracleErrorKind.Stale, "a"))),
            Make("b", () => ValueTask.FromException<PriceQuote>(new HttpRequestException("503"))),
            Make("c", () => ValueTask.FromResult(Quote(3m, source: "c"))),
            Make("d", () => ValueTask.FromResult(Quote(4m, source: "d"))));

        PriceQuote quote = await fallback.GetPriceAsync(Bayc);

        quote.Source.ShouldBe("c");
        asked.ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public async Task GetPriceAsync_AllFail_ThrowsAllSourcesFailedWithEveryFailureInOrder()
    {
        OracleException a = Fault(OracleErrorKind.Stale, "a");
        var b = new InvalidOperationException("b broke");
        OracleException c = Fault(OracleErrorKind.NonPositiveAnswer, "c");
        var fallback = new FallbackPriceOracle(
            FakePriceOracle.Throwing(a),
            new FakePriceOracle((_, _) => throw b), // throws synchronously
            FakePriceOracle.Throwing(c));

        OracleException ex = await Should.ThrowAsync<OracleException>(() => fallback.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.AllSourcesFailed);
        ex.Query.ShouldBe(Bayc);
        ex.InnerExceptions.ShouldBe([a, b, c]);
        ex.InnerException.ShouldBeOfType<AggregateException>().InnerExceptions.ShouldBe([a, b, c]);
        ex.Message.ShouldContain("3 of 3 sources failed");
        ex.Message.ShouldContain("b broke");
        ex.Message.ShouldContain(Bayc.Collection);
    }

    [Fact]
    public async Task GetPriceAsync_SourceTimesOutOnItsOwn_FallsThrough()
    {
        var timeout = new TaskCanceledException("source timed out");
        var fallback = new FallbackPriceOracle(FakePriceOracle.Throwing(timeout), FakePriceOracle.Returning(Quote(2m, source: "b")));

        (await fallback.GetPriceAsync(Bayc)).Source.ShouldBe("b");
    }

    [Fact]
    public async Task GetPriceAsync_CallerCancels_ThrowsOperationCanceledAndStopsChain()
    {
        FakePriceOracle first = FakePriceOracle.UntilCancelled();
        FakePriceOracle second = FakePriceOracle.Returning(Quote(2m, source: "b"));
        var fallback = new FallbackPriceOracle(first, second);
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> call = fallback.GetPriceAsync(Bayc, cts.Token).AsTask();
        first.LastToken.ShouldBe(cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
        second.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task GetPriceAsync_CallerCancelsDuringLastSource_ThrowsOperationCanceledNotAllSourcesFailed()
    {
        FakePriceOracle last = FakePriceOracle.UntilCancelled();
        var fallback = new FallbackPriceOracle(FakePriceOracle.Throwing(Fault(OracleErrorKind.Stale, "a")), last);
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> call = fallback.GetPriceAsync(Bayc, cts.Token).AsTask();
        last.Calls.ShouldBe(1);
        await cts.CancelAsync();

        Exception ex = await Should.ThrowAsync<Exception>(() => call);
        ex.ShouldBeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Should.Throw<ArgumentException>(() => new FallbackPriceOracle());
        Should.Throw<ArgumentNullException>(() => new FallbackPriceOracle(FakePriceOracle.Returning(Quote(1m)), null!));
        Should.Throw<ArgumentNullException>(() => new FallbackPriceOracle((IEnumerable<IPriceOracle>)null!));
    }
}
