using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NftCollateral.Evm.TestNode;

namespace NftCollateral.Cli.Tests;

/// <summary><c>nftc oracle</c> against a real local EVM node; each test runs in a snapshot that is reverted afterwards.</summary>
public sealed class OracleCommandTests(EvmChainFixture fixture) : IClassFixture<EvmChainFixture>, IAsyncLifetime
{
    private string? _snapshot;

    private TestChain Chain => fixture.Chain;

    public async Task InitializeAsync() => _snapshot = await fixture.Node.SnapshotAsync();

    public async Task DisposeAsync()
    {
        if (_snapshot is not null)
        {
            (await fixture.Node.RevertAsync(_snapshot)).ShouldBeTrue();
        }
    }

    /// <summary>Now by this machine's clock (the one the reader measures ages with), in Unix seconds.</summary>
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string Iso(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Runs <c>nftc oracle</c> against the node, unless <paramref name="more"/> gives its own <c>--rpc</c>.</summary>
    private Task<(int ExitCode, string Out, string Error)> OracleAsync(string feed, params string[] more) =>
        CliRunner.RunAsync(more.Contains("--rpc") ? ["oracle", "--feed", feed, .. more] : ["oracle", "--rpc", fixture.Rpc, "--feed", feed, .. more]);

    /// <summary>Runs a read that must be rejected with --json: exit 1, {"error": {kind, message}} on stdout, one line on stderr.</summary>
    private async Task<string> RejectedAsync(string feed, string kind, params string[] more)
    {
        var (code, output, error) = await OracleAsync(feed, [.. more, "--json"]);

        code.ShouldBe(1, $"stdout: {output} stderr: {error}");
        output.ShouldNotContain("\"price\"");
        output.TrimEnd().ShouldNotContain('\n');
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["error"]);
        JsonElement e = doc.RootElement.GetProperty("error");
        e.EnumerateObject().Select(p => p.Name).ShouldBe(["kind", "message"]);
        e.GetProperty("kind").GetString().ShouldBe(kind, error);
        string message = e.GetProperty("message").GetString()!;

        string line = error.TrimEnd('\r', '\n');
        line.ShouldNotContain('\n', customMessage: "exactly one line");
        line.ShouldBe("error: " + message);
        return message;
    }

    [Fact]
    public async Task Json_18Decimals_PriceIsExactAndAnswerIsTheRawInteger()
    {
        long updated = Now - 60;
        await Chain.SetRoundAsync(Chain.Aggregator, 5, BigInteger.Parse("31250000000000000000", CultureInfo.InvariantCulture), updated - 5, updated, 5);

        var (code, output, error) = await OracleAsync(Chain.Aggregator, "--json", "--chain-id", "31337");

        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        output.TrimEnd().ShouldNotContain('\n');
        output.ShouldContain("\"price\":31.25,");
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["feed", "description", "decimals", "roundId", "answer", "price", "updatedAt", "ageSeconds"]);
        string feed = root.GetProperty("feed").GetString()!;
        feed.ToLowerInvariant().ShouldBe(Chain.Aggregator);
        feed.ShouldBe(NftCollateral.Sdk.Evm.Address.Parse(Chain.Aggregator).ToString());
        root.GetProperty("description").GetString().ShouldBe("TAPE / ETH");
        root.GetProperty("decimals").GetInt32().ShouldBe(18);
        root.GetProperty("roundId").GetString().ShouldBe("5");
        root.GetProperty("answer").GetString().ShouldBe("31250000000000000000");
        root.GetProperty("price").GetDecimal().ShouldBe(31.25m);
        root.GetProperty("updatedAt").GetString().ShouldBe(Iso(updated));
        root.GetProperty("ageSeconds").GetInt64().ShouldBeInRange(55, 120);
    }

    [Fact]
    public async Task Json_18Decimals_LargeAnswerKeepsEveryDigit()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 9, BigInteger.Parse("123456789012345678901234567", CultureInfo.InvariantCulture), Now, Now, 9);

        var (code, output, error) = await OracleAsync(Chain.Aggregator, "--json");

        code.ShouldBe(0, error);
        output.ShouldContain("\"answer\":\"123456789012345678901234567\",\"price\":123456789.012345678901234567,");
    }

    [Fact]
    public async Task Json_8Decimals()
    {
        long updated = Now - 10;
        await Chain.SetRoundAsync(Chain.Aggregator8, 42, 123456789012, updated, updated, 42);

        var (code, output, error) = await OracleAsync(Chain.Aggregator8, "--json");

        code.ShouldBe(0, error);
        output.ShouldContain("\"answer\":\"123456789012\",\"price\":1234.56789012,");
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("description").GetString().ShouldBe("ETH / USD");
        doc.RootElement.GetProperty("decimals").GetInt32().ShouldBe(8);
        doc.RootElement.GetProperty("roundId").GetString().ShouldBe("42");
        doc.RootElement.GetProperty("price").GetDecimal().ShouldBe(1234.56789012m);
    }

    [Fact]
    public async Task Json_SameReadTwice_IsByteIdenticalButForTheAge()
    {
        await Chain.SetRoundAsync(Chain.Aggregator8, 3, 250000000000, Now - 30, Now - 30, 3);

        var (code1, first, _) = await OracleAsync(Chain.Aggregator8, "--json");
        var (code2, second, _) = await OracleAsync(Chain.Aggregator8, "--json");

        code1.ShouldBe(0);
        code2.ShouldBe(0);
        var age = new Regex("\"ageSeconds\":-?[0-9]+", RegexOptions.None, TimeSpan.FromSeconds(1));
        age.IsMatch(first).ShouldBeTrue();
        age.Replace(second, "AGE").ShouldBe(age.Replace(first, "AGE"));
    }

    [Fact]
    public async Task Human_ShowsDescriptionPriceAndRound()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 5, BigInteger.Parse("31250000000000000000", CultureInfo.InvariantCulture), Now, Now, 5);

        var (code, output, error) = await OracleAsync(Chain.Aggregator);

        code.ShouldBe(0, error);
        output.ShouldStartWith($"TAPE / ETH: 31.25 (feed {NftCollateral.Sdk.Evm.Address.Parse(Chain.Aggregator)}, 18 decimals)");
        output.ShouldContain("round 5, raw answer 31250000000000000000");
        output.ShouldContain("(max age 90000 s)");
    }

    [Fact]
    public async Task Stale_OlderThanMaxAge()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 5, 1_000_000_000_000_000_000, Now - 3600, Now - 3600, 5);

        string message = await RejectedAsync(Chain.Aggregator, "Stale", "--max-age", "60");
        message.ShouldContain("the maximum age is 60 s");
    }

    [Fact]
    public async Task DefaultMaxAge_Is90000Seconds()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 5, 1_000_000_000_000_000_000, Now - 89_000, Now - 89_000, 5);
        (await OracleAsync(Chain.Aggregator, "--json")).ExitCode.ShouldBe(0);

        await Chain.SetRoundAsync(Chain.Aggregator, 6, 1_000_000_000_000_000_000, Now - 91_000, Now - 91_000, 6);
        (await RejectedAsync(Chain.Aggregator, "Stale")).ShouldContain("the maximum age is 90000 s");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task NonPositiveAnswer(long answer)
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 5, answer, Now, Now, 5);

        (await RejectedAsync(Chain.Aggregator, "NonPositiveAnswer")).ShouldContain(string.Create(CultureInfo.InvariantCulture, $"answered {answer}"));
    }

    [Fact]
    public async Task IncompleteRound_UpdatedAtZero()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 5, 1_000_000, Now, 0, 5);

        (await RejectedAsync(Chain.Aggregator, "IncompleteRound")).ShouldContain("updatedAt = 0");
    }

    [Fact]
    public async Task IncompleteRound_AnsweredInEarlierRound()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 7, 1_000_000, Now, Now, 6);

        (await RejectedAsync(Chain.Aggregator, "IncompleteRound")).ShouldContain("answeredInRound 6 is before roundId 7");
    }

    [Fact]
    public async Task NoContract_AtAnAddressWithoutCode()
    {
        (await RejectedAsync("0x2222222222222222222222222222222222222222", "NoContract")).ShouldContain("no contract");
    }

    [Fact]
    public async Task Reverted_FeedPaused()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 5, 1_000_000, Now, Now, 5);
        await Chain.SetRevertModeAsync(Chain.Aggregator, 1);

        (await RejectedAsync(Chain.Aggregator, "Reverted")).ShouldContain("feed paused");
    }

    [Theory]
    [InlineData(2, "Panic")]
    [InlineData(3, "0x")]
    public async Task Reverted_PanicAndCustomError(int mode, string mention)
    {
        await Chain.SetRoundAsync(Chain.Aggregator8, 5, 1_000_000, Now, Now, 5);
        await Chain.SetRevertModeAsync(Chain.Aggregator8, mode);

        (await RejectedAsync(Chain.Aggregator8, "Reverted")).ShouldContain(mention);
    }

    [Fact]
    public async Task NotAFeed_ContractWhoseCallsReturnNothing()
    {
        // Runtime code 0x00 (STOP): every call succeeds with empty return data, so decimals() returns 0x from a contract.
        const string Stub = "0x3333333333333333333333333333333333333333";
        await fixture.Node.SetCodeAsync(Stub, "0x00");

        (await RejectedAsync(Stub, "NotAFeed")).ShouldContain("not an AggregatorV3 feed");
    }

    [Fact]
    public async Task SolidityContractsThatAreNotFeeds_RevertWithoutData_AreNotAFeed()
    {
        // A Solidity contract without decimals() and without a fallback reverts with empty data: the SDK reports
        // OracleErrorKind.NoSource for that case, so the CLI says NotAFeed.
        (await RejectedAsync(Chain.Nft, "NotAFeed")).ShouldContain("decimals()");
        (await RejectedAsync(Chain.Reverter, "NotAFeed")).ShouldContain("decimals()");
    }

    [Fact]
    public async Task Rpc_UnreachableNode()
    {
        (await RejectedAsync(Chain.Aggregator, "Rpc", "--rpc", DeadEndpoints.ClosedPort())).ShouldContain("could not exchange");
    }

    [Fact]
    public async Task Rpc_WrongChainId()
    {
        (await RejectedAsync(Chain.Aggregator, "Rpc", "--chain-id", "1")).ShouldContain("serves chain id 31337, but chain id 1 was expected");
    }

    [Fact]
    public async Task Rejected_WithoutJson_OnlyTheErrorLine()
    {
        await Chain.SetRoundAsync(Chain.Aggregator, 5, 0, Now, Now, 5);

        var (code, output, error) = await OracleAsync(Chain.Aggregator);

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        string line = error.TrimEnd('\r', '\n');
        line.ShouldStartWith("error: Oracle NonPositiveAnswer from 'chainlink:");
        line.ShouldNotContain('\n');
    }

    [Fact]
    public void RealProcess_NoContract_ExitCodeOneJsonErrorAndOneLine()
    {
        var (code, output, error) = CliRunner.RunProcess("oracle", "--rpc", fixture.Rpc, "--feed", "0x4444444444444444444444444444444444444444", "--json");

        code.ShouldBe(1);
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("error").GetProperty("kind").GetString().ShouldBe("NoContract");
        error.Trim().Split('\n').Length.ShouldBe(1);
    }
}
