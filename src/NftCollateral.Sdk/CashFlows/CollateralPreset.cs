using System.Globalization;

namespace NftCollateral.Sdk.CashFlows;

/// <summary>The kind of revenue an NFT carries, which sets how much collateral a lender asks for.</summary>
public enum AssetClass
{
    /// <summary>Music-catalog royalties: seasonal, decaying, with shocks (a sync deal, a viral moment, a dispute).</summary>
    MusicCatalog = 0,

    /// <summary>Tokenized real estate paying rent (REIT-like): steadier, with vacancies.</summary>
    ReitLike = 1,

    /// <summary>Any other revenue stream: unknown predictability, so the most conservative preset.</summary>
    Other = 2,
}

/// <summary>The names of <see cref="AssetClass"/> values in files and on the command line.</summary>
public static class AssetClasses
{
    /// <summary>The accepted names, in the order of <see cref="AssetClass"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["music-catalog", "reit-like", "other"];

    /// <summary>Returns the file name of an asset class (<c>music-catalog</c>, <c>reit-like</c> or <c>other</c>).</summary>
    /// <param name="assetClass">The class.</param>
    /// <returns>Its name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined class.</exception>
    public static string ToName(AssetClass assetClass) => assetClass switch
    {
        AssetClass.MusicCatalog => "music-catalog",
        AssetClass.ReitLike => "reit-like",
        AssetClass.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(assetClass), assetClass, "Unknown asset class."),
    };

    /// <summary>Parses a name (case-insensitive; <c>_</c> and spaces read as <c>-</c>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="assetClass">The class, when known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a class.</returns>
    public static bool TryParse(string? name, out AssetClass assetClass)
    {
        string key = (name ?? string.Empty).Trim().Replace('_', '-').Replace(' ', '-').ToLowerInvariant();
        int index = Names.ToList().IndexOf(key);
        assetClass = index < 0 ? AssetClass.Other : (AssetClass)index;
        return index >= 0;
    }

    /// <summary>Parses a name, or throws naming the accepted ones.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The class.</returns>
    /// <exception cref="ArgumentException">The name is not an asset class.</exception>
    public static AssetClass Parse(string name) => TryParse(name, out AssetClass assetClass)
        ? assetClass
        : throw new ArgumentException($"unknown asset class '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name));
}

/// <summary>
/// How much collateral a revenue-sharing NFT needs: an over-collateralization range (collateral value over the debt
/// including accrued interest) and a haircut on the cash-flow valuation. Every figure can be overridden with <c>with</c>.
/// </summary>
/// <remarks>
/// <para>Defaults:</para>
/// <list type="bullet">
/// <item><b>Music catalog</b>: 150–200% (the seed figures of issue 8), haircut 20% (our default: royalty streams decay
/// and are seasonal, so a fifth of the DCF value is held back).</item>
/// <item><b>REIT-like</b>: 130–160% (the seed figures), haircut 10% (our default: rent is steadier; vacancies are in the
/// cash flows already).</item>
/// <item><b>Other</b>: 200–250%, haircut 30% (our default, not a seed figure: an unknown stream gets more than the most
/// demanding seed class, music catalogs, at both ends of the range).</item>
/// </list>
/// <para><see cref="MinRatio"/> is the maintenance level: below it the borrower must add collateral. <see cref="MaxRatio"/>
/// is the level at origination and the level a top-up restores.</para>
/// </remarks>
public sealed record CollateralPreset
{
    /// <summary>Gets the music-catalog preset: 150–200%, haircut 20%.</summary>
    public static CollateralPreset MusicCatalog { get; } = new()
    {
        AssetClass = AssetClass.MusicCatalog,
        MinRatio = 1.50,
        MaxRatio = 2.00,
        Haircut = 0.20,
        Source = "range: issue 8 seeds (150-200% for music catalogs); haircut: SDK default",
    };

    /// <summary>Gets the REIT-like preset: 130–160%, haircut 10%.</summary>
    public static CollateralPreset ReitLike { get; } = new()
    {
        AssetClass = AssetClass.ReitLike,
        MinRatio = 1.30,
        MaxRatio = 1.60,
        Haircut = 0.10,
        Source = "range: issue 8 seeds (130-160% for REIT-like NFTs); haircut: SDK default",
    };

    /// <summary>Gets the preset for any other stream: 200–250%, haircut 30%.</summary>
    public static CollateralPreset Other { get; } = new()
    {
        AssetClass = AssetClass.Other,
        MinRatio = 2.00,
        MaxRatio = 2.50,
        Haircut = 0.30,
        Source = "SDK default (conservative: above the music-catalog seed range)",
    };

    /// <summary>Gets the asset class the preset is for.</summary>
    public required AssetClass AssetClass { get; init; }

    /// <summary>Gets the maintenance over-collateralization, as a ratio (1.5 = 150%).</summary>
    public required double MinRatio { get; init; }

    /// <summary>Gets the origination (and top-up) over-collateralization, as a ratio; at least <see cref="MinRatio"/>.</summary>
    public required double MaxRatio { get; init; }

    /// <summary>Gets the haircut on the appraised value, as a fraction in [0, 1) (0.2 = the collateral counts at 80%).</summary>
    public required double Haircut { get; init; }

    /// <summary>Gets where the figures come from.</summary>
    public string Source { get; init; } = "user";

    /// <summary>Gets the default preset of an asset class.</summary>
    /// <param name="assetClass">The class.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined class.</exception>
    public static CollateralPreset For(AssetClass assetClass) => assetClass switch
    {
        AssetClass.MusicCatalog => MusicCatalog,
        AssetClass.ReitLike => ReitLike,
        AssetClass.Other => Other,
        _ => throw new ArgumentOutOfRangeException(nameof(assetClass), assetClass, "Unknown asset class."),
    };

    /// <summary>Checks the figures: ratios finite and at least 1 with <see cref="MaxRatio"/> ≥ <see cref="MinRatio"/>, haircut in [0, 1).</summary>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    public void Validate()
    {
        if (!double.IsFinite(MinRatio) || MinRatio < 1 || !double.IsFinite(MaxRatio) || MaxRatio < MinRatio)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Over-collateralization needs 1 <= MinRatio <= MaxRatio, both finite (MinRatio {MinRatio}, MaxRatio {MaxRatio})."), nameof(CollateralPreset));
        }

        if (!(Haircut >= 0 && Haircut < 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The haircut must be in [0, 1), not {Haircut}."), nameof(CollateralPreset));
        }
    }
}
