using System.Globalization;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.CashFlows;

/// <summary>How <see cref="CashFlowCsv"/> reads a file.</summary>
public sealed record CashFlowCsvOptions
{
    /// <summary>Gets the default options: duplicate dates are rejected.</summary>
    public static CashFlowCsvOptions Default { get; } = new();

    /// <summary>Gets what to do with two rows on the same date (default <see cref="DuplicateDatePolicy.Reject"/>).</summary>
    public DuplicateDatePolicy DuplicateDates { get; init; } = DuplicateDatePolicy.Reject;
}

/// <summary>
/// Reads cash-flow and revenue files: CSV with the columns <c>date</c> (ISO <c>yyyy-MM-dd</c>) and <c>amount</c>
/// (negative = paid out, positive = received), found by name in the header; other columns are ignored.
/// </summary>
/// <remarks>
/// <para>
/// Header names match case-insensitively; cells are trimmed; blank lines are skipped; fields may be quoted (RFC 4180,
/// the splitter the market loaders share). Rows must be sorted by date: a date before the previous one is an error
/// (a file out of order is more likely damaged than meant). Two rows on one date are an error unless
/// <see cref="CashFlowCsvOptions.DuplicateDates"/> is <see cref="DuplicateDatePolicy.Sum"/>, which adds them.
/// Gaps in the dates are allowed here; the periodic functions refuse an irregular series later, the dated ones accept it.
/// </para>
/// <para>
/// A bad row raises <see cref="CashFlowDataException"/> whose source is <c>file:line</c> (1-based, the header is line
/// 1) and whose field is the column at fault. A file without rows is an error. Nothing is returned from a file that raised.
/// </para>
/// </remarks>
public static class CashFlowCsv
{
    /// <summary>Reads a cash-flow file.</summary>
    /// <param name="reader">The file's text.</param>
    /// <param name="sourceName">The file name, used in error messages and kept as <see cref="CashFlowSeries.SourceName"/>.</param>
    /// <param name="options">Reading options; <see langword="null"/> for the defaults.</param>
    /// <returns>The series.</returns>
    /// <exception cref="CashFlowDataException">The file is malformed (see the remarks of <see cref="CashFlowCsv"/>).</exception>
    public static CashFlowSeries Read(TextReader reader, string sourceName, CashFlowCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CashFlowCsvOptions.Default;
        var fields = new List<string>();
        string? header = reader.ReadLine();
        int line = 1;
        if (header is null || header.Trim().Length == 0)
        {
            throw new CashFlowDataException("empty file: expected the header 'date,amount'", $"{sourceName}:1", null);
        }

        Split(header.TrimStart('\uFEFF'), fields, sourceName, line);
        int width = fields.Count;
        int dateColumn = -1;
        int amountColumn = -1;
        for (int i = 0; i < fields.Count; i++)
        {
            string name = fields[i].Trim().ToLowerInvariant();
            if (name is not ("date" or "amount"))
            {
                continue;
            }

            if ((name == "date" ? dateColumn : amountColumn) >= 0)
            {
                throw new CashFlowDataException("column appears twice in the header", $"{sourceName}:1", name);
            }

            if (name == "date")
            {
                dateColumn = i;
            }
            else
            {
                amountColumn = i;
            }
        }

        foreach ((int column, string name) in new[] { (dateColumn, "date"), (amountColumn, "amount") })
        {
            if (column < 0)
            {
                throw new CashFlowDataException($"missing required column (expected the header 'date,amount', found '{header.Trim()}')", $"{sourceName}:1", name);
            }
        }

        var dates = new List<DateOnly>();
        var amounts = new List<double>();
        var firstLine = new List<int>();
        while (reader.ReadLine() is string text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            string location = $"{sourceName}:{line}";
            Split(text, fields, sourceName, line);
            if (fields.Count != width)
            {
                throw new CashFlowDataException($"expected {width} fields as in the header, found {fields.Count}", location, null);
            }

            string dateCell = fields[dateColumn].Trim();
            if (!DateOnly.TryParseExact(dateCell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                throw new CashFlowDataException(dateCell.Length == 0 ? "empty; expected a date yyyy-MM-dd" : $"not a date yyyy-MM-dd: '{dateCell}'", location, "date");
            }

            string amountCell = fields[amountColumn].Trim();
            if (!double.TryParse(amountCell, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
            {
                throw new CashFlowDataException(amountCell.Length == 0 ? "empty; expected a number" : $"not a number: '{amountCell}'", location, "amount");
            }

            if (!double.IsFinite(amount))
            {
                throw new CashFlowDataException($"must be a finite number, not '{amountCell}'", location, "amount");
            }

            if (dates.Count > 0 && date <= dates[^1])
            {
                if (date < dates[^1])
                {
                    throw new CashFlowDataException($"date {CashFlowSeries.Iso(date)} is before the previous date {CashFlowSeries.Iso(dates[^1])} (rows must be sorted by date)", location, "date");
                }

                if (options.DuplicateDates == DuplicateDatePolicy.Reject)
                {
                    throw new CashFlowDataException(
                        string.Create(CultureInfo.InvariantCulture, $"duplicate date {CashFlowSeries.Iso(date)} (also on line {firstLine[^1]}); sum same-day rows with DuplicateDatePolicy.Sum"), location, "date");
                }

                amounts[^1] += amount;
                continue;
            }

            dates.Add(date);
            amounts.Add(amount);
            firstLine.Add(line);
        }

        if (dates.Count == 0)
        {
            throw new CashFlowDataException("no rows after the header: a cash-flow series needs at least one flow", $"{sourceName}:{line}", null);
        }

        return CashFlowSeries.FromValues(dates.ToArray(), amounts.ToArray(), sourceName);
    }

    /// <summary>Reads a cash-flow file from a stream (UTF-8, with or without a byte-order mark).</summary>
    /// <param name="stream">The file's bytes; left open.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <param name="options">Reading options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The series.</returns>
    /// <exception cref="CashFlowDataException">The file is malformed.</exception>
    public static async Task<CashFlowSeries> ReadAsync(Stream stream, string sourceName, CashFlowCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        string text = await DailySeriesCsvReader.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
        using var reader = new StringReader(text);
        return Read(reader, sourceName, options);
    }

    /// <summary>Writes a series as <c>date,amount</c> CSV (round-trip number format).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="series">The series.</param>
    public static void Write(TextWriter writer, CashFlowSeries series)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(series);
        writer.WriteLine("date,amount");
        for (int i = 0; i < series.Count; i++)
        {
            writer.Write(CashFlowSeries.Iso(series.Dates[i]));
            writer.Write(',');
            writer.WriteLine(series.Amounts[i].ToString("R", CultureInfo.InvariantCulture));
        }
    }

    // The market loaders' RFC 4180 splitter; its quote errors are reported in this family.
    private static void Split(string text, List<string> fields, string sourceName, int line)
    {
        try
        {
            SalesCsv.SplitFields(text, fields, $"{sourceName}:{line}");
        }
        catch (CollectionDataException ex)
        {
            throw new CashFlowDataException(ex.Reason, ex.Source, ex.Field, ex);
        }
    }
}
