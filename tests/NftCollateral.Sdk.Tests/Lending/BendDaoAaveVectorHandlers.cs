using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NftCollateral.Sdk.Lending;
using NftCollateral.Sdk.Lending.Aave;
using NftCollateral.Sdk.Lending.BendDao;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// Maps the <c>benddao.*</c> and <c>aave-v3.*</c> vector groups to the SDK's API. Translation only: parse the decimal
/// strings, call the library, format the result in the vector's shape. Annotation fields (<c>_note</c>, <c>class</c>,
/// <c>reserve</c>) are ignored.
/// </summary>
public sealed class BendDaoAaveVectorHandlers : ILendingVectorHandlers
{
    /// <summary>The 26 case groups and 1 sequence group this class covers.</summary>
    public static readonly string[] OwnedGroupIds =
    [
        "benddao.WadRayMath.wadMul", "benddao.WadRayMath.wadDiv", "benddao.WadRayMath.rayMul", "benddao.WadRayMath.rayDiv",
        "benddao.WadRayMath.rayToWad", "benddao.WadRayMath.wadToRay", "benddao.PercentageMath.percentMul",
        "benddao.PercentageMath.percentDiv", "benddao.GenericLogic.calculateHealthFactorFromBalances",
        "benddao.GenericLogic.calculateAvailableBorrows", "benddao.MathUtils.calculateCompoundedInterest",
        "benddao.MathUtils.calculateLinearInterest", "benddao.composite.loanMath",
        "benddao.InterestRate.calculateInterestRates.rateStrategyWETH",
        "benddao.InterestRate.calculateInterestRates.rateStrategyStableThree", "benddao.NFTOracle.setAssetData+TWAP",
        "aave-v3.WadRayMath.wadMul", "aave-v3.WadRayMath.wadDiv", "aave-v3.WadRayMath.rayMul", "aave-v3.WadRayMath.rayDiv",
        "aave-v3.WadRayMath.rayToWad", "aave-v3.WadRayMath.wadToRay", "aave-v3.PercentageMath.percentMul",
        "aave-v3.PercentageMath.percentDiv", "aave-v3.MathUtils.calculateCompoundedInterest",
        "aave-v3.GenericLogic.calculateUserAccountData.healthFactor",
        "aave-v3.GenericLogic.calculateUserAccountData.avgLtvAvgLt",
    ];

    // The rate-strategy groups carry their constructor parameters at group level, not per case.
    private static readonly Lazy<Dictionary<string, BendDaoV1InterestRateStrategy>> Strategies = new(() =>
        LendingVectors.Groups
            .Where(g => g.TryGetProperty("constructor_params", out _) && g.GetProperty("id").GetString()!.StartsWith("benddao.InterestRate.", StringComparison.Ordinal))
            .ToDictionary(
                g => g.GetProperty("id").GetString()!,
                g =>
                {
                    JsonElement p = g.GetProperty("constructor_params");
                    return new BendDaoV1InterestRateStrategy(
                        U(p, "optimalUtilizationRate"),
                        U(p, "baseVariableBorrowRate"),
                        U(p, "variableRateSlope1"),
                        U(p, "variableRateSlope2"));
                },
                StringComparer.Ordinal));

    public IReadOnlyDictionary<string, Func<JsonElement, JsonNode?>> Cases { get; } = new Dictionary<string, Func<JsonElement, JsonNode?>>(StringComparer.Ordinal)
    {
        ["benddao.WadRayMath.wadMul"] = i => S(BendDaoV1Math.WadMul(U(i, "a"), U(i, "b"))),
        ["benddao.WadRayMath.wadDiv"] = i => S(BendDaoV1Math.WadDiv(U(i, "a"), U(i, "b"))),
        ["benddao.WadRayMath.rayMul"] = i => S(BendDaoV1Math.RayMul(U(i, "a"), U(i, "b"))),
        ["benddao.WadRayMath.rayDiv"] = i => S(BendDaoV1Math.RayDiv(U(i, "a"), U(i, "b"))),
        ["benddao.WadRayMath.rayToWad"] = i => S(BendDaoV1Math.RayToWad(U(i, "a"))),
        ["benddao.WadRayMath.wadToRay"] = i => S(BendDaoV1Math.WadToRay(U(i, "a"))),
        ["benddao.PercentageMath.percentMul"] = i => S(BendDaoV1Math.PercentMul(U(i, "value"), U(i, "percentage"))),
        ["benddao.PercentageMath.percentDiv"] = i => S(BendDaoV1Math.PercentDiv(U(i, "value"), U(i, "percentage"))),
        ["benddao.GenericLogic.calculateHealthFactorFromBalances"] = i => S(BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(
            U(i, "totalCollateral"), U(i, "totalDebt"), U(i, "liquidationThreshold"))),
        ["benddao.GenericLogic.calculateAvailableBorrows"] = i => S(BendDaoV1GenericLogic.CalculateAvailableBorrows(
            U(i, "totalCollateral"), U(i, "totalDebt"), U(i, "ltv"))),
        ["benddao.MathUtils.calculateCompoundedInterest"] = i => S(BendDaoV1MathUtils.CalculateCompoundedInterest(
            U(i, "rate"), U(i, "lastUpdateTimestamp"), U(i, "currentTimestamp"))),
        ["benddao.MathUtils.calculateLinearInterest"] = i => S(BendDaoV1MathUtils.CalculateLinearInterest(U(i, "rate"), U(i, "elapsed"))),
        ["benddao.composite.loanMath"] = LoanMath,
        ["benddao.InterestRate.calculateInterestRates.rateStrategyWETH"] = i => Rates("benddao.InterestRate.calculateInterestRates.rateStrategyWETH", i),
        ["benddao.InterestRate.calculateInterestRates.rateStrategyStableThree"] = i => Rates("benddao.InterestRate.calculateInterestRates.rateStrategyStableThree", i),

        ["aave-v3.WadRayMath.wadMul"] = i => S(AaveV3Math.WadMul(U(i, "a"), U(i, "b"))),
        ["aave-v3.WadRayMath.wadDiv"] = i => S(AaveV3Math.WadDiv(U(i, "a"), U(i, "b"))),
        ["aave-v3.WadRayMath.rayMul"] = i => S(AaveV3Math.RayMul(U(i, "a"), U(i, "b"))),
        ["aave-v3.WadRayMath.rayDiv"] = i => S(AaveV3Math.RayDiv(U(i, "a"), U(i, "b"))),
        ["aave-v3.WadRayMath.rayToWad"] = i => S(AaveV3Math.RayToWad(U(i, "a"))),
        ["aave-v3.WadRayMath.wadToRay"] = i => S(AaveV3Math.WadToRay(U(i, "a"))),
        ["aave-v3.PercentageMath.percentMul"] = i => S(AaveV3Math.PercentMul(U(i, "value"), U(i, "percentage"))),
        ["aave-v3.PercentageMath.percentDiv"] = i => S(AaveV3Math.PercentDiv(U(i, "value"), U(i, "percentage"))),
        ["aave-v3.MathUtils.calculateCompoundedInterest"] = i => S(AaveV3MathUtils.CalculateCompoundedInterest(
            U(i, "rate"), U(i, "lastUpdateTimestamp"), U(i, "currentTimestamp"))),
        ["aave-v3.GenericLogic.calculateUserAccountData.healthFactor"] = i => S(AaveV3GenericLogic.CalculateHealthFactor(
            U(i, "totalCollateralInBaseCurrency"), U(i, "totalDebtInBaseCurrency"), U(i, "avgLiquidationThreshold"))),
        ["aave-v3.GenericLogic.calculateUserAccountData.avgLtvAvgLt"] = Averages,
    };

    public IReadOnlyDictionary<string, Func<JsonElement, IReadOnlyList<string>>> Sequences { get; } =
        new Dictionary<string, Func<JsonElement, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            ["benddao.NFTOracle.setAssetData+TWAP"] = OracleSequence,
        };

    private static BigInteger U(JsonElement element, string name) =>
        BigInteger.Parse(element.GetProperty(name).GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);

    private static JsonValue S(BigInteger value) => JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    private static JsonObject LoanMath(JsonElement input)
    {
        JsonElement i = input.GetProperty("i");
        BendDaoV1LoanFigures f = BendDaoV1LoanMath.Calculate(new BendDaoV1LoanInputs
        {
            NftPriceInEth = U(i, "nftPriceInETH"),
            ReservePriceInEth = U(i, "reservePriceInETH"),
            ReserveDecimals = U(i, "reserveDecimals"),
            BorrowAmount = U(i, "borrowAmount"),
            Ltv = U(i, "ltv"),
            LiquidationThreshold = U(i, "liquidationThreshold"),
            LiquidationBonus = U(i, "liquidationBonus"),
            RedeemFine = U(i, "redeemFine"),
            RedeemThreshold = U(i, "redeemThreshold"),
            MinBidFine = U(i, "minBidFine"),
            NewBorrow = U(i, "newBorrow"),
        });
        return new JsonObject
        {
            ["totalCollateralInReserve"] = S(f.TotalCollateralInReserve),
            ["healthFactor"] = S(f.HealthFactor),
            ["availableBorrows"] = S(f.AvailableBorrows),
            ["thresholdPrice"] = S(f.ThresholdPrice),
            ["liquidatePrice"] = S(f.LiquidatePrice),
            ["liquidatable"] = f.Liquidatable,
            ["minBidPrice"] = S(f.MinBidPrice),
            ["minBidDelta"] = S(f.MinBidDelta),
            ["baseBidFineInReserve"] = S(f.BaseBidFineInReserve),
            ["minBidFineInReserve"] = S(f.MinBidFineInReserve),
            ["bidFineInReserve"] = S(f.BidFineInReserve),
            ["redeemMinRepay"] = S(f.RedeemMinRepay),
            ["redeemMaxRepay"] = S(f.RedeemMaxRepay),
            ["amountOfCollateralNeeded"] = S(f.AmountOfCollateralNeeded),
        };
    }

    private static JsonObject Rates(string groupId, JsonElement i)
    {
        BendDaoV1InterestRates rates = Strategies.Value[groupId].CalculateInterestRates(
            U(i, "availableLiquidity"), U(i, "totalVariableDebt"), U(i, "reserveFactor"));
        return new JsonObject { ["out0"] = S(rates.LiquidityRate), ["out1"] = S(rates.VariableBorrowRate) };
    }

    private static JsonObject Averages(JsonElement i)
    {
        BigInteger[] balances = [.. i.GetProperty("balancesInBase").EnumerateArray().Select(Parse)];
        BigInteger[] ltvs = [.. i.GetProperty("ltvs").EnumerateArray().Select(Parse)];
        BigInteger[] lts = [.. i.GetProperty("lts").EnumerateArray().Select(Parse)];
        if (balances.Length != ltvs.Length || balances.Length != lts.Length)
        {
            throw new InvalidDataException("balancesInBase, ltvs and lts differ in length");
        }

        AaveV3AccountAverages averages = AaveV3GenericLogic.CalculateAverages(
            balances.Select((balance, k) => new AaveV3Collateral(balance, ltvs[k], lts[k])));
        return new JsonObject
        {
            ["totalCollateral"] = S(averages.TotalCollateralInBaseCurrency),
            ["avgLtv"] = S(averages.AvgLtv),
            ["avgLt"] = S(averages.AvgLiquidationThreshold),
        };

        static BigInteger Parse(JsonElement e) => BigInteger.Parse(e.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static List<string> OracleSequence(JsonElement group)
    {
        JsonElement init = group.GetProperty("init_params");
        if (init.GetProperty("decimals").GetInt32() != 18)
        {
            return ["init_params.decimals is not 18: NFTOracle's DECIMAL_PRECISION is fixed at 1e18"];
        }

        var oracle = new BendDaoV1NftOracle(new BendDaoV1NftOracleParameters
        {
            MaxPriceDeviation = U(init, "maxPriceDeviation"),
            MaxPriceDeviationWithTime = U(init, "maxPriceDeviationWithTime"),
            TimeIntervalWithPrice = U(init, "timeIntervalWithPrice"),
            MinUpdateTime = U(init, "minUpdateTime"),
            TwapInterval = U(init, "twapInterval"),
        });

        var mismatches = new List<string>();
        int index = 0;
        foreach (JsonElement step in group.GetProperty("sequence").EnumerateArray())
        {
            string label = $"step {index} (t={step.GetProperty("block_timestamp").GetString()}, p={step.GetProperty("submitted_price").GetString()})";
            BigInteger timestamp = U(step, "block_timestamp");
            bool expectedAccepted = step.GetProperty("accepted").GetBoolean();
            string? actualReason = null;
            try
            {
                oracle.SetAssetData(U(step, "submitted_price"), timestamp);
            }
            catch (ProtocolRevertException ex)
            {
                actualReason = ex.RevertReason;
            }

            if (expectedAccepted != (actualReason is null))
            {
                mismatches.Add($"{label}: expected accepted={expectedAccepted}, got revert '{actualReason}'");
            }
            else if (!expectedAccepted && step.TryGetProperty("revert_reason", out JsonElement reason) && reason.GetString() != actualReason)
            {
                mismatches.Add($"{label}: expected revert '{reason.GetString()}', got '{actualReason}'");
            }

            Compare(mismatches, label + " getAssetPrice", step.GetProperty("getAssetPrice_after").GetString(), () => oracle.GetAssetPrice());
            if (step.GetProperty("feed_length").GetString() != oracle.PriceFeed.Count.ToString(CultureInfo.InvariantCulture))
            {
                mismatches.Add($"{label}: expected feed length {step.GetProperty("feed_length").GetString()}, got {oracle.PriceFeed.Count}");
            }

            foreach (JsonElement read in step.GetProperty("calculateTwapPrice_at").EnumerateArray())
            {
                BigInteger at = timestamp + U(read, "query_time_offset_s");
                string? expected = read.GetProperty("reverts").GetBoolean() ? null : read.GetProperty("calculateTwapPrice").GetString();
                Compare(mismatches, $"{label} calculateTwapPrice(t={at})", expected, () => oracle.CalculateTwapPrice(at));
            }

            index++;
        }

        return mismatches;
    }

    /// <summary>Compares a read with its expected decimal string, or with a revert when <paramref name="expected"/> is null.</summary>
    private static void Compare(List<string> mismatches, string label, string? expected, Func<BigInteger> read)
    {
        string actual;
        try
        {
            actual = read().ToString(CultureInfo.InvariantCulture);
        }
        catch (ProtocolRevertException ex)
        {
            actual = "revert " + ex.RevertReason;
        }

        bool agrees = expected is null ? actual.StartsWith("revert ", StringComparison.Ordinal) : actual == expected;
        if (!agrees)
        {
            mismatches.Add($"{label}: expected {expected ?? "a revert"}, got {actual}");
        }
    }
}
