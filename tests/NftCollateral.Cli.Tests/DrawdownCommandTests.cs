using System.Text.Json;

namespace NftCollateral.Cli.Tests;

/// <summary><c>nftc drawdown</c>: the spec's §2 figures from the shared files, the JSON shape, and bad input.</summary>
public sealed class DrawdownCommandTests
{
    private static readonly string Onchain = CliRunner.SharedPath("data", "cryptopunks-floor-onchain-daily.csv");
    private static readonly string Proxy = CliRunner.SharedPath("data", "bayc-cryptopunks-floor-proxy-daily.csv");
    private static readonly string EthUsd = CliRunner.SharedPath("data", "eth-usd-daily.csv");

    private static async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(["drawdown", .. args, "--json"]);
        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        output.Trim().ShouldNotContain('\n', customMessage: "one JSON document on one line");
        using JsonDocument doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static Task<string> RunBadAsync(params string[] args) => CliRunner.RunBadInputAsync(["drawdown", .. args]);

    [Fact]
    public async Task Json_PunksEth2022Window7_SpecRow()
    {
        JsonElement root = await RunJsonAsync("--floors", Onchain, "--collection", "cryptopunks", "--window", "7", "--year", "2022");

        // Spec §2: 21.1% (01-28→02-04), worst 7d c2c −21.1%, daily σ 2.92%.
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["maxDrawdown", "peak", "trough", "worstReturn", "dailyVolatility"]);
        root.GetProperty("maxDrawdown").GetDouble().ShouldBe(0.211, 0.0005);
        root.GetProperty("peak").GetString().ShouldBe("2022-01-28");
        root.GetProperty("trough").GetString().ShouldBe("2022-02-04");
        root.GetProperty("worstReturn").GetDouble().ShouldBe(-0.211, 0.0005);
        root.GetProperty("dailyVolatility").GetDouble().ShouldBe(0.0292, 0.00005);
    }

    [Fact]
    public async Task Json_PunksEth2022Window30_SpecRow()
    {
        JsonElement root = await RunJsonAsync("--floors", Onchain, "--collection", "cryptopunks", "--window", "30", "--year", "2022");

        root.GetProperty("maxDrawdown").GetDouble().ShouldBe(0.263, 0.0005); // 26.3% (04-25→05-25)
        root.GetProperty("peak").GetString().ShouldBe("2022-04-25");
        root.GetProperty("trough").GetString().ShouldBe("2022-05-25");
    }

    [Fact]
    public async Task Json_PunksUsd2022Window7_SpecRow()
    {
        JsonElement root = await RunJsonAsync("--floors", Onchain, "--collection", "cryptopunks", "--window", "7", "--year", "2022", "--currency", "usd", "--eth-usd", EthUsd);

        root.GetProperty("maxDrawdown").GetDouble().ShouldBe(0.417, 0.0005); // 41.7% (05-05→05-12)
        root.GetProperty("peak").GetString().ShouldBe("2022-05-05");
        root.GetProperty("trough").GetString().ShouldBe("2022-05-12");
        root.GetProperty("worstReturn").GetDouble().ShouldBe(-0.417, 0.0005);
        root.GetProperty("dailyVolatility").GetDouble().ShouldBe(0.0565, 0.00005);
    }

    [Fact]
    public async Task Json_BaycProxy2022Window7_OutliersDroppedAsSpec()
    {
        JsonElement root = await RunJsonAsync("--floors", Proxy, "--collection", "bayc", "--window", "7", "--year", "2022");

        root.GetProperty("maxDrawdown").GetDouble().ShouldBe(0.343, 0.0005); // 34.3% (02-19→02-23)
        root.GetProperty("peak").GetString().ShouldBe("2022-02-19");
        root.GetProperty("trough").GetString().ShouldBe("2022-02-23");
        root.GetProperty("worstReturn").GetDouble().ShouldBe(-0.342, 0.0005);
        root.GetProperty("dailyVolatility").GetDouble().ShouldBe(0.0391, 0.00005);
    }

    [Fact]
    public async Task Json_NoYear_WholeSeries_PunksAugust2021Crash()
    {
        // Over 2020-12-29..2024-12-31 the largest 7-day fall is 2021's 31.0% (08-28→09-01), above every other year's row.
        JsonElement root = await RunJsonAsync("--floors", Onchain, "--collection", "cryptopunks", "--window", "7");

        root.GetProperty("maxDrawdown").GetDouble().ShouldBe(0.310, 0.0005);
        root.GetProperty("peak").GetString().ShouldBe("2021-08-28");
        root.GetProperty("trough").GetString().ShouldBe("2021-09-01");
    }

    [Fact]
    public async Task Human_ShowsFiguresAndDates()
    {
        var (code, output, error) = await CliRunner.RunAsync("drawdown", "--floors", Onchain, "--collection", "cryptopunks", "--window", "7", "--year", "2022");

        code.ShouldBe(0, error);
        output.ShouldContain("cryptopunks floor in ETH, 2022-01-01 to 2022-12-31, window 7 days");
        output.ShouldContain("21.1%");
        output.ShouldContain("peak 2022-01-28");
        output.ShouldContain("trough 2022-02-04");
        output.ShouldContain("-21.1%");
        output.ShouldContain("2.92%");
        output.ShouldContain("56% annualised");
    }

    [Fact]
    public async Task BadFloorRow_NamesFileLineAndField()
    {
        using var file = new TempFile("collection,date,floor_eth\nx,2024-01-01,5\nx,2024-01-02,-1\nx,2024-01-03,4\n", ".csv");

        string line = await RunBadAsync("--floors", file.Path, "--collection", "x", "--window", "7");

        line.ShouldBe($"error: {file.Path}:3: field 'floor_eth': must be positive, not -1");
    }

    [Fact]
    public async Task DuplicateDate_NamesFileLineAndField()
    {
        using var file = new TempFile("collection,date,floor_eth\nx,2024-01-01,5\nx,2024-01-01,4\n", ".csv");

        string line = await RunBadAsync("--floors", file.Path, "--collection", "x", "--window", "7");

        line.ShouldContain($"{file.Path}:3");
        line.ShouldContain("'date'");
        line.ShouldContain("duplicate date 2024-01-01");
    }

    [Fact]
    public async Task BadEthUsdRow_NamesFileLineAndField()
    {
        using var prices = new TempFile("date,eth_usd_close\n2024-01-01,2000\n2024-01-02,abc\n", ".csv");

        string line = await RunBadAsync("--floors", Onchain, "--collection", "cryptopunks", "--window", "7", "--currency", "usd", "--eth-usd", prices.Path);

        line.ShouldBe($"error: {prices.Path}:3: field 'eth_usd_close': not a number: 'abc'");
    }

    [Fact]
    public async Task EthUsdMissingADay_NamesTheDate()
    {
        using var floors = new TempFile("collection,date,floor_eth\nx,2024-01-01,5\nx,2024-01-02,4\nx,2024-01-03,3\n", ".csv");
        using var prices = new TempFile("date,eth_usd_close\n2024-01-01,2000\n2024-01-03,2100\n", ".csv");

        string line = await RunBadAsync("--floors", floors.Path, "--collection", "x", "--window", "1", "--currency", "usd", "--eth-usd", prices.Path);

        line.ShouldContain(prices.Path);
        line.ShouldContain("no ETH/USD close for 2024-01-02");
    }

    [Fact]
    public async Task UnknownCollection_NamesFileAndCollections()
    {
        string line = await RunBadAsync("--floors", Proxy, "--collection", "azuki", "--window", "7");

        line.ShouldContain(Proxy);
        line.ShouldContain("'azuki'");
        line.ShouldContain("bayc, cryptopunks");
    }

    [Fact]
    public async Task YearWithoutData_ExitsTwo()
    {
        string line = await RunBadAsync("--floors", Onchain, "--collection", "cryptopunks", "--window", "7", "--year", "2019");

        line.ShouldContain(Onchain);
        line.ShouldContain("2019-01-01..2019-12-31");
    }

    [Fact]
    public async Task MissingFile_ExitsTwo()
    {
        string line = await RunBadAsync("--floors", "/nonexistent/floors.csv", "--collection", "x", "--window", "7");

        line.ShouldBe("error: /nonexistent/floors.csv: file not found");
    }

    [Theory]
    [InlineData("--window", "0")]
    [InlineData("--window", "seven")]
    [InlineData("--year", "0")]
    [InlineData("--currency", "gbp")]
    [InlineData("--currency", "usd")]
    public async Task BadUsage_ExitsTwoWithOneLine(string option, string value)
    {
        string[] args = option == "--window"
            ? ["--floors", Onchain, "--collection", "cryptopunks", option, value]
            : ["--floors", Onchain, "--collection", "cryptopunks", "--window", "7", option, value];

        await RunBadAsync(args);
    }

    [Fact]
    public async Task MissingRequiredOptions_ExitsTwo()
    {
        await RunBadAsync("--floors", Onchain, "--window", "7");
        await RunBadAsync("--collection", "cryptopunks", "--window", "7");
    }
}
