using System.Text.Json;

namespace NftCollateral.Cli.Tests;

/// <summary><c>nftc value-cashflows</c> and <c>nftc exit</c>: JSON shapes, textbook figures, undefined results and bad input.</summary>
public sealed class CashFlowCommandTests
{
    // Excel's XIRR help example (irregular dates).
    private const string ExcelXirr = "date,amount\n2008-01-01,-10000\n2008-03-01,2750\n2008-10-30,4250\n2009-02-15,3250\n2009-04-01,2750\n";

    private static async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync([.. args, "--json"]);
        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        output.Trim().ShouldNotContain('\n', customMessage: "one JSON document on one line");
        using JsonDocument doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static Task<string> RunBadAsync(params string[] args) => CliRunner.RunBadInputAsync(args);

    // ---- value-cashflows ----

    [Fact]
    public async Task ValueCashflows_ExcelXirrExample()
    {
        using var file = new TempFile(ExcelXirr, ".csv");
        JsonElement root = await RunJsonAsync("value-cashflows", "--revenue", file.Path, "--discount-rate", "9");

        root.EnumerateObject().Select(p => p.Name).ShouldBe(["npv", "irr", "irrPeriod", "xirr", "multiple", "reasons"]);
        root.GetProperty("npv").GetDouble().ShouldBe(2086.6476020315366, 1e-9); // Excel XNPV help: 2086.65
        root.GetProperty("xirr").GetDouble().ShouldBe(0.37336253351883151, 1e-9); // exact root; Excel prints 0.373362535
        root.GetProperty("irr").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("irrPeriod").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("reasons").GetProperty("irr").GetString()!.ShouldContain("regularly spaced dates");
        root.GetProperty("multiple").GetDouble().ShouldBe(10000.0 / (4250 + 3250 + 2750), 1e-12); // paid / received in the last 365 days
    }

    [Fact]
    public async Task ValueCashflows_YearlyExcelIrrExample_PerPeriodAndAnnual()
    {
        // Excel's IRR help example on yearly dates: IRR per 12-month period 8.66%.
        using var file = new TempFile("date,amount\n2020-06-30,-70000\n2021-06-30,12000\n2022-06-30,15000\n2023-06-30,18000\n2024-06-30,21000\n2025-06-30,26000\n", ".csv");
        JsonElement root = await RunJsonAsync("value-cashflows", "--revenue", file.Path, "--discount-rate", "10%");

        root.GetProperty("irr").GetDouble().ShouldBe(0.086630948036531614, 1e-9);
        root.GetProperty("irrPeriod").GetString().ShouldBe("12 months");
        root.GetProperty("reasons").EnumerateObject().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("date,amount\n2024-01-31,100\n2024-02-29,50\n", "no sign change")]
    [InlineData("date,amount\n2024-01-31,0\n2024-02-29,0\n", "every amount is zero")]
    [InlineData("date,amount\n2024-01-31,-100\n2024-02-29,230\n2024-03-31,-132\n", "multiple IRRs")]
    public async Task ValueCashflows_UndefinedIrr_IsNullWithReason(string csv, string reason)
    {
        using var file = new TempFile(csv, ".csv");
        JsonElement root = await RunJsonAsync("value-cashflows", "--revenue", file.Path, "--discount-rate", "5");
        root.GetProperty("irr").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("xirr").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("reasons").GetProperty("irr").GetString()!.ShouldContain(reason);
        root.GetProperty("reasons").GetProperty("xirr").GetString()!.ShouldContain(reason);
        root.GetProperty("npv").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public async Task ValueCashflows_HumanView()
    {
        using var file = new TempFile(ExcelXirr, ".csv");
        var (code, output, _) = await CliRunner.RunAsync("value-cashflows", "--revenue", file.Path, "--discount-rate", "9");
        code.ShouldBe(0);
        output.ShouldContain("NPV at 9% a year");
        output.ShouldContain("XIRR: 37.3363% a year");
        output.ShouldContain("IRR: undefined");
    }

    [Theory]
    [InlineData("date,amount\n2024-01-01,1\n2024-01-01,2\n", ":3: field 'date': duplicate date 2024-01-01")]
    [InlineData("date,amount\n2024-02-01,1\n2024-01-01,2\n", ":3: field 'date': date 2024-01-01 is before the previous date")]
    [InlineData("date,amount\n2024-01-01,ten\n", ":2: field 'amount': not a number: 'ten'")]
    [InlineData("day,amount\n2024-01-01,1\n", ":1: field 'date': missing required column")]
    [InlineData("date,amount\n", "no rows after the header")]
    public async Task ValueCashflows_BadFile_ExitsTwoNamingFileLineAndField(string csv, string mention)
    {
        using var file = new TempFile(csv, ".csv");
        string line = await RunBadAsync("value-cashflows", "--revenue", file.Path, "--discount-rate", "5");
        line.ShouldContain(file.Path);
        line.ShouldContain(mention);
    }

    [Theory]
    [InlineData("-100", "above -100%")]
    [InlineData("-250", "above -100%")]
    [InlineData("abc", "number of percent")]
    public async Task ValueCashflows_BadRate_ExitsTwo(string rate, string mention)
    {
        using var file = new TempFile(ExcelXirr, ".csv");
        (await RunBadAsync("value-cashflows", "--revenue", file.Path, "--discount-rate", rate)).ShouldContain(mention);
    }

    [Fact]
    public async Task ValueCashflows_MissingFile_ExitsTwo()
    {
        (await RunBadAsync("value-cashflows", "--revenue", "/nonexistent/flows.csv", "--discount-rate", "5"))
            .ShouldBe("error: /nonexistent/flows.csv: file not found");
    }

    // ---- exit ----

    // Debt fixed at 100 000 (accrued interest given as 0), collateral value fixed, haircut 0: the ratio is value / 100 000.
    private static string Position(double collateralValue, string assetClass = "music-catalog", string extra = "") => $$"""
        {
          "name": "boundary",
          "assetClass": "{{assetClass}}",
          "loan": { "principal": 100000, "annualRate": 0.1, "start": "2023-01-31", "accruedInterest": 0 },
          "collateralValue": {{collateralValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
          "preset": { "haircut": 0 }{{extra}}
        }
        """;

    private static string Revenue() =>
        "date,amount\n2023-01-31,-150000\n" + string.Concat(Enumerable.Range(1, 24).Select(i => $"{new DateOnly(2023, 1, 31).AddMonths(i):yyyy-MM-dd},1200\n"));

    [Theory]
    [InlineData(119_990, "unwind", true)]
    [InlineData(120_010, "add-collateral", false)]
    [InlineData(150_000, "keep", false)]
    public async Task Exit_JsonShape_AndThe120PercentBoundary(double value, string decision, bool thresholdFired)
    {
        using var position = new TempFile(Position(value));
        using var revenue = new TempFile(Revenue(), ".csv");
        JsonElement root = await RunJsonAsync("exit", "--position", position.Path, "--revenue", revenue.Path, "--wacc", "9");

        root.EnumerateObject().Select(p => p.Name).ShouldBe(["decision", "rules", "collateralRatio", "irr", "requiredCollateral"]);
        root.GetProperty("decision").GetString().ShouldBe(decision);
        root.GetProperty("collateralRatio").GetDouble().ShouldBe(value / 100_000, 1e-12);
        root.GetProperty("requiredCollateral").GetDouble().ShouldBe(150_000, 1e-9);
        JsonElement[] rules = [.. root.GetProperty("rules").EnumerateArray()];
        rules.Select(r => r.GetProperty("name").GetString()).ShouldBe(["collateral-threshold", "over-collateralization", "irr-vs-wacc", "multiple-compression", "signal-buffer", "liquidity"]);
        rules.ShouldAllBe(r => r.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "name", "fired", "reason" }));
        rules[0].GetProperty("fired").GetBoolean().ShouldBe(thresholdFired);
        root.GetProperty("irr").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public async Task Exit_WithoutAnOutlay_IrrIsNullAndTheRuleSaysWhy()
    {
        using var position = new TempFile(Position(200_000));
        using var revenue = new TempFile("date,amount\n2023-01-31,100\n2023-02-28,100\n", ".csv");
        JsonElement root = await RunJsonAsync("exit", "--position", position.Path, "--revenue", revenue.Path, "--wacc", "9", "--as-of", "2023-02-28");
        root.GetProperty("irr").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("rules")[2].GetProperty("reason").GetString()!.ShouldContain("no sign change");
    }

    [Fact]
    public async Task Exit_HumanView_ListsEveryRule()
    {
        using var position = new TempFile(Position(119_990));
        using var revenue = new TempFile(Revenue(), ".csv");
        var (code, output, error) = await CliRunner.RunAsync("exit", "--position", position.Path, "--revenue", revenue.Path);
        code.ShouldBe(0, error);
        output.ShouldStartWith("boundary (music-catalog) as of 2025-01-31: UNWIND");
        output.ShouldContain("[FIRED unwind] collateral-threshold");
        output.ShouldContain("[n/a] irr-vs-wacc: not evaluated: no WACC given");
    }

    [Theory]
    [InlineData("-100", "--wacc must be above -100%")]
    [InlineData("-100.5%", "--wacc must be above -100%")]
    public async Task Exit_WaccOfMinus100OrLess_ExitsTwo(string wacc, string mention)
    {
        using var position = new TempFile(Position(200_000));
        using var revenue = new TempFile(Revenue(), ".csv");
        (await RunBadAsync("exit", "--position", position.Path, "--revenue", revenue.Path, "--wacc", wacc)).ShouldContain(mention);
    }

    [Theory]
    [InlineData("art", "field 'assetClass': unknown asset class 'art' (expected one of: music-catalog, reit-like, other)")]
    public async Task Exit_UnknownAssetClass_ExitsTwoNamingTheField(string assetClass, string mention)
    {
        using var position = new TempFile(Position(200_000, assetClass));
        using var revenue = new TempFile(Revenue(), ".csv");
        string line = await RunBadAsync("exit", "--position", position.Path, "--revenue", revenue.Path);
        line.ShouldContain(position.Path);
        line.ShouldContain(mention);
    }

    [Fact]
    public async Task Exit_BadInputs_ExitTwo()
    {
        using var position = new TempFile(Position(200_000));
        using var revenue = new TempFile(Revenue(), ".csv");
        (await RunBadAsync("exit", "--position", position.Path, "--revenue", revenue.Path, "--as-of", "2020-01-01")).ShouldContain("before the first revenue date");
        (await RunBadAsync("exit", "--position", position.Path, "--revenue", revenue.Path, "--as-of", "31/01/2024")).ShouldContain("--as-of must be a date");
        using var noValue = new TempFile(Position(200_000).Replace("\"collateralValue\": 200000,", string.Empty, StringComparison.Ordinal));
        (await RunBadAsync("exit", "--position", noValue.Path, "--revenue", revenue.Path)).ShouldContain("no way to value the collateral");
        using var badJson = new TempFile("{\"assetClass\": ");
        (await RunBadAsync("exit", "--position", badJson.Path, "--revenue", revenue.Path)).ShouldContain("malformed JSON");
        (await RunBadAsync("exit", "--position", "/nonexistent/p.json", "--revenue", revenue.Path)).ShouldBe("error: /nonexistent/p.json: file not found");
        (await RunBadAsync("exit", "--revenue", revenue.Path)).ShouldContain("--position");
    }
}
