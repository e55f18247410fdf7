using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NftCollateral.Sdk.Lending.Arcade;
using NftCollateral.Sdk.Lending.Blend;
using NftCollateral.Sdk.Lending.JpegD;
using NftCollateral.Sdk.Lending.NftFi;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// Case handlers for the peer-to-peer and vault protocols' vector groups (Blur Blend, NFTfi V1/V2.3, Arcade v3/v4,
/// JPEG'd). Each handler only parses the case's inputs and calls the SDK; all arithmetic lives in the library.
/// </summary>
public sealed class P2PVectorHandlers : ILendingVectorHandlers
{
    public IReadOnlyDictionary<string, Func<JsonElement, JsonNode?>> Cases { get; } = new Dictionary<string, Func<JsonElement, JsonNode?>>(StringComparer.Ordinal)
    {
        ["blend.Helpers.computeCurrentDebt"] = i => Uint(BlendMath.ComputeCurrentDebt(N(i, "amount"), N(i, "rate"), N(i, "elapsedSeconds"))),
        ["blend.Helpers.calcRefinancingAuctionRate"] = i =>
            Uint(BlendMath.CalcRefinancingAuctionRate(N(i, "elapsedBlocks"), N(i, "auctionDuration"), N(i, "oldRate"))),
        ["nftfi.v2_3.DirectLoanProRatedOffer._computeInterestDue"] = i =>
            Uint(NftFiV23.ComputeInterestDue(N(i, "p"), N(i, "maxRepay"), N(i, "soFar"), N(i, "total"), N(i, "rateBps"))),
        ["nftfi.v1.NFTfi._computeInterestDue"] = i =>
            Uint(NftFiV1.ComputeInterestDue(N(i, "p"), N(i, "maxRepay"), N(i, "soFar"), N(i, "total"), N(i, "rateBps"))),
        ["nftfi.v2_3.DirectLoanProRatedOffer._calculateInterestRate"] = i =>
            Uint(NftFiV23.CalculateInterestRate(N(i, "p"), N(i, "maxRepay"))),
        ["nftfi.v2_3.LoanChecksAndCalculations.computeAdminFee"] = i =>
            Uint(NftFiV23.ComputeAdminFee(N(i, "interestDue"), N(i, "adminFeeBps"))),
        ["arcade.InterestCalculator.getProratedInterestAmount"] = i => Uint(ArcadeInterest.GetProratedInterestAmount(
            N(i, "balance"), N(i, "interestRate"), N(i, "loanDuration"), N(i, "loanStartTime"), N(i, "lastAccrualTimestamp"), N(i, "currentTimestamp"))),
        ["arcade.InterestCalculator.effectiveInterestRate"] = i =>
            Uint(ArcadeInterest.EffectiveInterestRate(N(i, "totalInterestAmountPaid"), N(i, "totalTimeElapsed"), N(i, "loanPrincipal"))),
        ["arcade.v3.InterestCalculator.getInterestAmount"] = i =>
            Uint(ArcadeV3Interest.GetInterestAmount(N(i, "principal"), N(i, "proratedInterestRate"))),
        ["jpegd.NFTVault._calculateDebt"] = i =>
            Uint(NftVaultMath.CalculateDebt(N(i, "total"), N(i, "userPortion"), N(i, "totalPortion"))),
        ["jpegd.NFTVault._calculatePortion"] = i =>
            Uint(NftVaultMath.CalculatePortion(N(i, "_total"), N(i, "_userDebt"), N(i, "_totalDebt"))),
        ["jpegd.NFTVault.calculateAdditionalInterest"] = i =>
        {
            JsonElement apr = i.GetProperty("debtInterestApr");
            var rate = new Rate(N(apr, "numerator"), N(apr, "denominator"));
            return Uint(NftVaultMath.CalculateAdditionalInterest(N(i, "totalDebtAmount"), rate, N(i, "elapsedSeconds")));
        },
        ["jpegd.RateLib.calculate"] = i => Uint(new Rate(N(i, "n"), N(i, "d")).Calculate(N(i, "x"))),
        ["jpegd.RateLib.sum"] = i =>
        {
            Rate sum = Rate.Sum(new Rate(N(i, "n1"), N(i, "d1")), new Rate(N(i, "n2"), N(i, "d2")));
            return new JsonObject { ["out0"] = Uint(sum.Numerator), ["out1"] = Uint(sum.Denominator) };
        },
        ["jpegd.RateLib.greaterThan"] = i => JsonValue.Create(new Rate(N(i, "n1"), N(i, "d1")).GreaterThan(new Rate(N(i, "n2"), N(i, "d2")))),
    };

    public IReadOnlyDictionary<string, Func<JsonElement, IReadOnlyList<string>>> Sequences { get; } =
        new Dictionary<string, Func<JsonElement, IReadOnlyList<string>>>(StringComparer.Ordinal);

    private static BigInteger N(JsonElement input, string name) =>
        BigInteger.Parse(input.GetProperty(name).GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);

    private static JsonValue Uint(BigInteger value) => JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
}
