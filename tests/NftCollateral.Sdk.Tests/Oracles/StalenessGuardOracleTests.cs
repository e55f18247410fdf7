using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class StalenessGuardOracleTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    [Fact]
    public async Task GetPriceAsync_FreshQuote_ReturnsIt()
    {
        PriceQuote quote = Quote(30m, Now - TimeSpan.FromMinutes(10));
        var guard = new StalenessGuardOracle(FakePriceOracle.Returning(quote), MaxAge, new FakeTime(Now));

        (await guard.GetPriceAsync(Bayc)).ShouldBe(quote);
    }

    [Fact]
    public async Task GetPriceAsync_AgeExactlyMaxAge_Accepted()
    {
        PriceQuote quote = Quote(30m, Now - MaxAge);
        var guard = new StalenessGuardOracle(FakePriceOracle.Returning(quote), MaxAge, new FakeTime(Now));

        (await guard.GetPriceAsync(Bayc)).ShouldBe(quote);
    }

    [Fact]
    public async Task GetPriceAsync_OneTickOlderThanMaxAge_ThrowsStale()
    {
        PriceQuote quote = Quote(30m, Now - MaxAge - TimeSpan.FromTicks(1), source: "chainlink:bayc");
        var guard = new StalenessGuardOracle(FakePriceOracle.Returning(quote), MaxAge, new FakeTime(Now));

        OracleException ex = await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.Stale);
        ex.SourceName.ShouldBe("chainlink:bayc");
        ex.Query.ShouldBe(Bayc);
        ex.Message.ShouldContain("chainlink:bayc");
        ex.Message.ShouldContain(Bayc.Collection);
        ex.Message.ShouldContain("max age is 3600 s");
    }

    [Fact]
    public async Task GetPriceAsync_DeprecatedFeedFrozenForDays_ThrowsStale()
    {
        var guard = new StalenessGuardOracle(FakePriceOracle.Returning(Quote(30m, Now - TimeSpan.FromDays(40))), MaxAge, new FakeTime(Now));

        (await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask())).Kind.ShouldBe(OracleErrorKind.Stale);
    }

    [Fact]
    public async Task GetPriceAsync_FutureTimestampWithinSkew_Accepted()
    {
        PriceQuote quote = Quote(30m, Now + TimeSpan.FromSeconds(5));
        var guard = new StalenessGuardOracle(FakePriceOracle.Returning(quote), MaxAge, new FakeTime(Now), TimeSpan.FromSeconds(5));

        (await guard.GetPriceAsync(Bayc)).ShouldBe(quote);
    }

    [Fact]
    public async Task GetPriceAsync_FutureTimestampBeyondSkew_ThrowsStale()
    {
        PriceQuote quote = Quote(30m, Now + TimeSpan.FromSeconds(5) + TimeSpan.FromTicks(1));
        var guard = new StalenessGuardOracle(FakePriceOracle.Returning(quote), MaxAge, new FakeTime(Now), TimeSpan.FromSeconds(5));

        OracleException ex = await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask());

        ex.Kind.ShouldBe(OracleErrorKind.Stale);
        ex.Message.ShouldContain("future");
    }

    [Fact]
    public async Task GetPriceAsync_DefaultSkew_Is30Seconds()
    {
        var clock = new FakeTime(Now);
        var accepted = new StalenessGuardOracle(FakePriceOracle.Returning(Quote(1m, Now + TimeSpan.FromSeconds(30))), MaxAge, clock);
        var rejected = new StalenessGuardOracle(FakePriceOracle.Returning(Quote(1m, Now + TimeSpan.FromSeconds(31))), MaxAge, clock);

        accepted.MaxClockSkew.ShouldBe(TimeSpan.FromSeconds(30));
        (await accepted.GetPriceAsync(Bayc)).Value.ShouldBe(1m);
        await Should.ThrowAsync<OracleException>(() => rejected.GetPriceAsync(Bayc).AsTask());
    }

    [Fact]
    public async Task GetPriceAsync_ClockReadAfterInnerAnswers()
    {
        var clock = new FakeTime(Now);
        var slow = new FakePriceOracle((_, _) =>
        {
            clock.Now = Now + TimeSpan.FromMinutes(2); // the fetch took two minutes
            return ValueTask.FromResult(Quote(1m, Now - MaxAge));
        });
        var guard = new StalenessGuardOracle(slow, MaxAge, clock);

        await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask());
    }

    [Fact]
    public async Task GetPriceAsync_InnerFault_PropagatesUnchanged()
    {
        OracleException fault = Fault(OracleErrorKind.Reverted);
        var guard = new StalenessGuardOracle(FakePriceOracle.Throwing(fault), MaxAge, new FakeTime(Now));

        (await Should.ThrowAsync<OracleException>(() => guard.GetPriceAsync(Bayc).AsTask())).ShouldBeSameAs(fault);
    }

    [Fact]
    public async Task GetPriceAsync_CallerCancels_ThrowsOperationCanceledAndForwardsToken()
    {
        FakePriceOracle inner = FakePriceOracle.UntilCancelled();
        var guard = new StalenessGuardOracle(inner, MaxAge, new FakeTime(Now));
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> call = guard.GetPriceAsync(Bayc, cts.Token).AsTask();
        inner.LastToken.ShouldBe(cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        FakePriceOracle inner = FakePriceOracle.Returning(Quote(1m));
        Should.Throw<ArgumentOutOfRangeException>(() => new StalenessGuardOracle(inner, TimeSpan.Zero, new FakeTime(Now)));
        Should.Throw<ArgumentOutOfRangeException>(() => new StalenessGuardOracle(inner, MaxAge, new FakeTime(Now), TimeSpan.FromSeconds(-1)));
        Should.Throw<ArgumentNullException>(() => new StalenessGuardOracle(inner, MaxAge, null!));
        Should.Throw<ArgumentNullException>(() => new StalenessGuardOracle(null!, MaxAge, new FakeTime(Now)));
    }

    private sealed class FakeTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
