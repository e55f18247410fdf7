using System.Numerics;

namespace NftCollateral.Sdk.Lending.NftFi;

/// <summary>The amounts settled when an NFTfi loan is repaid, all in the smallest unit of the loan's ERC-20.</summary>
/// <param name="InterestDue">The interest the borrower pays on top of the principal.</param>
/// <param name="AdminFee">The part of the interest kept by NFTfi.</param>
/// <param name="PayoffToLender">What the lender receives: principal + interest − admin fee.</param>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public readonly record struct NftFiSettlement(BigInteger InterestDue, BigInteger AdminFee, BigInteger PayoffToLender);
