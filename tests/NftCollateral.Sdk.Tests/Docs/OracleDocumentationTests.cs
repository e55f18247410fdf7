using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Sdk.Tests.Docs;

/// <summary>The custom oracle adapter sample of docs/extensibility.md, compiled and run.</summary>
public sealed class OracleDocumentationTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DeskFloorOracle_ComposedWithDecorators_AnswersFreshAndFallsBackWhenStale()
    {
        var clock = new FixedTimeProvider(Now);
        var fresh = new Dictionary<string, (decimal Eth, DateTimeOffset At)> { ["punks"] = (48.5m, Now.AddHours(-1)) };
        var stale = new Dictionary<string, (decimal Eth, DateTimeOffset At)> { ["punks"] = (48.5m, Now.AddHours(-7)) };
        IPriceOracle backup = new DeskFloorOracle(new Dictionary<string, (decimal Eth, DateTimeOffset At)> { ["punks"] = (47m, Now) });

        IPriceOracle Build(IReadOnlyDictionary<string, (decimal Eth, DateTimeOffset At)> floors) =>
            new PriceOracleBuilder(new DeskFloorOracle(floors)) { TimeProvider = clock }
                .WithNonPositiveGuard()
                .WithCache(TimeSpan.FromMinutes(1))
                .WithStalenessGuard(TimeSpan.FromHours(6))
                .WithFallback(backup)
                .Build();

        PriceQuote fromDesk = await Build(fresh).GetPriceAsync(new PriceQuery("punks", "ETH"));
        PriceQuote fromBackup = await Build(stale).GetPriceAsync(new PriceQuery("punks", "ETH"));

        fromDesk.Value.ShouldBe(48.5m);
        fromDesk.Source.ShouldBe("desk");
        fromBackup.Value.ShouldBe(47m); // the desk's 7-hour-old floor is refused as stale
        await Should.ThrowAsync<OracleException>(async () => await Build(fresh).GetPriceAsync(new PriceQuery("bayc", "ETH")));
    }

    private sealed class DeskFloorOracle(IReadOnlyDictionary<string, (decimal Eth, DateTimeOffset At)> floors) : IPriceOracle
    {
        public ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return floors.TryGetValue(query.Collection, out var floor) && query.Currency == "ETH"
                ? ValueTask.FromResult(new PriceQuote(floor.Eth, "ETH", floor.At, "desk"))
                : throw new OracleException(OracleErrorKind.NoSource, "desk", query, "no floor for this collection");
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
