using System.Globalization;

namespace NftCollateral.Sdk.Rarity;

/// <summary>The kind of a trait value, as token metadata declares it.</summary>
public enum TraitValueKind
{
    /// <summary>A string value: the only kind OpenRarity scores.</summary>
    Text = 0,

    /// <summary>A numeric value (a JSON number or boolean, or an ERC-721 <c>display_type</c> of <c>number</c> or <c>boost_*</c>).</summary>
    Number = 1,

    /// <summary>A date (ERC-721 <c>display_type: "date"</c>), held as Unix seconds in <see cref="TraitValue.Number"/>.</summary>
    Date = 2,
}

/// <summary>One attribute of one token, as read from metadata, before any normalization.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public readonly record struct TraitValue
{
    private TraitValue(string traitType, TraitValueKind kind, string? text, double number)
    {
        ArgumentNullException.ThrowIfNull(traitType);
        TraitType = traitType;
        Kind = kind;
        Text = text;
        Number = number;
    }

    /// <summary>Gets the trait type (the attribute name) as written in the source.</summary>
    public string TraitType { get; }

    /// <summary>Gets the kind of value.</summary>
    public TraitValueKind Kind { get; }

    /// <summary>
    /// Gets the string value for <see cref="TraitValueKind.Text"/>; for numbers and dates, the value's text as written in
    /// the source when it is known (used when numbers are treated as categories), otherwise <see langword="null"/>.
    /// </summary>
    public string? Text { get; }

    /// <summary>Gets the numeric value for <see cref="TraitValueKind.Number"/> and <see cref="TraitValueKind.Date"/> (Unix seconds); 0 for text.</summary>
    public double Number { get; }

    /// <summary>Creates a string attribute.</summary>
    /// <param name="traitType">The trait type as written in the source.</param>
    /// <param name="value">The value as written in the source.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static TraitValue FromText(string traitType, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(traitType, TraitValueKind.Text, value, 0);
    }

    /// <summary>Creates a numeric attribute.</summary>
    /// <param name="traitType">The trait type as written in the source.</param>
    /// <param name="value">The numeric value.</param>
    /// <param name="text">The value's text as written in the source, or <see langword="null"/> to format <paramref name="value"/>.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="traitType"/> is <see langword="null"/>.</exception>
    public static TraitValue FromNumber(string traitType, double value, string? text = null) =>
        new(traitType, TraitValueKind.Number, text ?? value.ToString("R", CultureInfo.InvariantCulture), value);

    /// <summary>Creates a date attribute.</summary>
    /// <param name="traitType">The trait type as written in the source.</param>
    /// <param name="unixSeconds">The date as seconds since the Unix epoch.</param>
    /// <param name="text">The value's text as written in the source, or <see langword="null"/> to format <paramref name="unixSeconds"/>.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="traitType"/> is <see langword="null"/>.</exception>
    public static TraitValue FromDate(string traitType, double unixSeconds, string? text = null) =>
        new(traitType, TraitValueKind.Date, text ?? unixSeconds.ToString("R", CultureInfo.InvariantCulture), unixSeconds);
}

/// <summary>A token and its attributes in source order.</summary>
/// <param name="TokenId">The token id, exactly as the source writes it (e.g. <c>"7495"</c>).</param>
/// <param name="Traits">The attributes in source order. A trait type may repeat (multi-valued traits).</param>
public sealed record TokenTraits(string TokenId, IReadOnlyList<TraitValue> Traits);
