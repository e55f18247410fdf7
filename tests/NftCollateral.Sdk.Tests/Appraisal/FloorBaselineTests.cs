using NftCollateral.Sdk.Appraisal;

namespace NftCollateral.Sdk.Tests.Appraisal;

/// <summary>
/// The harness reproduces the floor-only baselines the issue and <c>shared/specs/market-data.md</c> §2 quote: every
/// CryptoPunks sale priced at the previous day's on-chain ask floor, sales flagged <c>suspect_low_price</c> excluded.
/// Expected figures are the spec's printed values, within half a unit of their last digit.
/// </summary>
public sealed class FloorBaselineTests
{
    [Fact]
    public void Baseline_2021ToJan2022_Reproduces183MedianAnd249Mean()
    {
        AppraisalDataset data = PunksData.Dataset;
        BacktestReport report = AppraisalBacktest.Run(new FloorOnlyAppraiser(data), data, new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 14));

        AccuracyStats s = report.All.Model;
        s.Count.ShouldBe(12_049);
        report.Excluded.ShouldBe(24);
        s.MedianApe.ShouldBe(0.183, 0.0005);
        s.MeanApe.ShouldBe(0.249, 0.0005);
        s.P95Ape.ShouldBe(0.70, 0.005);
        s.Within10.ShouldBe(0.317, 0.0005);
        s.Within20.ShouldBe(0.536, 0.0005);

        // The baseline column of any appraiser's report is the same floor-only figure.
        report.All.Baseline.ShouldBe(s);
    }

    [Fact]
    public void Baseline_NftBankWindow_Reproduces108MedianAnd151Mean()
    {
        AppraisalDataset data = PunksData.Dataset;
        BacktestReport report = AppraisalBacktest.Run(new FloorOnlyAppraiser(data), data, new DateOnly(2021, 9, 1), new DateOnly(2021, 10, 3));

        report.All.Model.Count.ShouldBe(593);
        report.Excluded.ShouldBe(0);
        report.All.Model.MedianApe.ShouldBe(0.108, 0.0005);
        report.All.Model.MeanApe.ShouldBe(0.151, 0.0005);
    }

    [Fact]
    public void Baseline_IndependentOracle_FileTextGivesTheSameMean()
    {
        // Oracle independent of the SDK's loaders: the files' own text, prior-day floor by date string.
        var floors = File.ReadLines(SharedData.Path("data", "cryptopunks-floor-onchain-daily.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => f[1], f => double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture));
        var errors = new List<double>();
        foreach (string line in File.ReadLines(SharedData.Path("data", "cryptopunks-sales.csv")).Skip(1))
        {
            string[] f = line.Split(',');
            string day = f[2][..10];
            if (string.CompareOrdinal(day, "2021-09-01") < 0 || string.CompareOrdinal(day, "2021-10-03") > 0 || f[10] == "1")
            {
                continue;
            }

            string before = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            double price = double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture);
            errors.Add(Math.Abs(floors[before] - price) / price);
        }

        AppraisalDataset data = PunksData.Dataset;
        BacktestReport report = AppraisalBacktest.Run(new FloorOnlyAppraiser(data), data, new DateOnly(2021, 9, 1), new DateOnly(2021, 10, 3));
        report.All.Model.Count.ShouldBe(errors.Count);
        report.All.Model.MeanApe.ShouldBe(errors.Average(), 1e-12);
    }

    [Fact]
    public void AccuracyStats_SmallExample_MatchesHandComputation()
    {
        AccuracyStats s = AccuracyStats.FromErrors([0.05, 0.15, 0.30, 0.10]);
        s.Count.ShouldBe(4);
        s.MeanApe.ShouldBe(0.15, 1e-12);
        s.MedianApe.ShouldBe(0.125, 1e-12);               // between 0.10 and 0.15
        s.P95Ape.ShouldBe(0.15 + (0.85 * 0.15), 1e-12);   // h = 2.85 between 0.15 and 0.30
        s.Within10.ShouldBe(0.5);
        s.Within20.ShouldBe(0.75);
        AccuracyStats.FromErrors([]).Count.ShouldBe(0);
    }
}
