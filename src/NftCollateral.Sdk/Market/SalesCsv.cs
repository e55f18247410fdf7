using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace NftCollateral.Sdk.Market;

/// <summary>
/// Streams sales from a CSV file shaped like <c>shared/data/cryptopunks-sales.csv</c>: a header row, then one sale per
/// row. Columns are found by name (case-insensitive), so their order does not matter and extra columns are ignored.
/// </summary>
/// <remarks>
/// <para>
/// Required columns: <c>collection</c>, <c>token_id</c>, <c>timestamp_utc</c>, <c>price_eth</c>. Optional columns:
/// <c>price_usd</c>, <c>marketplace</c>, <c>tx_hash</c>, <c>block_number</c>, <c>ts_precision</c>
/// (<c>second</c> or <c>day</c>), <c>suspect_low_price</c> (<c>1</c>, <c>0</c> or empty), <c>buyer</c>, <c>seller</c>.
/// <c>price_usd</c> may be 0 (a dust sale rounded to cents) but not negative. An empty cell in an optional column reads as unknown (<see langword="null"/>); when <c>ts_precision</c> is absent or
/// empty it is taken from the timestamp's own form: <c>yyyy-MM-dd</c> is <see cref="TimestampPrecision.Day"/>, a
/// timestamp with a time is <see cref="TimestampPrecision.Second"/>.
/// </para>
/// <para>
/// Timestamps are ISO 8601: <c>2017-06-23T21:05:06Z</c>, with an optional fraction and offset (converted to UTC; no
/// offset means UTC), or a date alone. Numbers use the invariant culture (<c>.</c> decimal point, no thousands
/// separators). Fields may be quoted as in RFC 4180 (<c>"a,b"</c>, <c>""</c> for a quote, line breaks inside quotes).
/// </para>
/// <para>
/// A bad row (wrong column count, an empty required cell, an unparseable number or date, a price that is zero,
/// negative or not finite, a broken quote) throws <see cref="CollectionDataException"/> whose
/// <see cref="CollectionDataException.Source"/> is <c>NAME:LINE</c> (the row's first physical line, the header being
/// line 1) and whose <see cref="CollectionDataException.Field"/> is the column. Rows are never skipped and no default
/// replaces a bad value. Sales already yielded before the bad row stay yielded: callers that need all-or-nothing
/// collect the whole stream first.
/// </para>
/// </remarks>
public static class SalesCsv
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>Reads sales one by one from <paramref name="stream"/> (UTF-8, optional BOM).</summary>
    /// <param name="stream">The CSV data. It is not closed.</param>
    /// <param name="sourceName">The file name used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sales in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="CollectionDataException">The header or a row is malformed (see the remarks of <see cref="SalesCsv"/>).</exception>
    public static async IAsyncEnumerable<Sale> ReadAsync(Stream stream, string sourceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 65536, leaveOpen: true);
        var fields = new List<string>(16);
        int lineNumber = 0;

        (int headerLine, bool hasHeader) = await ReadRecordAsync(reader, fields, () => ++lineNumber, sourceName, cancellationToken).ConfigureAwait(false);
        if (!hasHeader || (fields.Count == 1 && fields[0].Length == 0))
        {
            throw new CollectionDataException("no header row (the file is empty)", $"{sourceName}:1");
        }

        Columns columns = Columns.Create(fields, $"{sourceName}:{headerLine}");
        int pendingBlankLine = 0;
        while (true)
        {
            (int line, bool more) = await ReadRecordAsync(reader, fields, () => ++lineNumber, sourceName, cancellationToken).ConfigureAwait(false);
            if (!more)
            {
                yield break;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                // A blank line is allowed only at the end of the file.
                if (pendingBlankLine == 0)
                {
                    pendingBlankLine = line;
                }

                continue;
            }

            if (pendingBlankLine != 0)
            {
                throw new CollectionDataException("blank line inside the data", $"{sourceName}:{pendingBlankLine}");
            }

            yield return columns.Parse(fields, $"{sourceName}:{line}");
        }
    }

    /// <summary>Reads every sale of <paramref name="stream"/> into a list.</summary>
    /// <param name="stream">The CSV data. It is not closed.</param>
    /// <param name="sourceName">The file name used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sales in file order.</returns>
    /// <exception cref="CollectionDataException">The header or a row is malformed.</exception>
    public static async Task<List<Sale>> ReadAllAsync(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        var sales = new List<Sale>();
        await foreach (Sale sale in ReadAsync(stream, sourceName, cancellationToken).ConfigureAwait(false))
        {
            sales.Add(sale);
        }

        return sales;
    }

    /// <summary>Reads one logical record (which may span lines inside quotes) into <paramref name="fields"/>.</summary>
    private static async Task<(int Line, bool Found)> ReadRecordAsync(StreamReader reader, List<string> fields, Func<int> nextLine, string sourceName, CancellationToken cancellationToken)
    {
        string? text = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return (0, false);
        }

        int startLine = nextLine();
        if (CountQuotes(text) % 2 != 0)
        {
            var builder = new StringBuilder(text);
            int quotes = CountQuotes(text);
            while (quotes % 2 != 0)
            {
                string? more = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (more is null)
                {
                    throw new CollectionDataException("quoted field not closed before the end of the file", $"{sourceName}:{startLine}");
                }

                nextLine();
                builder.Append('\n').Append(more);
                quotes += CountQuotes(more);
            }

            text = builder.ToString();
        }

        SplitFields(text, fields, $"{sourceName}:{startLine}");
        return (startLine, true);
    }

    private static int CountQuotes(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (c == '"')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Splits one record into fields (RFC 4180: quoted fields, doubled quotes inside them).</summary>
    internal static void SplitFields(string text, List<string> fields, string location)
    {
        fields.Clear();
        int i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    int quote = text.IndexOf('"', i);
                    if (quote < 0)
                    {
                        throw new CollectionDataException("quoted field not closed", location, field: $"column {fields.Count + 1}");
                    }

                    value.Append(text, i, quote - i);
                    if (quote + 1 < text.Length && text[quote + 1] == '"')
                    {
                        value.Append('"');
                        i = quote + 2;
                        continue;
                    }

                    i = quote + 1;
                    break;
                }

                fields.Add(value.ToString());
                if (i == text.Length)
                {
                    return;
                }

                if (text[i] != ',')
                {
                    throw new CollectionDataException("text after the closing quote of a quoted field", location, field: $"column {fields.Count}");
                }

                i++;
            }
            else
            {
                int comma = text.IndexOf(',', i);
                int end = comma < 0 ? text.Length : comma;
                if (text.AsSpan(i, end - i).Contains('"'))
                {
                    throw new CollectionDataException("quote inside an unquoted field (quote the whole field and double the quote)", location, field: $"column {fields.Count + 1}");
                }

                fields.Add(text[i..end]);
                if (comma < 0)
                {
                    return;
                }

                i = comma + 1;
            }

            if (i == text.Length)
            {
                fields.Add(string.Empty);
                return;
            }
        }
    }

    private sealed class Columns
    {
        private int _count;
        private int _collection = -1;
        private int _tokenId = -1;
        private int _timestamp = -1;
        private int _priceEth = -1;
        private int _priceUsd = -1;
        private int _marketplace = -1;
        private int _txHash = -1;
        private int _block = -1;
        private int _precision = -1;
        private int _suspect = -1;
        private int _buyer = -1;
        private int _seller = -1;

        public static Columns Create(List<string> header, string location)
        {
            var columns = new Columns { _count = header.Count };
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < header.Count; i++)
            {
                string name = header[i].Trim();
                if (name.Length > 0 && !seen.Add(name))
                {
                    throw new CollectionDataException("column named twice in the header", location, field: name);
                }

                switch (name.ToUpperInvariant())
                {
                    case "COLLECTION": columns._collection = i; break;
                    case "TOKEN_ID": columns._tokenId = i; break;
                    case "TIMESTAMP_UTC": columns._timestamp = i; break;
                    case "PRICE_ETH": columns._priceEth = i; break;
                    case "PRICE_USD": columns._priceUsd = i; break;
                    case "MARKETPLACE": columns._marketplace = i; break;
                    case "TX_HASH": columns._txHash = i; break;
                    case "BLOCK_NUMBER": columns._block = i; break;
                    case "TS_PRECISION": columns._precision = i; break;
                    case "SUSPECT_LOW_PRICE": columns._suspect = i; break;
                    case "BUYER": columns._buyer = i; break;
                    case "SELLER": columns._seller = i; break;
                    default: break;
                }
            }

            Require(columns._collection, "collection", location);
            Require(columns._tokenId, "token_id", location);
            Require(columns._timestamp, "timestamp_utc", location);
            Require(columns._priceEth, "price_eth", location);
            return columns;
        }

        public Sale Parse(List<string> fields, string location)
        {
            if (fields.Count != _count)
            {
                throw new CollectionDataException($"{fields.Count} columns where the header has {_count}", location);
            }

            string collection = Required(fields, _collection, "collection", location, null);
            string tokenId = Required(fields, _tokenId, "token_id", location, null);
            string timestampText = Required(fields, _timestamp, "timestamp_utc", location, tokenId);
            (DateTimeOffset timestamp, bool dateOnly) = ParseTimestamp(timestampText, location, tokenId);
            decimal priceEth = ParsePrice(Required(fields, _priceEth, "price_eth", location, tokenId), "price_eth", location, tokenId);
            string? usdText = Optional(fields, _priceUsd);
            decimal? priceUsd = usdText is null ? null : ParsePrice(usdText, "price_usd", location, tokenId, allowZero: true);
            string? blockText = Optional(fields, _block);
            long? block = null;
            if (blockText is not null)
            {
                block = long.TryParse(blockText, NumberStyles.None, CultureInfo.InvariantCulture, out long b)
                    ? b
                    : throw new CollectionDataException($"not a block number: '{blockText}'", location, tokenId, "block_number");
            }

            TimestampPrecision precision = Optional(fields, _precision) switch
            {
                null => dateOnly ? TimestampPrecision.Day : TimestampPrecision.Second,
                string p when p.Equals("second", StringComparison.OrdinalIgnoreCase) => TimestampPrecision.Second,
                string p when p.Equals("day", StringComparison.OrdinalIgnoreCase) => TimestampPrecision.Day,
                string p => throw new CollectionDataException($"unknown precision '{p}' (use second or day)", location, tokenId, "ts_precision"),
            };
            if (precision == TimestampPrecision.Day && timestamp.TimeOfDay != TimeSpan.Zero)
            {
                throw new CollectionDataException($"precision is day but the time is not 00:00:00: '{timestampText}'", location, tokenId, "ts_precision");
            }

            bool? suspect = Optional(fields, _suspect) switch
            {
                null => null,
                "1" => true,
                "0" => false,
                string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
                string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
                string s => throw new CollectionDataException($"not a flag: '{s}' (use 1, 0 or empty)", location, tokenId, "suspect_low_price"),
            };

            return new Sale(
                collection,
                tokenId,
                timestamp,
                priceEth,
                priceUsd,
                Optional(fields, _marketplace),
                Optional(fields, _txHash),
                block,
                precision,
                suspect,
                Optional(fields, _buyer)?.ToLowerInvariant(),
                Optional(fields, _seller)?.ToLowerInvariant());
        }

        private static void Require(int index, string name, string location)
        {
            if (index < 0)
            {
                throw new CollectionDataException("required column missing from the header", location, field: name);
            }
        }

        private static string Required(List<string> fields, int index, string name, string location, string? tokenId)
        {
            string value = fields[index].Trim();
            return value.Length > 0 ? value : throw new CollectionDataException("empty value in a required column", location, tokenId, name);
        }

        private static string? Optional(List<string> fields, int index)
        {
            if (index < 0)
            {
                return null;
            }

            string value = fields[index].Trim();
            return value.Length == 0 ? null : value;
        }

        private static decimal ParsePrice(string text, string field, string location, string tokenId, bool allowZero = false)
        {
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal value))
            {
                bool nonFinite = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsFinite(d);
                throw new CollectionDataException(nonFinite ? $"price is not finite: '{text}'" : $"not a number: '{text}'", location, tokenId, field);
            }

            return value > 0 || (allowZero && value == 0)
                ? value
                : throw new CollectionDataException(allowZero ? $"price must not be negative: {text}" : $"price must be positive, not {text}", location, tokenId, field);
        }

        private static (DateTimeOffset Value, bool DateOnly) ParseTimestamp(string text, string location, string tokenId)
        {
            const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            if (DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, styles, out DateTimeOffset value))
            {
                return (value.ToUniversalTime(), false);
            }

            if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out value))
            {
                return (value.ToUniversalTime(), true);
            }

            throw new CollectionDataException($"not an ISO 8601 UTC timestamp: '{text}'", location, tokenId, "timestamp_utc");
        }
    }
}
