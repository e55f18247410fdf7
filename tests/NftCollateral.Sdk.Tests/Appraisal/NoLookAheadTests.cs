using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Appraisal;

/// <summary>
/// Appraisals as of day t depend only on information to the end of t: scrambling every sale and floor after t (prices,
/// dates, extra and missing sales) leaves them bit-for-bit unchanged, while changing a sale on or before t does not.
/// </summary>
public sealed class NoLookAheadTests
{
    private static readonly string[] Tokens = ["2", "7804", "3100", "8857", "1000", "5217", "6275", "9998"];

    [Theory]
    [InlineData("2021-03-10", 1)]
    [InlineData("2021-08-31", 2)]
    [InlineData("2021-12-01", 3)]
    public void PerturbingEverythingAfterT_LeavesAppraisalsAtTUnchanged(string asOfText, int seed)
    {
        DateOnly asOf = DateOnly.Parse(asOfText, System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset end = new(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var random = new Random(seed);

        // Later sales: prices scaled by 0.2–5×, times moved around within the future, a third dropped, others duplicated
        // onto random tokens; later floors scaled by 0.5–2×.
        var sales = new List<Sale>();
        foreach (Sale sale in PunksData.Sales)
        {
            if (sale.Timestamp < end)
            {
                sales.Add(sale);
                continue;
            }

            if (random.NextDouble() < 0.33)
            {
                continue;
            }

            sales.Add(sale with
            {
                PriceEth = Math.Round(sale.PriceEth * (decimal)(0.2 + (4.8 * random.NextDouble())), 4) + 0.01m,
                Timestamp = end.AddDays(random.Next(0, 400)),
            });
            if (random.NextDouble() < 0.2)
            {
                sales.Add(sale with { TokenId = random.Next(0, 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture), Timestamp = end.AddHours(random.Next(0, 2000)) });
            }
        }

        var floors = PunksData.Floors.Select(f => f.Date <= asOf ? f : f with { FloorEth = Math.Round(f.FloorEth * (decimal)(0.5 + (1.5 * random.NextDouble())), 4) + 0.01m }).ToList();
        AppraisalDataset original = PunksData.Dataset;
        AppraisalDataset perturbed = PunksData.Create(sales, floors);

        var a = new TraitPremiumAppraiser(original);
        var b = new TraitPremiumAppraiser(perturbed);
        foreach (string token in Tokens)
        {
            TokenAppraisal x = a.Appraise(token, asOf);
            TokenAppraisal y = b.Appraise(token, asOf);
            y.ValueEth.ShouldBe(x.ValueEth, token);
            y.LowEth.ShouldBe(x.LowEth, token);
            y.HighEth.ShouldBe(x.HighEth, token);
            y.Confidence.ShouldBe(x.Confidence, token);
            Describe(y.Breakdown).ShouldBe(Describe(x.Breakdown), token);
        }
    }

    [Fact]
    public void ChangingASaleOnT_ChangesTheAppraisal()
    {
        // The converse, so the test above cannot pass vacuously: the latest sales do count.
        DateOnly asOf = new(2021, 8, 31);
        DateTimeOffset start = new(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sales = PunksData.Sales.Select(s => s.Timestamp >= start && s.Timestamp < start.AddDays(1) ? s with { PriceEth = s.PriceEth * 1.5m } : s).ToList();
        AppraisalDataset changed = PunksData.Create(sales, PunksData.Floors);

        TokenAppraisal x = new TraitPremiumAppraiser(PunksData.Dataset).Appraise("2", asOf);
        TokenAppraisal y = new TraitPremiumAppraiser(changed).Appraise("2", asOf);
        y.ValueEth.ShouldNotBe(x.ValueEth);
    }

    [Fact]
    public void BacktestValues_EqualSingleAppraisalsAsOfTheDayBefore()
    {
        // The harness's fast path and the public API agree, so the backtest measures what a caller gets.
        AppraisalDataset data = PunksData.Dataset;
        BacktestReport report = AppraisalBacktest.Run(new TraitPremiumAppraiser(data), data, new DateOnly(2021, 10, 1), new DateOnly(2021, 10, 3));
        var appraiser = new TraitPremiumAppraiser(data);
        foreach (BacktestSale sale in report.Sales)
        {
            TokenAppraisal a = appraiser.Appraise(sale.TokenId, sale.SaleDate.AddDays(-1));
            ((double)a.ValueEth).ShouldBe(sale.ValueEth, 1e-9 * sale.ValueEth);
            ((double)a.LowEth).ShouldBe(sale.LowEth, 1e-9 * sale.ValueEth);
        }
    }

    private static string Describe(AppraisalBreakdown b) =>
        string.Join(
            "|",
            b.FloorEth,
            b.MarketLevel.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            b.TraitPremium.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            b.ComparablesAdjustment.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            string.Join(",", b.Comparables.Select(c => $"{c.TokenId}@{c.Date}:{c.Weight:R}")),
            b.OwnSaleAdjustment.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            b.OwnHistory,
            b.Collection,
            b.Liquidity,
            b.TrainingSales,
            string.Join(";", b.Notes),
            string.Join(",", b.TraitDrivers.Select(d => $"{d.TraitType}={d.Factor:R}/{d.Evidence:R}")));
}
