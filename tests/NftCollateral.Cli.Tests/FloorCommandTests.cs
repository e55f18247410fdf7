using System.Globalization;
using System.Text.Json;

namespace NftCollateral.Cli.Tests;

public sealed class FloorCommandTests
{
    [Fact]
    public async Task Json_Vwap_MeanOfUnflaggedSalesInThe30DaysToTheEndOfAsOfDay()
    {
        string path = CliRunner.SharedPath("data", "cryptopunks-sales.csv");
        var (code, output, error) = await CliRunner.RunAsync("floor", "--sales", path, "--collection", "cryptopunks", "--as-of", "2021-03-31", "--method", "vwap", "--json");

        code.ShouldBe(0, error);
        error.ShouldBeEmpty();

        // Independent oracle: the file's own columns. Window [2021-03-02, 2021-04-01), suspect_low_price = 1 rows left out.
        var start = new DateTime(2021, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(2021, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var prices = new List<decimal>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            DateTime t = DateTime.Parse(f[2], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            if (t >= start && t < end && f[10] != "1")
            {
                prices.Add(decimal.Parse(f[3], CultureInfo.InvariantCulture));
            }
        }

        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.GetProperty("collection").GetString().ShouldBe("cryptopunks");
        root.GetProperty("asOf").GetString().ShouldBe("2021-03-31");
        root.GetProperty("method").GetString().ShouldBe("vwap");
        root.GetProperty("samples").GetInt32().ShouldBe(prices.Count);
        root.GetProperty("floor").ValueKind.ShouldBe(JsonValueKind.Number);
        Math.Abs(root.GetProperty("floor").GetDouble() - (double)(prices.Sum() / prices.Count)).ShouldBeLessThan(1e-9);
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["collection", "asOf", "method", "floor", "samples"]);
    }

    [Fact]
    public async Task Json_Lower_TakesTheSpotWhenBelowTheTwap()
    {
        using var file = new TempFile("collection,token_id,timestamp_utc,price_eth\nc,1,2021-01-01T00:00:00Z,10\nc,2,2021-01-02T00:00:00Z,20\nc,3,2021-01-04T00:00:00Z,40\n", ".csv");
        // TWAP as of 2021-01-05T00:00Z: (10 + 40 + 40) / 4 = 22.5
        var (code, output, error) = await CliRunner.RunAsync("floor", "--sales", file.Path, "--collection", "C", "--as-of", "2021-01-04", "--method", "twap", "--json");
        code.ShouldBe(0, error);
        JsonDocument.Parse(output).RootElement.GetProperty("floor").GetDouble().ShouldBe(22.5, 1e-9);

        (code, output, error) = await CliRunner.RunAsync("floor", "--sales", file.Path, "--collection", "c", "--as-of", "2021-01-04", "--method", "lower", "--spot", "15", "--json");
        code.ShouldBe(0, error);
        JsonDocument.Parse(output).RootElement.GetProperty("floor").GetDouble().ShouldBe(15);
        JsonDocument.Parse(output).RootElement.GetProperty("samples").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Human_ShowsFloorWindowAndFlaggedCount()
    {
        var (code, output, _) = await CliRunner.RunAsync("floor", "--sales", CliRunner.SharedPath("data", "cryptopunks-sales.csv"), "--collection", "cryptopunks", "--as-of", "2021-03-31", "--method", "adaptive");
        code.ShouldBe(0);
        output.ShouldContain("cryptopunks floor (adaptive)");
        output.ShouldContain(" ETH");
        output.ShouldContain("50 flagged");
    }

    [Theory]
    [InlineData("c,1,2021-01-01T00:00:00Z,10\nc,2,2021-01-02T00:00:00Z,abc\n", ":3", "price_eth")]
    [InlineData("c,1,2021-01-01T00:00:00Z,-1\n", ":2", "price_eth")]
    [InlineData("c,1,2021-02-30,1\n", ":2", "timestamp_utc")]
    [InlineData("c,1,2021-01-01T00:00:00Z\n", ":2", "columns")]
    public async Task BadFile_ExitsTwoWithOneLineNamingFileLineAndField(string rows, string line, string field)
    {
        using var file = new TempFile("collection,token_id,timestamp_utc,price_eth\n" + rows, ".csv");
        var (code, output, error) = await CliRunner.RunAsync("floor", "--sales", file.Path, "--collection", "c", "--as-of", "2021-01-10", "--method", "vwap", "--json");

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        string message = error.TrimEnd('\r', '\n');
        message.ShouldNotContain('\n');
        message.ShouldStartWith("error: ");
        message.ShouldContain(file.Path + line);
        message.ShouldContain(field);
    }

    [Theory]
    [InlineData("--method", "lower")]
    [InlineData("--spot", "2")]
    [InlineData("--as-of", "31/03/2021")]
    [InlineData("--window", "0")]
    [InlineData("--collection", "bayc")]
    [InlineData("--method", "spot")]
    public async Task BadUsage_ExitsTwo(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--sales"] = CliRunner.SharedPath("data", "cryptopunks-sales.csv"),
            ["--collection"] = "cryptopunks",
            ["--as-of"] = "2021-03-31",
            ["--method"] = "vwap",
        };
        args[option] = value;
        var (code, _, error) = await CliRunner.RunAsync(["floor", .. args.SelectMany(p => new[] { p.Key, p.Value })]);
        code.ShouldBe(2);
        error.TrimEnd().ShouldNotContain('\n');
        error.ShouldStartWith("error: ");
    }

    [Fact]
    public async Task MissingFile_ExitsTwo_EmptyWindow_ExitsOne()
    {
        var (code, _, error) = await CliRunner.RunAsync("floor", "--sales", "/nonexistent/sales.csv", "--collection", "c", "--as-of", "2021-01-01", "--method", "vwap");
        code.ShouldBe(2);
        error.ShouldContain("/nonexistent/sales.csv");

        (code, _, error) = await CliRunner.RunAsync("floor", "--sales", CliRunner.SharedPath("data", "cryptopunks-sales.csv"), "--collection", "cryptopunks", "--as-of", "2016-01-01", "--method", "twap", "--json");
        code.ShouldBe(1);
        error.ShouldContain("no usable sales");
    }
}

public sealed class FloorCommandFloorsFileTests
{
    private static readonly string Floors = CliRunner.SharedPath("data", "cryptopunks-floor-onchain-daily.csv");

    [Fact]
    public async Task Spot_IsTheFilesFloorOnTheDate()
    {
        var (code, output, error) = await CliRunner.RunAsync("floor", "--floors", Floors, "--collection", "cryptopunks", "--as-of", "2022-01-28", "--method", "spot", "--json");

        code.ShouldBe(0, error);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        doc.RootElement.GetProperty("floor").GetDecimal().ShouldBe(FloorOn("2022-01-28"));
        doc.RootElement.GetProperty("samples").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Twap_IsTheMeanOfTheWindowsDailyFloors()
    {
        var (code, output, error) = await CliRunner.RunAsync("floor", "--floors", Floors, "--collection", "cryptopunks", "--as-of", "2022-01-28", "--method", "twap", "--window", "7", "--json");

        code.ShouldBe(0, error);
        decimal expected = Enumerable.Range(0, 7).Select(k => FloorOn(new DateOnly(2022, 1, 28).AddDays(-k).ToString("yyyy-MM-dd"))).Sum() / 7;
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        doc.RootElement.GetProperty("floor").GetDecimal().ShouldBe(expected, 1e-12m);
        doc.RootElement.GetProperty("samples").GetInt32().ShouldBe(7);
    }

    [Theory]
    [InlineData("--method", "vwap")]
    [InlineData("--method", "adaptive")]
    [InlineData("--as-of", "2022-01-28T12:00:00Z")]
    [InlineData("--window", "2.5")]
    public async Task FloorsFile_BadCombination_ExitsTwo(string option, string value)
    {
        var args = new Dictionary<string, string> { ["--floors"] = Floors, ["--collection"] = "cryptopunks", ["--as-of"] = "2022-01-28", ["--method"] = "twap" };
        args[option] = value;
        var (code, _, error) = await CliRunner.RunAsync(["floor", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        code.ShouldBe(2);
        error.Trim().ShouldNotContain('\n');
    }

    [Fact]
    public async Task SpotFromSales_OrBothFiles_ExitTwo()
    {
        string sales = CliRunner.SharedPath("data", "cryptopunks-sales.csv");
        (await CliRunner.RunAsync("floor", "--sales", sales, "--collection", "cryptopunks", "--as-of", "2021-12-31", "--method", "spot")).ExitCode.ShouldBe(2);
        (await CliRunner.RunAsync("floor", "--sales", sales, "--floors", Floors, "--collection", "cryptopunks", "--as-of", "2021-12-31", "--method", "twap")).ExitCode.ShouldBe(2);
        (await CliRunner.RunAsync("floor", "--collection", "cryptopunks", "--as-of", "2021-12-31", "--method", "twap")).ExitCode.ShouldBe(2);
    }

    // Read straight from the CSV text, independently of the library: columns collection,date,floor_eth,...
    private static decimal FloorOn(string date) =>
        File.ReadLines(Floors).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == "cryptopunks" && f[1] == date)
            .Select(f => decimal.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture))
            .Single();
}
