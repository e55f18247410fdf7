using System.Text.Json;

namespace NftCollateral.Sdk.Rarity;

/// <summary>A collection read from a traits file: its name, contract and tokens in file order.</summary>
/// <param name="Name">The collection name, when the file gives one.</param>
/// <param name="Contract">The contract address, when the file gives one.</param>
/// <param name="Tokens">The tokens in file order.</param>
public sealed record CollectionTraits(string? Name, string? Contract, IReadOnlyList<TokenTraits> Tokens);

/// <summary>
/// Reads collection traits from JSON: the SDK's traits format, and standard ERC-721 metadata (one document or an
/// array of them). A pure parser over streams; it opens no files.
/// </summary>
/// <remarks>
/// <para>
/// <b>Traits format</b> (<c>shared/data/*-traits.json</c>): <c>{"collection": "...", "contract": "0x...", "tokens":
/// [{"id": 0, "traits": {"Background": "Orange", ...}}, ...]}</c>. Ids may be numbers or strings and are kept as written.
/// </para>
/// <para>
/// <b>ERC-721 metadata</b>: <c>{"token_id": 1, "name": "...", "attributes": [{"trait_type": "Hat", "value": "Cap",
/// "display_type": null}]}</c>, or an array of such objects. The id is read from <c>token_id</c>, <c>tokenId</c>,
/// <c>id</c> or <c>edition</c>. Attributes map as OpenRarity's OpenSea resolver maps them: no <c>display_type</c> →
/// by the value's JSON type; <c>number</c>, <c>boost_number</c>, <c>boost_percentage</c> → numeric; <c>date</c> → date;
/// any other display type is ignored.
/// </para>
/// <para>
/// Value types follow Python's <c>json</c> module as OpenRarity sees them: strings are text, numbers and booleans are
/// numeric; an array is read as the trait repeated once per element (a multi-valued trait); <c>null</c> or an object is
/// an error. A repeated key keeps its first position and its last value, like a Python <c>dict</c>.
/// </para>
/// <para>Every error is a <see cref="CollectionDataException"/> naming the source, the token and the field.</para>
/// </remarks>
public static class TraitsJson
{
    private static readonly string[] IdFields = ["token_id", "tokenId", "id", "edition"];

    /// <summary>Reads a traits file or ERC-721 metadata from a stream.</summary>
    /// <param name="utf8Json">The UTF-8 JSON stream.</param>
    /// <param name="sourceName">The file or stream name used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="CollectionDataException">The JSON is malformed or not a collection.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<CollectionTraits> ReadAsync(Stream utf8Json, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(utf8Json, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex, sourceName);
        }

        using (document)
        {
            return Read(document.RootElement, sourceName, new StringPool());
        }
    }

    /// <summary>Reads a traits file or ERC-721 metadata from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <param name="sourceName">The file or stream name used in error messages.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceName"/> is <see langword="null"/>.</exception>
    /// <exception cref="CollectionDataException">The JSON is malformed or not a collection.</exception>
    public static CollectionTraits Read(ReadOnlyMemory<byte> utf8Json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            ReadOnlyMemory<byte> json = utf8Json.Span.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json;
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex, sourceName);
        }

        using (document)
        {
            return Read(document.RootElement, sourceName, new StringPool());
        }
    }

    private static CollectionDataException Malformed(JsonException ex, string source)
    {
        string detail = ex.Message.Split('\n')[0].Split(" LineNumber:")[0].Trim();
        string where = ex.LineNumber is long line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
        return new CollectionDataException($"malformed JSON{where}: {detail}", source, innerException: ex);
    }

    private static CollectionTraits Read(JsonElement root, string source, StringPool pool)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object when root.TryGetProperty("tokens", out JsonElement tokens):
                if (tokens.ValueKind != JsonValueKind.Array)
                {
                    throw new CollectionDataException("'tokens' must be an array", source, field: "tokens");
                }

                return new CollectionTraits(
                    OptionalString(root, "collection", source) ?? OptionalString(root, "name", source),
                    OptionalString(root, "contract", source),
                    ReadTokenArray(tokens, source, "tokens", pool));

            case JsonValueKind.Object when root.TryGetProperty("attributes", out _):
                return new CollectionTraits(null, null, [ReadToken(root, source, "metadata", pool)]);

            case JsonValueKind.Array:
                return new CollectionTraits(null, null, ReadTokenArray(root, source, string.Empty, pool));

            default:
                throw new CollectionDataException(
                    "not a traits file: expected {\"tokens\": [...]}, ERC-721 metadata with \"attributes\", or an array of them",
                    source);
        }
    }

    private static List<TokenTraits> ReadTokenArray(JsonElement array, string source, string path, StringPool pool)
    {
        var tokens = new List<TokenTraits>(array.GetArrayLength());
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            tokens.Add(ReadToken(element, source, $"{path}[{i}]", pool));
            i++;
        }

        return tokens;
    }

    private static TokenTraits ReadToken(JsonElement token, string source, string where, StringPool pool)
    {
        if (token.ValueKind != JsonValueKind.Object)
        {
            throw new CollectionDataException($"expected a token object but found {Describe(token)}", source, where);
        }

        string id = ReadId(token, source, where);
        if (token.TryGetProperty("traits", out JsonElement traits))
        {
            return new TokenTraits(id, ReadTraitsObject(traits, source, id, pool));
        }

        if (token.TryGetProperty("attributes", out JsonElement attributes))
        {
            return new TokenTraits(id, ReadAttributes(attributes, source, id, pool));
        }

        throw new CollectionDataException("token has neither 'traits' nor 'attributes'", source, id, "traits");
    }

    private static string ReadId(JsonElement token, string source, string where)
    {
        foreach (string field in IdFields)
        {
            if (!token.TryGetProperty(field, out JsonElement id))
            {
                continue;
            }

            string? text = id.ValueKind switch
            {
                JsonValueKind.Number => id.GetRawText(),
                JsonValueKind.String => Text(id, source, where, field),
                _ => throw new CollectionDataException($"token id must be a number or a string, not {Describe(id)}", source, where, field),
            };
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CollectionDataException("token id is empty", source, where, field);
            }

            return text;
        }

        throw new CollectionDataException("token has no id", source, where, "id");
    }

    private static List<TraitValue> ReadTraitsObject(JsonElement traits, string source, string id, StringPool pool)
    {
        if (traits.ValueKind != JsonValueKind.Object)
        {
            throw new CollectionDataException($"'traits' must be an object, not {Describe(traits)}", source, id, "traits");
        }

        var values = new List<TraitValue>(8);
        int index = 0;
        foreach (JsonProperty property in traits.EnumerateObject())
        {
            string name = pool.Share(Name(property, source, id, $"traits (entry {index})"));
            AddValue(values, name, property.Value, source, id, name, allowArray: true, pool);
            index++;
        }

        return values;
    }

    private static List<TraitValue> ReadAttributes(JsonElement attributes, string source, string id, StringPool pool)
    {
        if (attributes.ValueKind != JsonValueKind.Array)
        {
            throw new CollectionDataException($"'attributes' must be an array, not {Describe(attributes)}", source, id, "attributes");
        }

        var values = new List<TraitValue>(8);
        int i = 0;
        foreach (JsonElement attribute in attributes.EnumerateArray())
        {
            string field = $"attributes[{i}]";
            if (attribute.ValueKind != JsonValueKind.Object)
            {
                throw new CollectionDataException($"attribute must be an object, not {Describe(attribute)}", source, id, field);
            }

            if (!attribute.TryGetProperty("trait_type", out JsonElement typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                throw new CollectionDataException("attribute has no string 'trait_type'", source, id, field + ".trait_type");
            }

            string type = pool.Share(Text(typeElement, source, id, field + ".trait_type"));
            if (!attribute.TryGetProperty("value", out JsonElement value))
            {
                throw new CollectionDataException("attribute has no 'value'", source, id, $"{field}.value ({type})");
            }

            string? display = attribute.TryGetProperty("display_type", out JsonElement d) && d.ValueKind == JsonValueKind.String
                ? Text(d, source, id, $"{field}.display_type")
                : null;
            switch (display)
            {
                case null:
                    AddValue(values, type, value, source, id, $"{field}.value ({type})", allowArray: false, pool);
                    break;
                case "number" or "boost_number" or "boost_percentage":
                    values.Add(TraitValue.FromNumber(type, ReadNumber(value, source, id, $"{field}.value ({type})"), RawText(value, source, id, $"{field}.value ({type})")));
                    break;
                case "date":
                    values.Add(TraitValue.FromDate(type, ReadNumber(value, source, id, $"{field}.value ({type})"), RawText(value, source, id, $"{field}.value ({type})")));
                    break;
                default:
                    break; // OpenSea's resolver ignores other display types.
            }

            i++;
        }

        return values;
    }

    private static void AddValue(List<TraitValue> values, string type, JsonElement value, string source, string id, string field, bool allowArray, StringPool pool)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                values.Add(TraitValue.FromText(type, pool.Share(Text(value, source, id, field))));
                break;
            case JsonValueKind.Number:
                values.Add(TraitValue.FromNumber(type, ReadNumber(value, source, id, field), value.GetRawText()));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                values.Add(TraitValue.FromNumber(type, value.GetBoolean() ? 1 : 0, value.GetBoolean() ? "True" : "False"));
                break;
            case JsonValueKind.Array when allowArray:
                foreach (JsonElement item in value.EnumerateArray())
                {
                    AddValue(values, type, item, source, id, field, allowArray: false, pool);
                }

                break;
            default:
                throw new CollectionDataException($"trait value must be a string or a number, not {Describe(value)}", source, id, field);
        }
    }

    private static double ReadNumber(JsonElement value, string source, string id, string field)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(Text(value, source, id, field), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number))
        {
            return number;
        }

        throw new CollectionDataException($"expected a finite number, not {Describe(value)}", source, id, field);
    }

    private static string RawText(JsonElement value, string source, string id, string field) =>
        value.ValueKind == JsonValueKind.String ? Text(value, source, id, field) : value.GetRawText();

    // JsonElement.GetString throws InvalidOperationException for invalid UTF-8 or an escaped lone surrogate.
    private static string Text(JsonElement value, string source, string? id, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new CollectionDataException("string is not valid UTF-8 or holds a lone surrogate escape", source, id, field, ex);
        }
    }

    private static string Name(JsonProperty property, string source, string? id, string field)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException ex)
        {
            throw new CollectionDataException("property name is not valid UTF-8 or holds a lone surrogate escape", source, id, field, ex);
        }
    }

    private static string? OptionalString(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? Text(value, source, null, name)
            : throw new CollectionDataException($"'{name}' must be a string, not {Describe(value)}", source, field: name);
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.String => $"the string {value.GetRawText()}",
        _ => value.ValueKind.ToString(),
    };

    /// <summary>
    /// Shares repeated names and values within one read (a collection has a few hundred distinct strings among
    /// hundreds of thousands): less memory, and the trait table's identity fast path then skips hashing them.
    /// </summary>
    private sealed class StringPool
    {
        private const int MaxShared = 1 << 16;
        private readonly Dictionary<string, string> _strings = [];

        public string Share(string value)
        {
            if (_strings.TryGetValue(value, out string? shared))
            {
                return shared;
            }

            if (_strings.Count < MaxShared)
            {
                _strings.Add(value, value);
            }

            return value;
        }
    }
}
