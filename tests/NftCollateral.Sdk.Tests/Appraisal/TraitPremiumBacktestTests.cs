using NftCollateral.Sdk.Appraisal;

namespace NftCollateral.Sdk.Tests.Appraisal;

/// <summary>
/// Acceptance on real CryptoPunks sales, each appraised as of the day before it. The settings were chosen on
/// January–June 2021 only; the NFTBank window (September 2021) and every later month are out of sample.
/// </summary>
public sealed class TraitPremiumBacktestTests
{
    private static readonly Lazy<BacktestReport> Full = new(() =>
        AppraisalBacktest.Run(new TraitPremiumAppraiser(PunksData.Dataset), PunksData.Dataset, new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 14)));

    [Fact]
    public void NftBankWindow_MeanApeBelowNftBanks997()
    {
        AppraisalDataset data = PunksData.Dataset;
        BacktestReport report = AppraisalBacktest.Run(new TraitPremiumAppraiser(data), data, new DateOnly(2021, 9, 1), new DateOnly(2021, 10, 3));

        report.All.Model.Count.ShouldBe(593);
        report.All.Model.MeanApe.ShouldBeLessThan(0.0997);
        report.All.Model.MeanApe.ShouldBeLessThan(report.All.Baseline.MeanApe);
        report.All.Model.MedianApe.ShouldBeLessThan(report.All.Baseline.MedianApe);
    }

    [Fact]
    public void Full2021_MedianAtMost10MeanAtMost15_AndEveryMonthBeatsTheFloor()
    {
        BacktestReport report = Full.Value;

        report.All.Model.Count.ShouldBe(12_049);
        report.Excluded.ShouldBe(24);
        report.All.Model.MedianApe.ShouldBeLessThanOrEqualTo(0.10);
        report.All.Model.MeanApe.ShouldBeLessThanOrEqualTo(0.15);
        report.Months.Count.ShouldBe(13);
        foreach (BacktestSegment month in report.Months)
        {
            month.Model.MeanApe.ShouldBeLessThan(month.Baseline.MeanApe, month.Name);
            month.Model.MedianApe.ShouldBeLessThan(month.Baseline.MedianApe, month.Name);
        }

        // Both price tiers improve, and the 80% range holds roughly 80% of sales.
        report.FloorTier.Model.MeanApe.ShouldBeLessThan(report.FloorTier.Baseline.MeanApe);
        report.AboveFloorTier.Model.MeanApe.ShouldBeLessThan(report.AboveFloorTier.Baseline.MeanApe);
        report.RangeCoverage.ShouldBeInRange(0.72, 0.88);
    }
}
