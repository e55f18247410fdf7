using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class CachingPriceOracleTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetPriceAsync_SecondCall_IsCacheHit()
    {
        int n = 0;
        var inner = new FakePriceOracle((_, _) => ValueTask.FromResult(Quote(++n)));
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));

        PriceQuote first = await cache.GetPriceAsync(Bayc);
        PriceQuote second = await cache.GetPriceAsync(Bayc);

        first.Value.ShouldBe(1m);
        second.ShouldBe(first);
        inner.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetPriceAsync_DifferentQueries_AreCachedSeparately()
    {
        var inner = new FakePriceOracle((q, _) => ValueTask.FromResult(Quote(q.TokenId is null ? 10m : 20m)));
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));
        var token = new PriceQuery(Bayc.Collection, "ETH", "1234");

        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(10m);
        (await cache.GetPriceAsync(token)).Value.ShouldBe(20m);
        (await cache.GetPriceAsync(new PriceQuery(Bayc.Collection, "ETH", "1234"))).Value.ShouldBe(20m);

        inner.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetPriceAsync_JustBeforeTtl_Hit_AtTtl_Miss()
    {
        int n = 0;
        var inner = new FakePriceOracle((_, _) => ValueTask.FromResult(Quote(++n)));
        var clock = new FakeTime(Now);
        var cache = new CachingPriceOracle(inner, Ttl, clock);

        await cache.GetPriceAsync(Bayc);
        clock.Now = Now + Ttl - TimeSpan.FromTicks(1);
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(1m);
        inner.Calls.ShouldBe(1);

        clock.Now = Now + Ttl;
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(2m);
        inner.Calls.ShouldBe(2);

        // The refreshed entry lives for a TTL from its own fetch.
        clock.Now = Now + Ttl + Ttl - TimeSpan.FromTicks(1);
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(2m);
        inner.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetPriceAsync_TtlCountsFromFetchCompletion()
    {
        var clock = new FakeTime(Now);
        var pending = new TaskCompletionSource<PriceQuote>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new FakePriceOracle((_, _) => new ValueTask<PriceQuote>(pending.Task));
        var cache = new CachingPriceOracle(inner, Ttl, clock);

        Task<PriceQuote> first = cache.GetPriceAsync(Bayc).AsTask();
        clock.Now = Now + TimeSpan.FromSeconds(20); // the fetch took 20 s
        pending.SetResult(Quote(1m));
        await first;

        clock.Now = Now + TimeSpan.FromSeconds(45); // 25 s after completion, 45 s after the start
        await cache.GetPriceAsync(Bayc);
        inner.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetPriceAsync_FailedFetch_IsNotCached()
    {
        int n = 0;
        var inner = new FakePriceOracle((_, _) => ++n == 1
            ? ValueTask.FromException<PriceQuote>(Fault(OracleErrorKind.Reverted))
            : ValueTask.FromResult(Quote(7m)));
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));

        (await Should.ThrowAsync<OracleException>(() => cache.GetPriceAsync(Bayc).AsTask())).Kind.ShouldBe(OracleErrorKind.Reverted);
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(7m);
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(7m);
        inner.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetPriceAsync_ConcurrentCallers_ShareOneInFlightFetch()
    {
        var pending = new TaskCompletionSource<PriceQuote>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new FakePriceOracle((_, _) => new ValueTask<PriceQuote>(pending.Task));
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));

        var callers = new Task<PriceQuote>[16];
        using (var start = new ManualResetEventSlim())
        {
            Task[] starters = Enumerable.Range(0, callers.Length)
                .Select(i => Task.Run(() =>
                {
                    start.Wait();
                    callers[i] = cache.GetPriceAsync(Bayc).AsTask();
                }))
                .ToArray();
            start.Set();
            await Task.WhenAll(starters).WaitAsync(TimeSpan.FromSeconds(10));
        }

        callers.ShouldAllBe(t => !t.IsCompleted);
        inner.Calls.ShouldBe(1);

        pending.SetResult(Quote(42m));
        PriceQuote[] results = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        results.ShouldAllBe(q => q.Value == 42m);
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(42m);
        inner.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetPriceAsync_ConcurrentCallers_AllGetFailure_ThenNextCallRefetches()
    {
        var pending = new TaskCompletionSource<PriceQuote>(TaskCreationOptions.RunContinuationsAsynchronously);
        int n = 0;
        var inner = new FakePriceOracle((_, _) => ++n == 1 ? new ValueTask<PriceQuote>(pending.Task) : ValueTask.FromResult(Quote(9m)));
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));

        Task<PriceQuote> a = cache.GetPriceAsync(Bayc).AsTask();
        Task<PriceQuote> b = cache.GetPriceAsync(Bayc).AsTask();
        OracleException fault = Fault(OracleErrorKind.Stale);
        pending.SetException(fault);

        (await Should.ThrowAsync<OracleException>(() => a)).ShouldBeSameAs(fault);
        (await Should.ThrowAsync<OracleException>(() => b)).ShouldBeSameAs(fault);
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(9m);
        inner.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetPriceAsync_OneWaiterCancels_OthersStillGetTheSharedFetch()
    {
        var pending = new TaskCompletionSource<PriceQuote>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new FakePriceOracle((_, _) => new ValueTask<PriceQuote>(pending.Task));
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> cancelled = cache.GetPriceAsync(Bayc, cts.Token).AsTask();
        Task<PriceQuote> patient = cache.GetPriceAsync(Bayc).AsTask();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        inner.LastToken.IsCancellationRequested.ShouldBeFalse();
        pending.SetResult(Quote(5m));
        (await patient).Value.ShouldBe(5m);
        inner.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetPriceAsync_AllWaitersCancel_CancelsFetch_AndNextCallStartsAnew()
    {
        int n = 0;
        var inner = new FakePriceOracle(async (_, ct) =>
        {
            if (Interlocked.Increment(ref n) == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return Quote(3m);
        });
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));
        using var cts = new CancellationTokenSource();

        Task<PriceQuote> call = cache.GetPriceAsync(Bayc, cts.Token).AsTask();
        CancellationToken fetchToken = inner.LastToken;
        fetchToken.IsCancellationRequested.ShouldBeFalse();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => call);
        fetchToken.IsCancellationRequested.ShouldBeTrue();
        (await cache.GetPriceAsync(Bayc)).Value.ShouldBe(3m);
        inner.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetPriceAsync_AlreadyCancelled_ThrowsWithoutFetching()
    {
        FakePriceOracle inner = FakePriceOracle.Returning(Quote(1m));
        var cache = new CachingPriceOracle(inner, Ttl, new FakeTime(Now));

        await Should.ThrowAsync<OperationCanceledException>(() => cache.GetPriceAsync(Bayc, new CancellationToken(true)).AsTask());
        inner.Calls.ShouldBe(0);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        FakePriceOracle inner = FakePriceOracle.Returning(Quote(1m));
        Should.Throw<ArgumentOutOfRangeException>(() => new CachingPriceOracle(inner, TimeSpan.Zero, new FakeTime(Now)));
        Should.Throw<ArgumentNullException>(() => new CachingPriceOracle(inner, Ttl, null!));
    }

    private sealed class FakeTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
