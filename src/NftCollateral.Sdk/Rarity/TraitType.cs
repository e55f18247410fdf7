namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// One column of a <see cref="TraitTable"/>: a normalized trait type with its values, in order of first appearance,
/// and the number of tokens holding each value.
/// </summary>
/// <remarks>
/// Value id 0 is the Null category (the token lacks the trait); ids 1..<see cref="ValueCount"/> index
/// <see cref="Values"/> from 1. Instances are immutable and thread-safe.
/// </remarks>
public sealed class TraitType
{
    /// <summary>The name of OpenRarity's meta trait that holds each token's trait count.</summary>
    public const string TraitCountName = "meta_trait:trait_count";

    /// <summary>The value shown for the Null category.</summary>
    public const string NullValue = "null";

    private readonly string[] _values;
    private readonly string[] _displayValues;
    private readonly int[] _counts;

    internal TraitType(string name, string displayName, string[] values, string[] displayValues, int[] counts)
    {
        Name = name;
        DisplayName = displayName;
        _values = values;
        _displayValues = displayValues;
        _counts = counts;
    }

    /// <summary>Gets the normalized name (<c>lower().strip()</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the name as first written in the source.</summary>
    public string DisplayName { get; }

    /// <summary>Gets a value indicating whether this is OpenRarity's trait-count meta trait.</summary>
    public bool IsTraitCount => Name == TraitCountName;

    /// <summary>Gets the number of distinct (non-Null) values.</summary>
    public int ValueCount => _values.Length;

    /// <summary>Gets the normalized values in order of first appearance; value id <c>k</c> is <c>Values[k - 1]</c>.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>Gets the values as first written in the source, in the same order as <see cref="Values"/>.</summary>
    public IReadOnlyList<string> DisplayValues => _displayValues;

    /// <summary>Gets the number of tokens that lack this trait (the Null category).</summary>
    public int NullCount => _counts[0];

    /// <summary>Gets the token counts by value id; index 0 is the Null category.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>Gets the number of tokens holding a value.</summary>
    /// <param name="valueId">The value id; 0 for the Null category.</param>
    /// <returns>The number of tokens.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="valueId"/> is not a value id of this trait.</exception>
    public int GetCount(int valueId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(valueId, _values.Length);
        return _counts[valueId];
    }

    /// <summary>Gets the value shown for a value id (the source spelling; <c>"null"</c> for the Null category).</summary>
    /// <param name="valueId">The value id; 0 for the Null category.</param>
    /// <returns>The display value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="valueId"/> is not a value id of this trait.</exception>
    public string GetDisplayValue(int valueId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(valueId, _values.Length);
        return valueId == 0 ? NullValue : _displayValues[valueId - 1];
    }

    /// <inheritdoc/>
    public override string ToString() => $"{DisplayName} ({ValueCount} values, {NullCount} null)";
}
