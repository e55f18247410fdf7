using System.Globalization;
using System.Runtime.InteropServices;
using NftCollateral.Sdk.Text;

namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// Builds a <see cref="TraitTable"/> in one pass, reproducing OpenRarity's dictionary semantics: per token one value per
/// normalized name (last value, first position); names and values registered in order of first appearance in the final
/// per-token attributes; the trait-count meta trait appended last.
/// </summary>
internal sealed class TraitTableBuilder
{
    private const string MultiValueSeparator = "\u001F";

    private readonly TraitTableOptions _options;
    private readonly Dictionary<string, NameEntry> _byRawName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NameEntry> _byName = new(StringComparer.Ordinal);
    private readonly List<NameEntry> _columns = [];
    private readonly List<Slot> _slots = [];
    private readonly List<string> _countTexts = [];
    private Dictionary<string, NumericStats>? _numericStats;

    // Per token, the final (entry, catalog id) pairs, flattened.
    private readonly List<NameEntry> _flatEntries = [];
    private readonly List<int> _flatCatalog = [];
    private readonly List<int> _tokenStarts = [];

    public TraitTableBuilder(TraitTableOptions options) => _options = options;

    public TraitTable Build(IEnumerable<TokenTraits> tokens, string? name)
    {
        if (_options.NumericTraits == NumericTraitHandling.Binned)
        {
            IReadOnlyList<TokenTraits> list = tokens as IReadOnlyList<TokenTraits> ?? tokens.ToList();
            CollectNumericStats(list);
            tokens = list;
        }

        var ids = new List<string>(tokens.TryGetNonEnumeratedCount(out int n) ? n : 256);
        var index = new Dictionary<string, int>(ids.Capacity, StringComparer.Ordinal);
        var excluded = new List<string>();
        NameEntry meta = GetEntry(TraitType.TraitCountName);
        int position = 0;

        foreach (TokenTraits token in tokens)
        {
            string where = $"tokens[{position}]";
            if (token is null)
            {
                throw new CollectionDataException("token entry is null", tokenId: where);
            }

            string id = token.TokenId;
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new CollectionDataException("token has no id", tokenId: where, field: "id");
            }

            if (token.Traits is null)
            {
                throw new CollectionDataException("token has no trait list", tokenId: id, field: "traits");
            }

            if (!index.TryAdd(id, ids.Count))
            {
                int first = index[id];
                throw new CollectionDataException(
                    $"duplicate token id (first at row {first}, again at {where})", tokenId: id, field: "id");
            }

            ReadSlots(token);
            if (_options.ExcludeEmptyTokens && !HasAnyValue())
            {
                index.Remove(id);
                excluded.Add(id);
                position++;
                continue;
            }

            AddTraitCount(meta);
            Commit();
            ids.Add(id);
            position++;
        }

        if (ids.Count == 0)
        {
            throw new CollectionDataException(
                excluded.Count > 0 ? "the collection has no tokens with traits" : "the collection has no tokens",
                field: "tokens");
        }

        return Materialize(ids, index, excluded, name);
    }

    private NameEntry GetEntry(string rawName)
    {
        if (_byRawName.TryGetValue(rawName, out NameEntry? entry))
        {
            return entry;
        }

        string normalized = PythonString.LowerStrip(rawName);
        if (!_byName.TryGetValue(normalized, out entry))
        {
            entry = new NameEntry(normalized, rawName);
            _byName.Add(normalized, entry);
        }

        _byRawName.Add(rawName, entry);
        return entry;
    }

    private void ReadSlots(TokenTraits token)
    {
        _slots.Clear();
        IReadOnlyList<TraitValue> traits = token.Traits;
        for (int i = 0; i < traits.Count; i++)
        {
            TraitValue trait = traits[i];
            if (trait.TraitType is null)
            {
                throw new CollectionDataException("attribute has no trait type", tokenId: token.TokenId, field: $"traits[{i}]");
            }

            NameEntry entry = GetEntry(trait.TraitType);
            bool numeric = trait.Kind != TraitValueKind.Text;
            string rawValue = numeric ? NumericLabel(token.TokenId, trait, entry) : trait.Text ?? string.Empty;
            int slot = FindSlot(entry);
            if (_options.MultiValuedTraits)
            {
                if (slot < 0)
                {
                    _slots.Add(new Slot(entry, -1, numeric) { Multi = [] });
                    slot = _slots.Count - 1;
                }

                string normalized = PythonString.LowerStrip(rawValue);
                if (!(_options.MergeNullValues && IsNullish(normalized)))
                {
                    _slots[slot].Multi!.Add((normalized, rawValue, numeric));
                }

                continue;
            }

            int catalog = entry.CatalogIdOfRaw(rawValue);
            if (_options.MergeNullValues && entry.Nullish[catalog])
            {
                catalog = -1;
            }

            if (slot < 0)
            {
                _slots.Add(new Slot(entry, catalog, numeric));
            }
            else
            {
                CollectionsMarshal.AsSpan(_slots)[slot] = _slots[slot] with { Catalog = catalog, IsNumeric = numeric };
            }
        }

        if (_options.MultiValuedTraits)
        {
            Span<Slot> slots = CollectionsMarshal.AsSpan(_slots);
            for (int s = 0; s < slots.Length; s++)
            {
                slots[s] = slots[s] with { Catalog = slots[s].Entry.CatalogIdOfSet(slots[s].Multi!) };
            }
        }
    }

    private string NumericLabel(string tokenId, TraitValue trait, NameEntry entry)
    {
        switch (_options.NumericTraits)
        {
            case NumericTraitHandling.Categorical:
                return trait.Text ?? trait.Number.ToString("R", CultureInfo.InvariantCulture);
            case NumericTraitHandling.Binned:
                return _numericStats![entry.Name].Label(trait.Number);
            default:
                string kind = trait.Kind == TraitValueKind.Date ? "date" : "numeric";
                throw new CollectionDataException(
                    $"{kind} trait value {trait.Text} is not supported by OpenRarity (choose categorical or binned numeric traits)",
                    tokenId: tokenId,
                    field: trait.TraitType);
        }
    }

    private int FindSlot(NameEntry entry)
    {
        for (int s = 0; s < _slots.Count; s++)
        {
            if (ReferenceEquals(_slots[s].Entry, entry))
            {
                return s;
            }
        }

        return -1;
    }

    private bool HasAnyValue()
    {
        foreach (Slot slot in _slots)
        {
            if (slot.Catalog >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // OpenRarity: the number of string values not in {"none", ""}, plus every numeric or date value, less one when the
    // token already carries the meta trait; stored as the string meta trait (last position unless already present).
    private void AddTraitCount(NameEntry meta)
    {
        int count = 0;
        bool hasMeta = false;
        foreach (Slot slot in _slots)
        {
            if (ReferenceEquals(slot.Entry, meta))
            {
                hasMeta = true;
            }

            if (slot.Multi is not null)
            {
                count += slot.Entry.SetTraitCount(slot.Catalog);
            }
            else if (slot.Catalog >= 0 && (slot.IsNumeric || !slot.Entry.NoneOrEmpty[slot.Catalog]))
            {
                count++;
            }
        }

        if (hasMeta)
        {
            count--;
        }

        while (_countTexts.Count <= Math.Max(count, 0))
        {
            _countTexts.Add(_countTexts.Count.ToString(CultureInfo.InvariantCulture));
        }

        string text = count >= 0 ? _countTexts[count] : count.ToString(CultureInfo.InvariantCulture);
        int catalog = meta.CatalogIdOfRaw(text);
        int existing = FindSlot(meta);
        if (existing < 0)
        {
            _slots.Add(new Slot(meta, catalog, false));
        }
        else
        {
            CollectionsMarshal.AsSpan(_slots)[existing] = _slots[existing] with { Catalog = catalog, IsNumeric = false, Multi = null };
        }
    }

    private void Commit()
    {
        _tokenStarts.Add(_flatEntries.Count);
        foreach (Slot slot in _slots)
        {
            if (slot.Catalog < 0)
            {
                continue;
            }

            NameEntry entry = slot.Entry;
            if (entry.Column < 0)
            {
                entry.Column = _columns.Count;
                _columns.Add(entry);
            }

            entry.Count(slot.Catalog);
            _flatEntries.Add(entry);
            _flatCatalog.Add(slot.Catalog);
        }
    }

    private TraitTable Materialize(List<string> ids, Dictionary<string, int> index, List<string> excluded, string? name)
    {
        int n = ids.Count;
        int t = _columns.Count;
        var cells = new int[checked(n * t)];
        var types = new TraitType[t];
        var finalIds = new int[t][];
        for (int c = 0; c < t; c++)
        {
            (types[c], finalIds[c]) = _columns[c].ToTraitType(n);
        }

        _tokenStarts.Add(_flatEntries.Count);
        for (int i = 0; i < n; i++)
        {
            int row = i * t;
            for (int k = _tokenStarts[i]; k < _tokenStarts[i + 1]; k++)
            {
                int column = _flatEntries[k].Column;
                cells[row + column] = finalIds[column][_flatCatalog[k]];
            }
        }

        return new TraitTable(ids.ToArray(), index, types, cells, excluded.ToArray(), _options, name);
    }

    private void CollectNumericStats(IReadOnlyList<TokenTraits> tokens)
    {
        _numericStats = new Dictionary<string, NumericStats>(StringComparer.Ordinal);
        foreach (TokenTraits token in tokens)
        {
            if (token?.Traits is null)
            {
                continue;
            }

            foreach (TraitValue trait in token.Traits)
            {
                if (trait.Kind == TraitValueKind.Text || trait.TraitType is null)
                {
                    continue;
                }

                string normalized = GetEntry(trait.TraitType).Name;
                if (!_numericStats.TryGetValue(normalized, out NumericStats? stats))
                {
                    stats = new NumericStats(_options.NumericBinCount);
                    _numericStats.Add(normalized, stats);
                }

                stats.Add(trait.Number);
            }
        }
    }

    internal static bool IsNullish(string normalized) => normalized is "none" or "" or "null";

    private record struct Slot(NameEntry Entry, int Catalog, bool IsNumeric)
    {
        public List<(string Normalized, string Raw, bool Numeric)>? Multi { get; init; }
    }

    /// <summary>One normalized trait name: a catalog of its normalized values, with counts and registration order.</summary>
    private sealed class NameEntry(string name, string displayName)
    {
        private readonly Dictionary<string, int> _byRaw = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byNormalized = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];
        private readonly List<string> _display = [];
        private readonly List<int> _counts = [];
        private readonly List<int> _order = [];
        private readonly List<int> _setSizes = [];

        public string Name { get; } = name;

        public string DisplayName { get; } = displayName;

        public int Column { get; set; } = -1;

        public List<bool> NoneOrEmpty { get; } = [];

        public List<bool> Nullish { get; } = [];

        public int CatalogIdOfRaw(string raw)
        {
            if (_byRaw.TryGetValue(raw, out int id))
            {
                return id;
            }

            id = CatalogIdOfNormalized(PythonString.LowerStrip(raw), raw, 1);
            _byRaw.Add(raw, id);
            return id;
        }

        public int CatalogIdOfSet(List<(string Normalized, string Raw, bool Numeric)> values)
        {
            if (values.Count == 0)
            {
                return -1;
            }

            if (values.Count == 1)
            {
                return CatalogIdOfNormalized(values[0].Normalized, values[0].Raw, CountedValues(values));
            }

            values.Sort(static (a, b) => PythonString.CompareCodePoints(a.Normalized, b.Normalized));
            var keys = new List<string>(values.Count);
            var shown = new List<string>(values.Count);
            int counted = 0;
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0 && values[i].Normalized == values[i - 1].Normalized)
                {
                    continue;
                }

                keys.Add(values[i].Normalized);
                shown.Add(values[i].Raw);
                if (values[i].Numeric || !(values[i].Normalized is "none" or ""))
                {
                    counted++;
                }
            }

            return CatalogIdOfNormalized(string.Join(MultiValueSeparator, keys), string.Join(" | ", shown), counted);
        }

        public int SetTraitCount(int catalog) => catalog < 0 ? 0 : _setSizes[catalog];

        public void Count(int catalog)
        {
            if (_counts[catalog]++ == 0)
            {
                _order.Add(catalog);
            }
        }

        public (TraitType Type, int[] FinalIds) ToTraitType(int tokenCount)
        {
            var finalIds = new int[_values.Count];
            var values = new string[_order.Count];
            var display = new string[_order.Count];
            var counts = new int[_order.Count + 1];
            int present = 0;
            for (int k = 0; k < _order.Count; k++)
            {
                int catalog = _order[k];
                finalIds[catalog] = k + 1;
                values[k] = _values[catalog];
                display[k] = _display[catalog];
                counts[k + 1] = _counts[catalog];
                present += _counts[catalog];
            }

            counts[0] = tokenCount - present;
            return (new TraitType(Name, DisplayName, values, display, counts), finalIds);
        }

        private static int CountedValues(List<(string Normalized, string Raw, bool Numeric)> values) =>
            values[0].Numeric || !(values[0].Normalized is "none" or "") ? 1 : 0;

        private int CatalogIdOfNormalized(string normalized, string raw, int setSize)
        {
            if (!_byNormalized.TryGetValue(normalized, out int id))
            {
                id = _values.Count;
                _byNormalized.Add(normalized, id);
                _values.Add(normalized);
                _display.Add(raw);
                _counts.Add(0);
                _setSizes.Add(setSize);
                NoneOrEmpty.Add(normalized is "none" or "");
                Nullish.Add(IsNullish(normalized));
            }

            return id;
        }
    }

    /// <summary>Range and distinct values of one numeric trait, for equal-width binning.</summary>
    private sealed class NumericStats(int bins)
    {
        private readonly HashSet<double> _distinct = [];
        private double _min = double.PositiveInfinity;
        private double _max = double.NegativeInfinity;

        public void Add(double value)
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            if (_distinct.Count <= bins)
            {
                _distinct.Add(value);
            }
        }

        public string Label(double value)
        {
            if (_distinct.Count <= bins)
            {
                return value.ToString("R", CultureInfo.InvariantCulture);
            }

            double width = (_max - _min) / bins;
            int bin = Math.Clamp((int)((value - _min) / width), 0, bins - 1);
            double lo = _min + (bin * width);
            double hi = bin == bins - 1 ? _max : _min + ((bin + 1) * width);
            string close = bin == bins - 1 ? "]" : ")";
            return string.Create(CultureInfo.InvariantCulture, $"[{lo:G6}, {hi:G6}{close}");
        }
    }
}
