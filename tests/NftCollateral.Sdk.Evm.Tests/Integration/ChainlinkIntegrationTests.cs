using System.Numerics;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Chainlink;
using NftCollateral.Sdk.Evm.Rpc;
using NftCollateral.Sdk.Oracles;
using NftCollateral.Sdk.Testing;

namespace NftCollateral.Sdk.Evm.Tests.Integration;

/// <summary>The Chainlink reader and oracle against our AggregatorV3 contract on the local node; the clock is the chain's.</summary>
[Collection(AnvilGroup.Name)]
public class ChainlinkIntegrationTests(AnvilFixture fixture)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static readonly BigInteger ThirtyOnePointTwoFive = BigInteger.Parse("31250000000000000000");

    private async Task<(ChainlinkFeedReader Reader, long Now)> ReaderAtChainTime(JsonRpcClient? client = null)
    {
        long now = await fixture.Node.GetLatestTimestampAsync();
        return (new ChainlinkFeedReader(client ?? fixture.Client(), new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now))), now);
    }

    private async Task<long> SetRound(Address feed, BigInteger roundId, BigInteger answer, long ageSeconds, BigInteger? answeredInRound = null, long? updatedAt = null)
    {
        await fixture.Chain.SetRevertModeAsync(feed.ToLowerInvariantHex(), 0);
        long now = await fixture.Node.GetLatestTimestampAsync();
        long updated = updatedAt ?? now - ageSeconds;
        await fixture.Chain.SetRoundAsync(feed.ToLowerInvariantHex(), roundId, answer, updated, updated, answeredInRound ?? roundId);
        return updated;
    }

    [Fact]
    public async Task ValidRound_18Decimals_GivesTheExactPrice()
    {
        long updated = await SetRound(fixture.Aggregator, 10, ThirtyOnePointTwoFive, ageSeconds: 120);
        var (reader, now) = await ReaderAtChainTime();
        ChainlinkFeedReading reading = await reader.ReadAsync(fixture.Aggregator, Hour);
        reading.Price.ShouldBe(31.25m);
        reading.Decimals.ShouldBe((byte)18);
        reading.Description.ShouldBe("TAPE / ETH");
        reading.Round.RoundId.ShouldBe((UInt128)10);
        reading.Round.Answer.ShouldBe((Int128)ThirtyOnePointTwoFive);
        reading.UpdatedAt.ToUnixTimeSeconds().ShouldBe(updated);
        reading.Age.ShouldBe(TimeSpan.FromSeconds(now - updated));
    }

    [Fact]
    public async Task ValidRound_8Decimals_IsScaledByTheFeedsDecimals_NotAnAssumedEighteen()
    {
        await SetRound(fixture.Aggregator8, 3, 350012345678, ageSeconds: 10);
        var (reader, _) = await ReaderAtChainTime();
        ChainlinkFeedReading reading = await reader.ReadAsync(fixture.Aggregator8, Hour);
        reading.Price.ShouldBe(3500.12345678m);
        reading.Decimals.ShouldBe((byte)8);
    }

    [Fact]
    public async Task Decimals_AreReadOnce_PerFeed()
    {
        await SetRound(fixture.Aggregator, 11, ThirtyOnePointTwoFive, ageSeconds: 5);
        var (client, counter) = fixture.CountedClient();
        var (reader, _) = await ReaderAtChainTime(client);
        await reader.ReadAsync(fixture.Aggregator, Hour);
        await reader.ReadAsync(fixture.Aggregator, Hour);
        counter.Bodies.Count(b => b.Contains("0x313ce567", StringComparison.Ordinal)).ShouldBe(1);
        counter.Bodies.Count(b => b.Contains("0xfeaf968c", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task OldAnswer_IsStale()
    {
        await SetRound(fixture.Aggregator, 12, ThirtyOnePointTwoFive, ageSeconds: 7200);
        var (reader, _) = await ReaderAtChainTime();
        var ex = await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Aggregator, Hour));
        ex.Kind.ShouldBe(OracleErrorKind.Stale);
        ex.Message.ShouldContain("7200 s old");
        (await reader.ReadAsync(fixture.Aggregator, TimeSpan.FromHours(3))).Price.ShouldBe(31.25m);
    }

    [Fact]
    public async Task FutureUpdatedAt_BeyondTheSkewAllowance_IsStale()
    {
        long now = await fixture.Node.GetLatestTimestampAsync();
        await SetRound(fixture.Aggregator, 13, ThirtyOnePointTwoFive, 0, updatedAt: now + 3600);
        var (reader, _) = await ReaderAtChainTime();
        (await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Aggregator, Hour))).Message.ShouldContain("future");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-31250000000000000000")]
    public async Task ZeroOrNegativeAnswer_IsNonPositive_NeverAPrice(string answer)
    {
        await SetRound(fixture.Aggregator, 14, BigInteger.Parse(answer), ageSeconds: 5);
        var (reader, _) = await ReaderAtChainTime();
        (await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Aggregator, Hour))).Kind.ShouldBe(OracleErrorKind.NonPositiveAnswer);
    }

    [Fact]
    public async Task UpdatedAtZero_IsIncompleteRound()
    {
        await SetRound(fixture.Aggregator, 15, ThirtyOnePointTwoFive, 0, updatedAt: 0);
        var (reader, _) = await ReaderAtChainTime();
        var ex = await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Aggregator, Hour));
        ex.Kind.ShouldBe(OracleErrorKind.IncompleteRound);
        ex.Message.ShouldContain("updatedAt = 0");
    }

    [Fact]
    public async Task AnsweredInEarlierRound_IsIncompleteRound()
    {
        await SetRound(fixture.Aggregator, 20, ThirtyOnePointTwoFive, ageSeconds: 5, answeredInRound: 19);
        var (reader, _) = await ReaderAtChainTime();
        var ex = await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Aggregator, Hour));
        ex.Kind.ShouldBe(OracleErrorKind.IncompleteRound);
        ex.Message.ShouldContain("answeredInRound 19");
    }

    [Fact]
    public async Task AddressWithoutCode_IsContractNotDeployed_NeverAZeroPrice()
    {
        var (reader, _) = await ReaderAtChainTime();
        var ex = await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Account(9), Hour));
        ex.Kind.ShouldBe(OracleErrorKind.ContractNotDeployed);
        ex.Message.ShouldContain("no contract");
    }

    [Fact]
    public async Task ContractThatIsNotAFeed_IsRefused()
    {
        var (reader, _) = await ReaderAtChainTime();
        var ex = await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Nft, Hour));
        ex.Kind.ShouldBe(OracleErrorKind.NoSource);
        ex.Message.ShouldContain("not an AggregatorV3 feed");
    }

    [Fact]
    public async Task Read_IsOneRoundTrip_AfterTheFirst()
    {
        await SetRound(fixture.Aggregator8, 60, 100_000_000, ageSeconds: 5);
        var (client, counter) = fixture.CountedClient();
        var (reader, _) = await ReaderAtChainTime(client);
        await reader.ReadAsync(fixture.Aggregator8, Hour);
        counter.Count.ShouldBe(1);
        await reader.ReadAsync(fixture.Aggregator8, Hour);
        counter.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(1, RevertReasonKind.Error, "feed paused")]
    [InlineData(2, RevertReasonKind.Panic, "assertion failed")]
    [InlineData(3, RevertReasonKind.Custom, "custom error")]
    public async Task RevertingFeed_IsReverted_WithTheDecodedReason(int mode, RevertReasonKind kind, string text)
    {
        await SetRound(fixture.Aggregator8, 30 + mode, 100, ageSeconds: 5);
        await fixture.Chain.SetRevertModeAsync(fixture.Chain.Aggregator8, mode);
        try
        {
            var (reader, _) = await ReaderAtChainTime();
            var ex = await Should.ThrowAsync<OracleException>(() => reader.ReadAsync(fixture.Aggregator8, Hour));
            ex.Kind.ShouldBe(OracleErrorKind.Reverted);
            ex.Message.ShouldContain(text);
            ((NftCollateral.Sdk.Evm.Contracts.ContractReadException)ex.InnerException!).Revert!.Kind.ShouldBe(kind);
        }
        finally
        {
            await fixture.Chain.SetRevertModeAsync(fixture.Chain.Aggregator8, 0);
        }
    }

    [Fact]
    public async Task GetRound_ReadsHistory_AndUnknownRoundReverts()
    {
        await SetRound(fixture.Aggregator, 40, 123, ageSeconds: 5);
        var (reader, _) = await ReaderAtChainTime();
        (await reader.GetRoundAsync(fixture.Aggregator, 40)).Answer.ShouldBe((Int128)123);
        var ex = await Should.ThrowAsync<OracleException>(() => reader.GetRoundAsync(fixture.Aggregator, 987_654));
        ex.Kind.ShouldBe(OracleErrorKind.Reverted);
        ex.Message.ShouldContain("No data present");
    }

    [Fact]
    public async Task Oracle_AnswersConfiguredCollectionFloors_Only()
    {
        await SetRound(fixture.Aggregator, 50, ThirtyOnePointTwoFive, ageSeconds: 60);
        long now = await fixture.Node.GetLatestTimestampAsync();
        var options = new ChainlinkPriceOracleOptions { DefaultMaxAge = Hour };
        options.Feeds.Add(new ChainlinkFeed(fixture.Aggregator, fixture.Nft.ToString(), "ETH"));
        ChainlinkPriceOracle oracle = new ChainlinkPriceOracle(fixture.Client(), options, new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));

        PriceQuote quote = await oracle.GetPriceAsync(new PriceQuery(fixture.Nft.ToLowerInvariantHex(), "eth"));
        quote.Value.ShouldBe(31.25m);
        quote.Currency.ShouldBe("ETH");
        quote.RoundId.ShouldBe((UInt128)50);
        quote.Source.ShouldBe("chainlink:" + fixture.Aggregator);
        quote.Timestamp.ToUnixTimeSeconds().ShouldBe(now - 60);

        (await Should.ThrowAsync<OracleException>(async () => await oracle.GetPriceAsync(new PriceQuery(fixture.Nft.ToString(), "ETH", "7")))).Kind.ShouldBe(OracleErrorKind.NoSource);
        (await Should.ThrowAsync<OracleException>(async () => await oracle.GetPriceAsync(new PriceQuery(fixture.Reverter.ToString(), "ETH")))).Kind.ShouldBe(OracleErrorKind.NoSource);
        (await Should.ThrowAsync<OracleException>(async () => await oracle.GetPriceAsync(new PriceQuery(fixture.Nft.ToString(), "USD")))).Kind.ShouldBe(OracleErrorKind.NoSource);
    }

    [Fact]
    public async Task Oracle_UnreachableNode_IsSourceUnavailable()
    {
        var options = new ChainlinkPriceOracleOptions();
        options.Feeds.Add(new ChainlinkFeed(fixture.Aggregator, "tape", "ETH"));
        var client = new JsonRpcClient(new HttpClient(), new JsonRpcClientOptions { Endpoint = new Uri($"http://127.0.0.1:{AnvilFixture.ClosedPort()}/") });
        var ex = await Should.ThrowAsync<OracleException>(async () => await new ChainlinkPriceOracle(client, options).GetPriceAsync(new PriceQuery("tape", "ETH")));
        ex.Kind.ShouldBe(OracleErrorKind.SourceUnavailable);
        ex.InnerException.ShouldBeOfType<JsonRpcException>().Kind.ShouldBe(JsonRpcErrorKind.Transport);
    }

    [Fact]
    public async Task Oracle_CancelledByCaller_IsOperationCanceled()
    {
        var options = new ChainlinkPriceOracleOptions();
        options.Feeds.Add(new ChainlinkFeed(fixture.Aggregator, "tape", "ETH"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(async () => await new ChainlinkPriceOracle(fixture.Client(), options).GetPriceAsync(new PriceQuery("tape", "ETH"), cancelled.Token));
    }
}
