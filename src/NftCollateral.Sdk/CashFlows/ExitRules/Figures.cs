using System.Globalization;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>Formatting and comparison helpers shared by the built-in rules.</summary>
internal static class Figures
{
    /// <summary>A ratio rounded to 12 decimals, so that 1.2000000000000002 from a division counts as 120%.</summary>
    public static double Ratio(double ratio) => Math.Round(ratio, 12);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    public static string Amount(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
