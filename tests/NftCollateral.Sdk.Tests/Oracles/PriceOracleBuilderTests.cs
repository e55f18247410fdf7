using NftCollateral.Sdk.Oracles;
using static NftCollateral.Sdk.Tests.Oracles.OracleTestData;

namespace NftCollateral.Sdk.Tests.Oracles;

public sealed class PriceOracleBuilderTests
{
    [Fact]
    public void Build_NoDecorators_ReturnsSource()
    {
        FakePriceOracle source = FakePriceOracle.Returning(Quote(1m));

        new PriceOracleBuilder(source).Build().ShouldBeSameAs(source);
    }

    [Fact]
    public async Task Build_AppliesDecoratorsInOrder_FirstInnermost()
    {
        var trail = new List<string>();
        FakePriceOracle source = new((_, _) =>
        {
            trail.Add("source");
            return ValueTask.FromResult(Quote(1m));
        });

        IPriceOracle oracle = new PriceOracleBuilder(source)
            .Use(inner => new Tracing(inner, "first", trail))
            .Use(inner => new Tracing(inner, "second", trail))
            .Build();
        await oracle.GetPriceAsync(Bayc);

        oracle.ShouldBeOfType<Tracing>().Name.ShouldBe("second");
        trail.ShouldBe(["second", "first", "source"]);
    }

    [Fact]
    public async Task Extensions_ComposeGuardsAndCache_UsingBuilderClock()
    {
        var clock = new FakeTime(Now);
        int n = 0;
        FakePriceOracle source = new((_, _) => ValueTask.FromResult(++n == 1 ? Quote(0m) : Quote(5m, clock.Now)));

        IPriceOracle oracle = new PriceOracleBuilder(source) { TimeProvider = clock }
            .WithNonPositiveGuard()
            .WithCache(TimeSpan.FromMinutes(10))
            .WithStalenessGuard(TimeSpan.FromMinutes(5))
            .Build();

        (await Should.ThrowAsync<OracleException>(() => oracle.GetPriceAsync(Bayc).AsTask())).Kind.ShouldBe(OracleErrorKind.NonPositiveAnswer);
        (await oracle.GetPriceAsync(Bayc)).Value.ShouldBe(5m); // the failure was not cached
        clock.Now = Now + TimeSpan.FromMinutes(6);

        // Still cached (TTL 10 min), but the outer staleness guard sees it is 6 min old.
        (await Should.ThrowAsync<OracleException>(() => oracle.GetPriceAsync(Bayc).AsTask())).Kind.ShouldBe(OracleErrorKind.Stale);
        source.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task WithDeviationGuard_And_WithFallback_Compose()
    {
        FakePriceOracle primary = FakePriceOracle.Returning(Quote(200m, source: "primary"));
        FakePriceOracle reference = FakePriceOracle.Returning(Quote(100m, source: "ref"));
        FakePriceOracle backup = FakePriceOracle.Returning(Quote(101m, source: "backup"));

        IPriceOracle oracle = new PriceOracleBuilder(primary)
            .WithDeviationGuard(reference, 10m)
            .WithFallback(backup)
            .Build();

        (await oracle.GetPriceAsync(Bayc)).Source.ShouldBe("backup");
        primary.Calls.ShouldBe(1);
    }

    [Fact]
    public void InvalidUse_Throws()
    {
        var builder = new PriceOracleBuilder(FakePriceOracle.Returning(Quote(1m)));

        Should.Throw<ArgumentNullException>(() => builder.Use(null!));
        Should.Throw<ArgumentNullException>(() => builder.TimeProvider = null!);
        Should.Throw<ArgumentOutOfRangeException>(() => builder.WithStalenessGuard(TimeSpan.Zero));
        Should.Throw<ArgumentOutOfRangeException>(() => builder.WithCache(TimeSpan.FromSeconds(-1)));
        Should.Throw<ArgumentException>(() => builder.WithFallback());
        Should.Throw<InvalidOperationException>(() => builder.Use(_ => null!).Build());
    }

    private sealed class Tracing(IPriceOracle inner, string name, List<string> trail) : DelegatingPriceOracle(inner)
    {
        public string Name => name;

        public override ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
        {
            trail.Add(name);
            return base.GetPriceAsync(query, cancellationToken);
        }
    }

    private sealed class FakeTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
