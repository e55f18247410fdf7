using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Market;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Appraisal;

public sealed class TraitPremiumAppraiserTests
{
    [Fact]
    public void Breakdown_FactorsMultiplyToTheValue_AndDriversToThePremium()
    {
        var appraiser = new TraitPremiumAppraiser(PunksData.Dataset);
        foreach (string token in new[] { "2", "7804", "1000", "5217" })
        {
            TokenAppraisal a = appraiser.Appraise(token, new DateOnly(2021, 10, 1));
            AppraisalBreakdown b = a.Breakdown;
            double product = (double)b.FloorEth * b.MarketLevel * b.TraitPremium * b.ComparablesAdjustment * b.OwnSaleAdjustment;
            product.ShouldBe((double)a.ValueEth, 1e-6 * (double)a.ValueEth, token);
            b.TraitDrivers.Aggregate(1.0, (p, d) => p * d.Factor).ShouldBe(b.TraitPremium, 1e-9 * b.TraitPremium, token);
            ((double)b.HedonicValueEth).ShouldBe((double)b.FloorEth * b.MarketLevel * b.TraitPremium, 1e-6 * (double)b.HedonicValueEth);
            a.LowEth.ShouldBeLessThan(a.ValueEth);
            a.HighEth.ShouldBeGreaterThan(a.ValueEth);
            a.Confidence.ShouldBeInRange(0.0, 1.0);
            b.Method.ShouldBe("trait-premium");
            b.FloorEth.ShouldBe(124.5m); // the lowest public ask recorded for 2021-10-01
            b.Comparables.Sum(c => c.Weight).ShouldBeLessThanOrEqualTo(1 + 1e-9);
            b.Liquidity.ShouldNotBeNull().CollateralValueEth.ShouldBeLessThanOrEqualTo(a.ValueEth);
        }
    }

    [Fact]
    public void RareToken_ThinData_WideRangeLowConfidenceAndANote()
    {
        var appraiser = new TraitPremiumAppraiser(PunksData.Dataset);
        TokenAppraisal alien = appraiser.Appraise("7804", new DateOnly(2021, 9, 15));
        TokenAppraisal common = appraiser.Appraise("2", new DateOnly(2021, 9, 15));

        alien.Confidence.ShouldBeLessThan(0.3);
        alien.Confidence.ShouldBeLessThan(common.Confidence);
        (alien.HighEth / alien.LowEth).ShouldBeGreaterThan(5 * (common.HighEth / common.LowEth));
        alien.Breakdown.Notes.ShouldContain(n => n.Contains("thin data", StringComparison.Ordinal));
        alien.Breakdown.TraitDrivers[0].TraitType.ShouldBe("Type");
        alien.Breakdown.OwnHistory.ShouldNotBeNull().LastPriceEth.ShouldBe(4200m);
    }

    [Theory]
    [InlineData("10000", "2021-06-01", AppraisalInputError.UnknownToken)]
    [InlineData("2", "2020-12-28", AppraisalInputError.DateOutsideData)]
    [InlineData("2", "2025-01-01", AppraisalInputError.DateOutsideData)]
    public void BadRequest_ThrowsWithTheReason(string token, string date, AppraisalInputError error)
    {
        var appraiser = new TraitPremiumAppraiser(PunksData.Dataset);
        var ex = Should.Throw<AppraisalInputException>(() => appraiser.Appraise(token, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
        ex.Error.ShouldBe(error);
        ex.Message.ShouldNotContain('\n');
        Should.Throw<AppraisalInputException>(() => new FloorOnlyAppraiser(PunksData.Dataset).Appraise(token, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NoSalesBeforeTheDate_Throws_AndFewSales_GiveAThinDataAppraisal()
    {
        AppraisalDataset data = Tiny.Create(firstSaleDay: 10);
        var appraiser = new TraitPremiumAppraiser(data);
        Should.Throw<AppraisalInputException>(() => appraiser.Appraise("1", Tiny.Day(5))).Error.ShouldBe(AppraisalInputError.NoSalesBefore);

        TokenAppraisal a = appraiser.Appraise("1", Tiny.Day(12));
        a.ValueEth.ShouldBeGreaterThan(0m);
        a.Confidence.ShouldBeLessThan(0.5);
        a.Breakdown.Notes.ShouldContain(n => n.Contains("trait model", StringComparison.Ordinal));
    }

    [Fact]
    public void Dataset_SoldTokenMissingFromTraits_IsADataError()
    {
        var traits = TraitTable.Build([new TokenTraits("1", [TraitValue.FromText("Hat", "a")])]);
        Sale sale = Tiny.Sale("2", 0, 1m);
        var ex = Should.Throw<CollectionDataException>(() => AppraisalDataset.Create(traits, [sale], [new DailyFloor("tiny", Tiny.Day(0), 1m)], "tiny"));
        ex.TokenId.ShouldBe("2");
    }

    [Fact]
    public void Options_OutOfRange_AreRejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new TraitPremiumAppraiser(PunksData.Dataset, new TraitPremiumOptions { RidgePenalty = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new TraitPremiumAppraiser(PunksData.Dataset, new TraitPremiumOptions { MarketFloorTracking = 2 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new TraitPremiumAppraiser(PunksData.Dataset, new TraitPremiumOptions { PremiumCapFactor = 0.5 }));
    }

    /// <summary>A three-token collection with a handful of sales, for edge cases.</summary>
    internal static class Tiny
    {
        public static DateOnly Day(int k) => new DateOnly(2022, 1, 1).AddDays(k);

        public static Sale Sale(string token, int day, decimal price) =>
            new("tiny", token, new DateTimeOffset(Day(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), price, null, null, null, null, TimestampPrecision.Day, null);

        public static AppraisalDataset Create(int firstSaleDay)
        {
            var traits = TraitTable.Build(
            [
                new TokenTraits("1", [TraitValue.FromText("Hat", "red")]),
                new TokenTraits("2", [TraitValue.FromText("Hat", "blue")]),
                new TokenTraits("3", [TraitValue.FromText("Hat", "red"), TraitValue.FromText("Eyes", "laser")]),
            ]);
            var sales = new List<Sale>
            {
                Sale("2", firstSaleDay, 1.1m),
                Sale("3", firstSaleDay + 1, 2.5m),
            };
            var floors = Enumerable.Range(0, 20).Select(k => new DailyFloor("tiny", Day(k), 1m)).ToList();
            return AppraisalDataset.Create(traits, sales, floors, "tiny");
        }
    }
}
