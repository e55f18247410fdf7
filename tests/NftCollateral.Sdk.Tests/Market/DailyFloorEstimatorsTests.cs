using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

public sealed class DailyFloorEstimatorsTests
{
    private static readonly DateOnly Day1 = new(2024, 3, 1);

    // Floors 10, 12, (no row), 9 on four consecutive days.
    private static FloorSeries Series() => FloorSeries.FromValues(
        "demo", FloorCurrency.Eth, [Day1, Day1.AddDays(1), Day1.AddDays(3)], [10m, 12m, 9m]);

    [Fact]
    public void Spot_IsTheAsOfDaysFloor()
    {
        FloorEstimate spot = DailyFloorEstimators.Spot(Series(), Day1.AddDays(3));
        spot.Value.ShouldBe(9m);
        spot.Method.ShouldBe(FloorMethod.Spot);
        spot.AsOf.ShouldBe(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero)); // the end of the as-of day
    }

    [Fact]
    public void Spot_MissingDay_IsAnErrorNotZero() =>
        Should.Throw<InsufficientHistoryException>(() => DailyFloorEstimators.Spot(Series(), Day1.AddDays(2)));

    [Fact]
    public void Twap_EqualWeightPerRecordedDayInTheWindow()
    {
        DailyFloorEstimators.Twap(Series(), Day1.AddDays(3), 4).Value.ShouldBe((10m + 12m + 9m) / 3);
        DailyFloorEstimators.Twap(Series(), Day1.AddDays(3), 3).Value.ShouldBe((12m + 9m) / 2); // day 1 is outside
        DailyFloorEstimators.Twap(Series(), Day1.AddDays(3), 3).SampleCount.ShouldBe(2);
    }

    [Fact]
    public void Ema_HalvesTheWeightEveryHalfLife()
    {
        // Ages 3, 2, 0 days with a 1-day half-life: weights 1/8, 1/4, 1.
        decimal expected = ((10m / 8) + (12m / 4) + 9m) / (1m / 8 + 1m / 4 + 1m);
        DailyFloorEstimators.Ema(Series(), Day1.AddDays(3), 4, halfLifeDays: 1).Value.ShouldBe(expected, 1e-12m);
    }

    [Fact]
    public void Lower_IsTheSmallerOfSpotAndTwap()
    {
        FloorEstimate lower = DailyFloorEstimators.Lower(Series(), Day1.AddDays(3), 4);
        lower.Value.ShouldBe(9m);
        lower.Flags.ShouldBe(FloorNotes.SpotBelowTwap);
        DailyFloorEstimators.Lower(Series(), Day1.AddDays(1), 2).Value.ShouldBe(11m); // spot 12 > TWAP 11
    }

    [Fact]
    public void EmptyWindowOrBadArguments_Throw()
    {
        Should.Throw<InsufficientHistoryException>(() => DailyFloorEstimators.Twap(Series(), Day1.AddDays(30), 7));
        Should.Throw<ArgumentOutOfRangeException>(() => DailyFloorEstimators.Twap(Series(), Day1, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => DailyFloorEstimators.Ema(Series(), Day1, 3, halfLifeDays: 0));
    }
}
