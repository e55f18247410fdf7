using System.Globalization;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

/// <summary>
/// Acceptance: reproduces the market-data spec §2 stress tables from the shared files. Every expected figure is the
/// spec's printed value; the tolerance is half a unit of its last printed digit (plus 1e-9 for an exact tie).
/// </summary>
public sealed class DrawdownSpecTableTests
{
    private static readonly Lazy<FloorSeries> PunksRaw = new(() =>
        FloorSeries.Create("cryptopunks", FloorSeriesCsvTests.LoadShared("cryptopunks-floor-onchain-daily.csv")));

    private static readonly Lazy<FloorSeries> BaycRaw = new(() =>
        FloorSeries.Create("bayc", FloorSeriesCsvTests.LoadShared("bayc-cryptopunks-floor-proxy-daily.csv")));

    private static FloorSeries Series(string name, int year = 0)
    {
        bool usd = name.EndsWith("usd", StringComparison.Ordinal);
        if (name == "eth-usd")
        {
            return EthUsdCsvTests.LoadShared().ToSeries();
        }

        FloorSeries raw = name.StartsWith("punks", StringComparison.Ordinal) ? PunksRaw.Value : BaycRaw.Value;
        if (raw.Collection == "bayc" && year == 2021)
        {
            // The spec's "2021 (from Jun)": the BAYC series taken from 1 June 2021 (May, the mint month, left out).
            raw = raw.Between(new DateOnly(2021, 6, 1), raw.Dates[^1]);
        }

        var options = new DrawdownOptions
        {
            Currency = usd ? FloorCurrency.Usd : FloorCurrency.Eth,
            EthUsd = usd ? EthUsdCsvTests.LoadShared() : null,
        };
        return Drawdowns.Prepare(raw, options);
    }

    private static DateOnly Day(int year, string monthDay) =>
        DateOnly.ParseExact($"{year}-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void ShouldMatchPrinted(double actual, double printed, double lastDigit, string what) =>
        Math.Abs(actual - printed).ShouldBeLessThanOrEqualTo((lastDigit / 2) + 1e-9, $"{what}: {actual:R} vs printed {printed}");

    // series, year, max 7d DD %, peak→trough, max 30d DD %, peak→trough, worst 7d c2c %, daily σ %, annualised σ %
    [Theory]
    [InlineData("punks-eth", 2021, 31.0, "08-28", "09-01", 44.1, "08-28", "09-14", -30.1, 6.76, 129)]
    [InlineData("punks-eth", 2022, 21.1, "01-28", "02-04", 26.3, "04-25", "05-25", -21.1, 2.92, 56)]
    [InlineData("punks-eth", 2023, 21.0, "03-19", "03-25", 29.7, "03-19", "04-18", -20.8, 2.09, 40)]
    [InlineData("punks-eth", 2024, 17.5, "07-31", "08-04", 32.6, "05-19", "06-18", -17.1, 3.12, 60)]
    [InlineData("punks-usd", 2021, 45.9, "05-14", "05-19", 59.0, "05-08", "05-23", -43.7, 9.19, 176)]
    [InlineData("punks-usd", 2022, 41.7, "05-05", "05-12", 55.9, "04-28", "05-27", -41.7, 5.65, 108)]
    [InlineData("punks-usd", 2023, 26.6, "04-14", "04-21", 27.2, "03-29", "04-21", -26.6, 3.38, 65)]
    [InlineData("punks-usd", 2024, 36.4, "07-31", "08-07", 46.5, "07-21", "08-07", -36.4, 4.64, 89)]
    [InlineData("bayc-eth", 2021, 27.0, "06-25", "06-30", 28.3, "08-31", "09-15", -25.2, 5.43, 104)]
    [InlineData("bayc-eth", 2022, 34.3, "02-19", "02-23", 45.5, "04-30", "05-30", -34.2, 3.91, 75)]
    [InlineData("bayc-eth", 2023, 33.7, "03-14", "03-21", 40.1, "02-20", "03-21", -33.7, 3.92, 75)]
    [InlineData("bayc-eth", 2024, 16.0, null, null, 16.1, null, null, -16.0, 4.68, 90)]
    [InlineData("bayc-usd", 2021, 29.1, "09-06", "09-13", 38.2, "09-01", "09-21", -29.1, 6.68, 128)]
    [InlineData("bayc-usd", 2022, 50.8, "06-09", "06-16", 62.9, "05-01", "05-29", -50.8, 6.28, 120)]
    [InlineData("bayc-usd", 2023, 34.5, "12-10", "12-17", 39.0, "06-06", "07-06", -34.5, 4.72, 90)]
    public void StressTable_Row_Reproduces(
        string series, int year, double dd7, string? peak7, string? trough7, double dd30, string? peak30, string? trough30, double worst7, double sigma, double annualised)
    {
        FloorSeries s = Series(series, year);
        DateOnly from = new(year, 1, 1);
        DateOnly to = new(year, 12, 31);

        Drawdown seven = Drawdowns.MaxDrawdown(s, from, to, 7);
        Drawdown thirty = Drawdowns.MaxDrawdown(s, from, to, 30);
        PriceMove worst = Drawdowns.WorstReturn(s, from, to, 7);
        VolatilityEstimate vol = Drawdowns.DailyVolatility(s, from, to);

        ShouldMatchPrinted(seven.Fraction * 100, dd7, 0.1, "max 7d DD");
        ShouldMatchPrinted(thirty.Fraction * 100, dd30, 0.1, "max 30d DD");
        ShouldMatchPrinted(worst.Return * 100, worst7, 0.1, "worst 7d c2c");
        ShouldMatchPrinted(vol.Daily * 100, sigma, 0.01, "daily σ");
        ShouldMatchPrinted(vol.Annualised * 100, annualised, 1, "annualised σ");
        if (peak7 is not null)
        {
            seven.PeakDate.ShouldBe(Day(year, peak7));
            seven.TroughDate.ShouldBe(Day(year, trough7!));
            thirty.PeakDate.ShouldBe(Day(year, peak30!));
            thirty.TroughDate.ShouldBe(Day(year, trough30!));
        }
    }

    [Theory]
    [InlineData(2021, 41.5, 49.8, 109)]
    [InlineData(2022, 40.3, 51.3, 88)]
    [InlineData(2023, 12.8, 16.1, 47)]
    [InlineData(2024, 27.5, 33.7, 64)]
    public void StressTable_EthUsdContextRow_Reproduces(int year, double dd7, double dd30, double annualised)
    {
        FloorSeries s = Series("eth-usd");
        DateOnly from = new(year, 1, 1);
        DateOnly to = new(year, 12, 31);

        ShouldMatchPrinted(Drawdowns.MaxDrawdown(s, from, to, 7).Fraction * 100, dd7, 0.1, "max 7d DD");
        ShouldMatchPrinted(Drawdowns.MaxDrawdown(s, from, to, 30).Fraction * 100, dd30, 0.1, "max 30d DD");
        ShouldMatchPrinted(Drawdowns.DailyVolatility(s, from, to).Annualised * 100, annualised, 1, "annualised σ");
    }

    // May–June 2022 crash table, column "Peak→trough inside May–Jun 2022".
    [Theory]
    [InlineData("punks-eth", 25.7, "05-04", "05-25")]
    [InlineData("punks-usd", 71.1, "05-04", "06-16")]
    [InlineData("bayc-eth", 46.5, "05-01", "06-16")]
    [InlineData("bayc-usd", 80.1, "05-01", "06-18")]
    [InlineData("eth-usd", 66.2, "05-04", "06-18")]
    public void CrashTable_PeakToTroughInsideMayJune2022_Reproduces(string series, double fall, string peak, string trough)
    {
        Drawdown d = Drawdowns.MaxDrawdown(Series(series), new DateOnly(2022, 5, 1), new DateOnly(2022, 6, 30));

        ShouldMatchPrinted(d.Fraction * 100, fall, 0.1, "May–Jun peak→trough");
        d.PeakDate.ShouldBe(Day(2022, peak));
        d.TroughDate.ShouldBe(Day(2022, trough));
    }

    [Fact]
    public void CrashTable_PunksEthMayJune_PeakAndTroughValues()
    {
        Drawdown d = Drawdowns.MaxDrawdown(Series("punks-eth"), new DateOnly(2022, 5, 1), new DateOnly(2022, 6, 30));

        d.PeakValue.ShouldBe(61.49m); // "05-04 61.49 → 05-25 45.69"
        d.TroughValue.ShouldBe(45.69m);
    }

    // Column "30 Apr 2022 → May–Jun low", with the spec's rounded start and low where it prints them.
    [Theory]
    [InlineData("punks-eth", 25.0, 0, 0, 0)]
    [InlineData("punks-usd", 68.6, 166_000, 52_000, 1_000)]
    [InlineData("bayc-eth", 47.4, 142.8, 75.1, 0.1)]
    [InlineData("bayc-usd", 79.7, 390_000, 79_000, 1_000)]
    [InlineData("eth-usd", 63.5, 2_727, 994, 1)]
    public void CrashTable_FromApril30ToMayJuneLow_Reproduces(string series, double fall, double start, double low, double unit)
    {
        Drawdown d = Drawdowns.FallFrom(Series(series), new DateOnly(2022, 4, 30), new DateOnly(2022, 5, 1), new DateOnly(2022, 6, 30));

        ShouldMatchPrinted(d.Fraction * 100, fall, 0.1, "30 Apr → May–Jun low");
        if (unit > 0)
        {
            ShouldMatchPrinted((double)d.PeakValue, start, unit, "30 Apr value");
            ShouldMatchPrinted((double)d.TroughValue, low, unit, "May–Jun low");
        }
    }

    // Columns "2022 peak→trough" and "2021–24 peak→trough" (≈ figures: whole percent).
    [Theory]
    [InlineData("punks-eth", 2022, 2022, 46.2, 0.1)]
    [InlineData("punks-usd", 2022, 2022, 80.0, 0.1)]
    [InlineData("bayc-eth", 2022, 2022, 63.6, 0.1)]
    [InlineData("bayc-usd", 2022, 2022, 84.6, 0.1)]
    [InlineData("eth-usd", 2022, 2022, 74.0, 0.1)]
    [InlineData("punks-eth", 2021, 2024, 85.1, 0.1)]
    [InlineData("punks-usd", 2021, 2024, 88.6, 0.1)]
    [InlineData("bayc-eth", 2021, 2024, 88, 1)]
    [InlineData("bayc-usd", 2021, 2024, 91, 1)]
    [InlineData("eth-usd", 2021, 2024, 79.3, 0.1)]
    public void CrashTable_PeakToTroughOverYears_Reproduces(string series, int firstYear, int lastYear, double fall, double lastDigit)
    {
        Drawdown d = Drawdowns.MaxDrawdown(Series(series), new DateOnly(firstYear, 1, 1), new DateOnly(lastYear, 12, 31));

        ShouldMatchPrinted(d.Fraction * 100, fall, lastDigit, $"{firstYear}–{lastYear} peak→trough");
    }

    [Fact]
    public void CrashTable_Punks2022And2021To24_PeakTroughDatesAndValues()
    {
        FloorSeries punks = Series("punks-eth");

        Drawdown y2022 = Drawdowns.MaxDrawdown(punks, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        y2022.PeakDate.ShouldBe(new DateOnly(2022, 1, 28)); // "46.2% (01-28 84.9 → 05-25)"
        ShouldMatchPrinted((double)y2022.PeakValue, 84.9, 0.1, "2022 peak");
        y2022.TroughDate.ShouldBe(new DateOnly(2022, 5, 25));

        Drawdown all = Drawdowns.MaxDrawdown(punks, new DateOnly(2021, 1, 1), new DateOnly(2024, 12, 31));
        all.PeakDate.ShouldBe(new DateOnly(2021, 8, 28)); // "85.1% (2021-08-28 137.7 → 2024-08-04 20.45)"
        ShouldMatchPrinted((double)all.PeakValue, 137.7, 0.1, "2021–24 peak");
        all.TroughDate.ShouldBe(new DateOnly(2024, 8, 4));
        all.TroughValue.ShouldBe(20.45m);
    }

    [Fact]
    public void BaycProxy2023_KeepingSuspectOutliers_ChangesTheSevenDayDrawdown()
    {
        // The spec drops suspect outliers before the fill (the rows above reproduce that); keeping them gives another figure.
        var keep = new DrawdownOptions { SuspectOutliers = SuspectOutlierHandling.Keep };
        FloorSeries kept = Drawdowns.Prepare(BaycRaw.Value, keep);
        FloorSeries dropped = Drawdowns.Prepare(BaycRaw.Value);
        DateOnly from = new(2023, 1, 1);
        DateOnly to = new(2023, 12, 31);

        Drawdowns.MaxDrawdown(kept, from, to, 7).Fraction.ShouldNotBe(Drawdowns.MaxDrawdown(dropped, from, to, 7).Fraction);
    }

    [Fact]
    public void Footnote_Bayc2023With9DayRollingMedian_Reproduces()
    {
        // "with a 9-day rolling median, 2023 gives 29.5% (7d) and 33.5% (30d)"; May–Jun 2022 "39.3% with the 9-day median".
        FloorSeries smoothed = Series("bayc-eth").RollingMedian(9);
        DateOnly from = new(2023, 1, 1);
        DateOnly to = new(2023, 12, 31);

        ShouldMatchPrinted(Drawdowns.MaxDrawdown(smoothed, from, to, 7).Fraction * 100, 29.5, 0.1, "2023 7d, 9-day median");
        ShouldMatchPrinted(Drawdowns.MaxDrawdown(smoothed, from, to, 30).Fraction * 100, 33.5, 0.1, "2023 30d, 9-day median");
        ShouldMatchPrinted(Drawdowns.MaxDrawdown(smoothed, new DateOnly(2022, 5, 1), new DateOnly(2022, 6, 30)).Fraction * 100, 39.3, 0.1, "May–Jun, 9-day median");
    }

    [Fact]
    public void Analyze_PunksEth2022Window7_SameAsTheParts()
    {
        DrawdownReport report = Drawdowns.Analyze(PunksRaw.Value, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), 7);

        ShouldMatchPrinted(report.MaxDrawdown.Fraction * 100, 21.1, 0.1, "max 7d DD");
        report.MaxDrawdown.PeakDate.ShouldBe(new DateOnly(2022, 1, 28));
        report.MaxDrawdown.TroughDate.ShouldBe(new DateOnly(2022, 2, 4));
        ShouldMatchPrinted(report.WorstReturn.Return * 100, -21.1, 0.1, "worst 7d");
        ShouldMatchPrinted(report.Volatility.Daily * 100, 2.92, 0.01, "daily σ");
        report.Currency.ShouldBe(FloorCurrency.Eth);
        report.Volatility.ReturnCount.ShouldBe(365); // 2022-01-01..12-31, each with its previous day
    }
}
