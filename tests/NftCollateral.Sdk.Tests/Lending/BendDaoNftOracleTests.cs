using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending.BendDao;
using static NftCollateral.Sdk.Tests.Lending.FixedPointReference;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// BendDAO v1 NFTOracle (shared/specs/lending.md §2.6, §11.4): the validity rules, the TWAP as a time integral over the
/// window, the stored price that excludes the newest update, and the all-or-nothing update.
/// </summary>
public sealed class BendDaoNftOracleTests
{
    private static readonly BigInteger Eth = Wad;
    private static readonly BigInteger T0 = 1_700_000_000;

    private static BendDaoV1NftOracle NewOracle() => new(BendDaoV1NftOracleParameters.DevTaskDefaults);

    /// <summary>
    /// The TWAP as the average of the step price function over (max(now − interval, first update), now]; the latest
    /// price when the latest update is older than now − interval or is the only one. Exact integral, then floor.
    /// </summary>
    private static BigInteger ReferenceTwap(List<(BigInteger Ts, BigInteger Price)> feed, BigInteger now, BigInteger interval)
    {
        BigInteger windowStart = now - interval;
        if (feed.Count == 1 || feed[^1].Ts < windowStart)
        {
            return feed[^1].Price;
        }

        BigInteger start = BigInteger.Max(windowStart, feed[0].Ts);
        BigInteger area = 0;
        for (int k = 0; k < feed.Count; k++)
        {
            BigInteger from = BigInteger.Max(feed[k].Ts, start);
            BigInteger to = k + 1 < feed.Count ? feed[k + 1].Ts : now;
            if (to > from)
            {
                area += feed[k].Price * (to - from);
            }
        }

        return area / (now - start);
    }

    /// <summary>§2.6's rule with dev &gt; M written as |p − last|·1e18 ≥ (M + 1)·last (the floor of the ratio exceeds M).</summary>
    private static bool ReferenceValid(BigInteger last, BigInteger lastTs, BigInteger price, BigInteger ts, BendDaoV1NftOracleParameters p)
    {
        if (price == last)
        {
            return true;
        }

        BigInteger scaledDiff = BigInteger.Abs(price - last) * Wad;
        bool aboveMax = scaledDiff >= (p.MaxPriceDeviation + 1) * last;
        bool aboveWithTime = scaledDiff >= (p.MaxPriceDeviationWithTime + 1) * last;
        BigInteger dt = ts - lastTs;
        return !aboveMax && dt >= p.MinUpdateTime && !(aboveWithTime && dt < p.TimeIntervalWithPrice);
    }

    [Fact]
    public void RandomHistories_AgreeWithTheReferenceModel()
    {
        Gen<(int Dt, int ChangePermille)[]> steps = Gen.ArrayOf(
            from dt in Gen.Frequency((3, Gen.Choose(0, 2_400)), (1, Gen.Choose(2_400, 10_000)))
            from change in Gen.Frequency((3, Gen.Choose(-300, 300)), (1, Gen.Constant(0)), (1, Gen.Choose(-1_000, 1_000)))
            select (dt, change),
            25);

        Property property = Prop.ForAll(steps.ToArbitrary(), history =>
        {
            BendDaoV1NftOracleParameters p = BendDaoV1NftOracleParameters.DevTaskDefaults;
            BendDaoV1NftOracle oracle = NewOracle();
            var feed = new List<(BigInteger Ts, BigInteger Price)>();
            BigInteger stored = 0;
            BigInteger ts = T0;
            BigInteger price = 50 * Eth;
            foreach ((int dt, int change) in history)
            {
                ts += dt;
                BigInteger candidate = BigInteger.Max(0, price + (price * change / 1_000));
                string? expectedRevert =
                    feed.Count > 0 && ts <= feed[^1].Ts ? BendDaoV1NftOracle.IncorrectTimestampReason
                    : candidate.IsZero ? BendDaoV1NftOracle.ZeroPriceReason
                    : feed.Count > 0 && !ReferenceValid(feed[^1].Price, feed[^1].Ts, candidate, ts, p) ? BendDaoV1NftOracle.InvalidPriceDataReason
                    : null;

                Outcome(() => oracle.SetAssetData(candidate, ts)).Revert.ShouldBe(expectedRevert);
                if (expectedRevert is null)
                {
                    feed.Add((ts, candidate));
                    stored = ReferenceTwap(feed, ts, p.TwapInterval);
                    price = candidate;
                }

                oracle.PriceFeed.Count.ShouldBe(feed.Count);
                if (feed.Count > 0)
                {
                    oracle.StoredTwapPrice.ShouldBe(stored);
                    oracle.GetAssetPrice().ShouldBe(stored.IsZero ? feed[^1].Price : stored);
                    foreach (int offset in new[] { 0, 1, 300, 1_799, 1_800, 1_801, 5_000 })
                    {
                        oracle.CalculateTwapPrice(ts + offset).ShouldBe(ReferenceTwap(feed, ts + offset, p.TwapInterval));
                    }
                }
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void StoredPrice_ExcludesThePriceJustPushed()
    {
        // §2.6: "pushing 60 ETH after a >30-minute gap stores 66 ETH, the previous price".
        BendDaoV1NftOracle oracle = NewOracle();
        oracle.SetAssetData(66 * Eth, T0);
        oracle.SetAssetData(60 * Eth, T0 + 2_000).ShouldBe(66 * Eth);
        oracle.GetAssetPrice().ShouldBe(66 * Eth);

        // The read-time TWAP moves on; the stored price does not until the next update.
        oracle.CalculateTwapPrice(T0 + 2_000 + 1_800).ShouldBe(60 * Eth);
        oracle.GetAssetPrice().ShouldBe(66 * Eth);
    }

    [Fact]
    public void TwapWindow_HandExample()
    {
        BendDaoV1NftOracle oracle = NewOracle();
        oracle.SetAssetData(50 * Eth, T0);
        oracle.SetAssetData(52 * Eth, T0 + 600);

        // 300 s later: (52·300 + 50·600) / 900 (history shorter than the window).
        oracle.CalculateTwapPrice(T0 + 900).ShouldBe(((52 * 300) + (50 * 600)) * Eth / 900);

        // 1 500 s after the second update: window (T0+300, T0+2100]: 50 for 300 s, 52 for 1 500 s.
        oracle.CalculateTwapPrice(T0 + 2_100).ShouldBe(((50 * 300) + (52 * 1_500)) * Eth / 1_800);
    }

    [Fact]
    public void ValidityRules()
    {
        BendDaoV1NftOracle oracle = NewOracle();
        oracle.SetAssetData(50 * Eth, T0);

        // > 20 % is always refused; 10 %..20 % needs 30 minutes; anything different needs 10 minutes.
        oracle.CheckValidityOfPrice(61 * Eth, T0 + 100_000).ShouldBeFalse();
        oracle.CheckValidityOfPrice(60 * Eth, T0 + 100_000).ShouldBeTrue(); // exactly 20 %
        oracle.CheckValidityOfPrice(56 * Eth, T0 + 1_799).ShouldBeFalse();
        oracle.CheckValidityOfPrice(56 * Eth, T0 + 1_800).ShouldBeTrue();
        oracle.CheckValidityOfPrice(55 * Eth, T0 + 600).ShouldBeTrue(); // exactly 10 %
        oracle.CheckValidityOfPrice(51 * Eth, T0 + 599).ShouldBeFalse();
        oracle.CheckValidityOfPrice(50 * Eth, T0 + 1).ShouldBeTrue(); // the same price is always valid

        Outcome(() => oracle.SetAssetData(51 * Eth, T0 + 599)).Revert.ShouldBe(BendDaoV1NftOracle.InvalidPriceDataReason);
        Outcome(() => oracle.SetAssetData(50 * Eth, T0)).Revert.ShouldBe(BendDaoV1NftOracle.IncorrectTimestampReason);
        Outcome(() => oracle.SetAssetData(0, T0 + 1)).Revert.ShouldBe(BendDaoV1NftOracle.ZeroPriceReason);
        oracle.PriceFeed.Count.ShouldBe(1);
    }

    [Fact]
    public void EmptyFeed_Reverts()
    {
        BendDaoV1NftOracle oracle = NewOracle();
        Outcome(oracle.GetAssetPrice).Revert.ShouldBe(BendDaoV1NftOracle.NoPriceDataReason);
        Outcome(() => oracle.CalculateTwapPrice(T0)).Revert.ShouldBe(BendDaoV1NftOracle.NotEnoughHistoryReason);
        oracle.GetLatestTimestamp().ShouldBe(0);
    }

    [Fact]
    public void FailedTwap_RevertsTheWholeUpdate()
    {
        var oracle = new BendDaoV1NftOracle(BendDaoV1NftOracleParameters.DevTaskDefaults with { TwapInterval = 0 });
        Outcome(() => oracle.SetAssetData(Eth, T0)).Revert.ShouldBe(BendDaoV1NftOracle.ZeroIntervalReason);
        oracle.PriceFeed.Count.ShouldBe(0);
        oracle.StoredTwapPrice.ShouldBe(0);

        // Timestamp below the interval: now − twapInterval underflows.
        var early = NewOracle();
        Outcome(() => early.SetAssetData(Eth, 1_000)).Revert.ShouldBe(Panic11);
        early.PriceFeed.Count.ShouldBe(0);

        // Restoring the interval (owner's setTwapInterval) keeps the feed.
        oracle.Parameters = BendDaoV1NftOracleParameters.DevTaskDefaults;
        oracle.SetAssetData(Eth, T0).ShouldBe(Eth);
    }

    [Fact]
    public void ReadBeforeTheLatestUpdate_Panics()
    {
        BendDaoV1NftOracle oracle = NewOracle();
        oracle.SetAssetData(Eth, T0);
        oracle.SetAssetData(Eth, T0 + 600);
        Outcome(() => oracle.CalculateTwapPrice(T0 + 599)).Revert.ShouldBe(Panic11);
    }
}
