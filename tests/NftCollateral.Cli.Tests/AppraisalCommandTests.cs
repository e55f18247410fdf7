using System.Text.Json;

namespace NftCollateral.Cli.Tests;

/// <summary><c>nftc appraise</c>, <c>backtest</c> and <c>ltv</c> on the shared CryptoPunks files, and their bad input.</summary>
public sealed class AppraisalCommandTests
{
    private static readonly string Traits = CliRunner.SharedPath("data", "cryptopunks-traits.json");
    private static readonly string Sales = CliRunner.SharedPath("data", "cryptopunks-sales.csv");
    private static readonly string Floors = CliRunner.SharedPath("data", "cryptopunks-floor-onchain-daily.csv");

    private static string[] Data(params string[] rest) =>
        ["--traits", Traits, "--sales", Sales, "--floors", Floors, "--collection", "cryptopunks", .. rest];

    [Fact]
    public async Task Appraise_Json_HasTheContractShape()
    {
        var (code, output, error) = await CliRunner.RunAsync(["appraise", .. Data("--token", "2", "--as-of", "2021-10-01", "--json")]);

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["tokenId", "asOf", "value", "low", "high", "confidence", "breakdown"]);
        root.GetProperty("tokenId").GetString().ShouldBe("2");
        root.GetProperty("asOf").GetString().ShouldBe("2021-10-01");
        double value = root.GetProperty("value").GetDouble();
        root.GetProperty("low").GetDouble().ShouldBeLessThan(value);
        root.GetProperty("high").GetDouble().ShouldBeGreaterThan(value);
        root.GetProperty("confidence").GetDouble().ShouldBeInRange(0, 1);
        JsonElement b = root.GetProperty("breakdown");
        b.GetProperty("floor").GetDecimal().ShouldBe(124.5m);
        b.GetProperty("traitDrivers").GetArrayLength().ShouldBeGreaterThan(0);
        b.GetProperty("comparables").ValueKind.ShouldBe(JsonValueKind.Array);
        double product = b.GetProperty("floor").GetDouble() * b.GetProperty("marketLevel").GetDouble() * b.GetProperty("traitPremium").GetDouble()
            * b.GetProperty("comparablesAdjustment").GetDouble() * b.GetProperty("ownSaleAdjustment").GetDouble();
        product.ShouldBe(value, 1e-6 * value);
        b.GetProperty("liquidity").GetProperty("haircutBps").GetDecimal().ShouldBeGreaterThanOrEqualTo(0m);
    }

    [Fact]
    public async Task Appraise_Human_NamesEveryFactor()
    {
        var (code, output, error) = await CliRunner.RunAsync(["appraise", .. Data("--token", "7804", "--as-of", "2021-09-15")]);
        code.ShouldBe(0, error);
        output.ShouldContain("cryptopunks #7804");
        output.ShouldContain("market level");
        output.ShouldContain("trait premium");
        output.ShouldContain("Type: Alien");
        output.ShouldContain("note: thin data");
    }

    [Fact]
    public async Task Backtest_NftBankWindow_JsonContractAndBaseline()
    {
        var (code, output, error) = await CliRunner.RunAsync(["backtest", .. Data("--from", "2021-09-01", "--to", "2021-10-03", "--json")]);

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.EnumerateObject().Take(8).Select(p => p.Name).ShouldBe(["n", "excluded", "mape", "mdape", "p95ape", "within10", "within20", "baselineFloorOnly"]);
        root.GetProperty("n").GetInt32().ShouldBe(593);
        root.GetProperty("excluded").GetInt32().ShouldBe(0);
        root.GetProperty("mape").GetDouble().ShouldBeLessThan(0.0997);
        JsonElement baseline = root.GetProperty("baselineFloorOnly");
        baseline.EnumerateObject().Select(p => p.Name).ShouldBe(["mape", "mdape", "p95ape", "within10", "within20"]);
        baseline.GetProperty("mape").GetDouble().ShouldBe(0.151, 0.0005);
        baseline.GetProperty("mdape").GetDouble().ShouldBe(0.108, 0.0005);
        root.GetProperty("months").GetArrayLength().ShouldBe(2);
    }

    [Theory]
    [InlineData("fixed", new string[0], 124.5, 0.4, 49.8, 0.8, 62.25)]
    [InlineData("fixed", new[] { "--tier", "standard" }, 124.5, 0.3, 37.35, 0.8, 46.6875)]
    [InlineData("rarity", new[] { "--multiplier", "1.5", "--ltv", "0.5" }, 186.75, 0.5, 93.375, 0.8, 116.71875)]
    [InlineData("trait-boost", new[] { "--boost", "Type=Female:+0.1", "--value-multiplier", "Type=Female:1.2" }, 149.4, 0.42, 62.748, 0.43, 145.92558139534883720930232558)]
    public async Task Ltv_Json_WorkedValuesOnTheFloorOf20211001(string model, string[] extra, double value, double maxLtv, double borrow, double threshold, double price)
    {
        var (code, output, error) = await CliRunner.RunAsync(["ltv", .. Data("--token", "2", "--as-of", "2021-10-01", "--model", model, "--json"), .. extra]);

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.EnumerateObject().Take(5).Select(p => p.Name).ShouldBe(["value", "maxLtv", "borrowLimit", "liquidationThreshold", "liquidationPrice"]);
        root.GetProperty("value").GetDouble().ShouldBe(value, 1e-9);
        root.GetProperty("maxLtv").GetDouble().ShouldBe(maxLtv, 1e-9);
        root.GetProperty("borrowLimit").GetDouble().ShouldBe(borrow, 1e-9);
        root.GetProperty("liquidationThreshold").GetDouble().ShouldBe(threshold, 1e-9);
        root.GetProperty("liquidationPrice").GetDouble().ShouldBe(price, 1e-9);
        root.GetProperty("model").GetString().ShouldBe(model);
    }

    [Theory]
    [InlineData("liquidity")]
    [InlineData("risk")]
    public async Task Ltv_Json_AppraisalBasedModels_StayWithinTheirBounds(string model)
    {
        var (code, output, error) = await CliRunner.RunAsync(["ltv", .. Data("--token", "2", "--as-of", "2021-10-01", "--model", model, "--json")]);

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        double value = root.GetProperty("value").GetDouble();
        double maxLtv = root.GetProperty("maxLtv").GetDouble();
        maxLtv.ShouldBeInRange(0.05, 0.95);
        root.GetProperty("borrowLimit").GetDouble().ShouldBe(maxLtv * value, 1e-6 * value);
        root.GetProperty("liquidationThreshold").GetDouble().ShouldBeGreaterThanOrEqualTo(maxLtv);
        root.GetProperty("reasoning").GetArrayLength().ShouldBeGreaterThan(2);
    }

    public static TheoryData<string[], string> BadRequests => new()
    {
        { ["appraise", .. Data("--token", "10000", "--as-of", "2021-10-01")], "token 10000" },
        { ["appraise", .. Data("--token", "2", "--as-of", "2019-06-01")], "floor data covers" },
        { ["appraise", .. Data("--token", "2", "--as-of", "2021-13-01")], "--as-of" },
        { ["backtest", .. Data("--from", "2021-10-03", "--to", "2021-09-01")], "before --from" },
        { ["backtest", .. Data("--from", "2019-01-01", "--to", "2019-02-01")], "floor data covers" },
        { ["ltv", .. Data("--token", "2", "--as-of", "2021-10-01", "--model", "magic")], "error:" },
        { ["ltv", .. Data("--token", "2", "--as-of", "2021-10-01", "--model", "fixed", "--multiplier", "2")], "--multiplier" },
        { ["ltv", .. Data("--token", "2", "--as-of", "2021-10-01", "--model", "trait-boost", "--boost", "Type")], "--boost" },
        { ["ltv", .. Data("--token", "2", "--as-of", "2021-10-01", "--model", "fixed", "--ltv", "1.5")], "--model fixed" },
        { ["appraise", .. Data("--token", "2", "--as-of", "2021-10-01").Select(a => a == "cryptopunks" ? "bayc" : a)], "no sales of collection 'bayc'" },
        { ["ltv", .. Data("--token", "2", "--as-of", "2021-01-10", "--model", "risk")], "at least 30" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_ExitsTwoWithOneLine(string[] args, string mention)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        string line = error.TrimEnd('\r', '\n');
        line.ShouldStartWith("error: ");
        line.ShouldNotContain('\n');
        line.ShouldContain(mention);
        line.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task NoSalesBeforeTheDate_AndEmptyTraits_ExitTwo()
    {
        using var traits = new TempFile("""{"tokens": [{"id": 1, "traits": {"Hat": "a"}}, {"id": 2, "traits": {"Hat": "b"}}]}""");
        using var sales = new TempFile("collection,token_id,timestamp_utc,price_eth\ntiny,1,2022-01-10T00:00:00Z,1.5\ntiny,2,2022-01-11T00:00:00Z,1.2\n", ".csv");
        using var floors = new TempFile("collection,date,floor_eth\n" + string.Concat(Enumerable.Range(1, 20).Select(d => $"tiny,2022-01-{d:00},1.0\n")), ".csv");
        using var empty = new TempFile("""{"tokens": []}""");

        var (code, output, error) = await CliRunner.RunAsync("appraise", "--traits", traits.Path, "--sales", sales.Path, "--floors", floors.Path, "--collection", "tiny", "--token", "1", "--as-of", "2022-01-05");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.Trim().ShouldBe("error: no sales of 'tiny' on or before 2022-01-05 (the first is on 2022-01-10)");

        (code, _, error) = await CliRunner.RunAsync("appraise", "--traits", empty.Path, "--sales", sales.Path, "--floors", floors.Path, "--collection", "tiny", "--token", "1", "--as-of", "2022-01-15");
        code.ShouldBe(2);
        error.ShouldContain(empty.Path);
        error.ShouldContain("no tokens");

        // Thin data is answered, with a wide range and a low confidence rather than an error.
        (code, output, error) = await CliRunner.RunAsync("appraise", "--traits", traits.Path, "--sales", sales.Path, "--floors", floors.Path, "--collection", "tiny", "--token", "1", "--as-of", "2022-01-15", "--json");
        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("confidence").GetDouble().ShouldBeLessThan(0.5);
        doc.RootElement.GetProperty("breakdown").GetProperty("notes").GetArrayLength().ShouldBeGreaterThan(0);
    }
}
