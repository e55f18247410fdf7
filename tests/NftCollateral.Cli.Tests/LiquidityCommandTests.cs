using System.Text.Json;

namespace NftCollateral.Cli.Tests;

public sealed class LiquidityCommandTests
{
    // Independent oracle: the file's own text. Rows of the collection dated in [2021-12-02, 2022-01-01) (30 days to the
    // end of 2021-12-31), split into those the file flags suspect_low_price = 1 (left out, as by the floor estimators) and the rest.
    private static (int Kept, int Flagged) CountPunksDecember2021(string path)
    {
        int kept = 0;
        int flagged = 0;
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            string day = f[2][..10];
            if (f[0] == "cryptopunks" && string.CompareOrdinal(day, "2021-12-02") >= 0 && string.CompareOrdinal(day, "2022-01-01") < 0)
            {
                if (f[10] == "1")
                {
                    flagged++;
                }
                else
                {
                    kept++;
                }
            }
        }

        return (kept, flagged);
    }

    [Fact]
    public async Task Json_SalesPerDay_IsRowsInTheWindowOverThirty()
    {
        string path = CliRunner.SharedPath("data", "cryptopunks-sales.csv");
        (int kept, int flagged) = CountPunksDecember2021(path);
        kept.ShouldBeGreaterThan(100);

        var (code, output, error) = await CliRunner.RunAsync("liquidity", "--sales", path, "--collection", "cryptopunks", "--as-of", "2021-12-31", "--window", "30", "--position", "50", "--json");

        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["collection", "asOf", "windowDays", "salesPerDay", "daysToLiquidate", "haircutBps"]);
        root.GetProperty("collection").GetString().ShouldBe("cryptopunks");
        root.GetProperty("asOf").GetString().ShouldBe("2021-12-31");
        root.GetProperty("windowDays").GetDouble().ShouldBe(30);
        decimal salesPerDay = root.GetProperty("salesPerDay").GetDecimal();
        salesPerDay.ShouldBe(kept / 30m);

        // 50 NFTs at kept/30 per day = 1500/kept days; beyond the 1 free day at 100 bps per day.
        decimal days = 1500m / kept;
        Math.Abs(root.GetProperty("daysToLiquidate").GetDecimal() - days).ShouldBeLessThan(1e-20m);
        Math.Abs(root.GetProperty("haircutBps").GetDecimal() - ((days - 1) * 100)).ShouldBeLessThan(1e-18m);

        // The two flagged rows are left out; counting them would give (kept + flagged) / 30.
        flagged.ShouldBeGreaterThan(0);
        salesPerDay.ShouldNotBe((kept + flagged) / 30m);
    }

    [Fact]
    public async Task Json_OneNft_ClearsWithinTheFreeDay_ZeroHaircut()
    {
        string path = CliRunner.SharedPath("data", "cryptopunks-sales.csv");
        (int kept, _) = CountPunksDecember2021(path);
        var (code, output, error) = await CliRunner.RunAsync("liquidity", "--sales", path, "--collection", "CryptoPunks", "--as-of", "2021-12-31", "--json");
        code.ShouldBe(0, error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        root.GetProperty("windowDays").GetDouble().ShouldBe(30);
        Math.Abs(root.GetProperty("daysToLiquidate").GetDecimal() - (30m / kept)).ShouldBeLessThan(1e-20m);
        root.GetProperty("haircutBps").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task Human_ShowsEveryFigure()
    {
        using var file = new TempFile("collection,token_id,timestamp_utc,price_eth\nc,1,2021-01-01T00:00:00Z,10\nc,2,2021-01-02T00:00:00Z,20\nc,3,2021-01-04T00:00:00Z,40\nc,4,2021-01-05T00:00:00Z,40\n", ".csv");
        // window 4 days to the end of 2021-01-04: [01-01, 01-05) → 3 sales → 0.75/day; 6 NFTs → 8 days → 7 × 100 = 700 bps
        var (code, output, error) = await CliRunner.RunAsync("liquidity", "--sales", file.Path, "--collection", "c", "--as-of", "2021-01-04", "--window", "4", "--position", "6");
        code.ShouldBe(0, error);
        output.ShouldContain("c liquidity as of end of 2021-01-04 UTC");
        output.ShouldContain("sales per day: 0.75 (3 sale(s) in 4 days)");
        output.ShouldContain("days to liquidate 6 NFT(s): 8 ");
        output.ShouldContain("haircut (sales only, no order book): 700 bps");

        (code, output, error) = await CliRunner.RunAsync("liquidity", "--sales", file.Path, "--collection", "c", "--as-of", "2021-01-04", "--window", "4", "--position", "6", "--json");
        code.ShouldBe(0, error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        root.GetProperty("salesPerDay").GetDecimal().ShouldBe(0.75m);
        root.GetProperty("daysToLiquidate").GetDecimal().ShouldBe(8m);
        root.GetProperty("haircutBps").GetDecimal().ShouldBe(700m);
        root.GetProperty("windowDays").GetDouble().ShouldBe(4);
    }

    [Theory]
    [InlineData("--position", "0")]
    [InlineData("--position", "-3")]
    [InlineData("--position", "two")]
    [InlineData("--window", "0")]
    [InlineData("--window", "-5")]
    [InlineData("--as-of", "31/12/2021")]
    [InlineData("--collection", "bayc")]
    [InlineData("--sales", "/nonexistent/sales.csv")]
    public async Task BadUsage_ExitsTwoWithOneLine(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--sales"] = CliRunner.SharedPath("data", "cryptopunks-sales.csv"),
            ["--collection"] = "cryptopunks",
            ["--as-of"] = "2021-12-31",
        };
        args[option] = value;
        var (code, output, error) = await CliRunner.RunAsync(["liquidity", .. args.SelectMany(p => new[] { p.Key, p.Value }), "--json"]);
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.TrimEnd('\r', '\n').ShouldNotContain('\n');
        error.ShouldStartWith("error: ");
    }

    [Fact]
    public async Task BadFile_ExitsTwoNamingLineAndField()
    {
        using var file = new TempFile("collection,token_id,timestamp_utc,price_eth\nc,1,2021-01-01T00:00:00Z,10\nc,2,2021-01-02T00:00:00Z,-4\n", ".csv");
        var (code, output, error) = await CliRunner.RunAsync("liquidity", "--sales", file.Path, "--collection", "c", "--as-of", "2021-01-10");
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        string message = error.TrimEnd('\r', '\n');
        message.ShouldNotContain('\n');
        message.ShouldContain(file.Path + ":3");
        message.ShouldContain("price_eth");
    }

    [Fact]
    public async Task EmptyWindow_ExitsOne_NoZeroRate()
    {
        var (code, output, error) = await CliRunner.RunAsync("liquidity", "--sales", CliRunner.SharedPath("data", "cryptopunks-sales.csv"), "--collection", "cryptopunks", "--as-of", "2016-01-01", "--json");
        code.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("no usable sales");
        error.TrimEnd('\r', '\n').ShouldNotContain('\n');
    }
}
