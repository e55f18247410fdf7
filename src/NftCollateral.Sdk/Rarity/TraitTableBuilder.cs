using System.Globalization;
using System.Runtime.CompilerServices;
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
    private readonly Dictionary<string, NameEntry> _byRawName = [];
    private readonly Dictionary<string, NameEntry> _byName = [];
    private readonly List<NameEntry> _columns = [];
    private readonly List<Slot> _slots = [];
    private Dictionary<string, NumericStats>? _numericStats;

    // Rows of (catalog id + 1) by column, 0 for a missing trait, with a stride that grows as columns appear.
    private int[] _buffer = [];
    private int _stride;
    private int _rows;

    // The raw name last seen at each attribute position, to skip a dictionary lookup when tokens list names alike.
    private (string? Raw, NameEntry? Entry)[] _namesByPosition = new (string?, NameEntry?)[16];
    private TraitValue[] _traitBuffer = new TraitValue[16];
    private readonly List<(string Raw, NameEntry Entry)> _rawNames = [];
    private readonly List<int> _metaCatalogByCount = [];
    private int _tokenStamp;

    public TraitTableBuilder(TraitTableOptions options) => _options = options;

    public TraitTable Build(IEnumerable<TokenTraits> tokens, string? name)
    {
        if (_options.NumericTraits == NumericTraitHandling.Binned)
        {
            IReadOnlyList<TokenTraits> list = tokens as IReadOnlyList<TokenTraits> ?? tokens.ToList();
            CollectNumericStats(list);
            tokens = list;
        }

        int capacity = tokens.TryGetNonEnumeratedCount(out int n) ? n : 256;
        _stride = 16;
        _buffer = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(capacity, 16) * _stride);
        try
        {
            return BuildRows(tokens, capacity, name);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private TraitTable BuildRows(IEnumerable<TokenTraits> tokens, int capacity, string? name)
    {
        var ids = new List<string>(capacity);
        var index = new TokenIdIndex(ids, capacity);
        var excluded = new List<string>();
        var excludedIds = new HashSet<string>(StringComparer.Ordinal);
        NameEntry meta = GetEntry(TraitType.TraitCountName);
        int position = 0;
        foreach (TokenTraits token in tokens)
        {
            if (token is null)
            {
                throw new CollectionDataException("token entry is null", tokenId: Where(position));
            }

            string id = token.TokenId;
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new CollectionDataException("token has no id", tokenId: Where(position), field: "id");
            }

            if (token.Traits is null)
            {
                throw new CollectionDataException("token has no trait list", tokenId: id, field: "traits");
            }

            ReadSlots(token);
            bool exclude = _options.ExcludeEmptyTokens && !HasAnyValue();
            bool duplicate = excluded.Count > 0 && excludedIds.Contains(id);
            if (!duplicate)
            {
                duplicate = exclude ? index.TryGet(id, out _) : !index.TryAdd(id, out _);
            }

            if (duplicate)
            {
                throw new CollectionDataException(
                    $"duplicate token id (again at {Where(position)})", tokenId: id, field: "id");
            }

            if (exclude)
            {
                excluded.Add(id);
                excludedIds.Add(id);
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

    private static string Where(int position) => string.Create(CultureInfo.InvariantCulture, $"tokens[{position}]");

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
        _rawNames.Add((rawName, entry));
        return entry;
    }

    private void ReadSlots(TokenTraits token)
    {
        _slots.Clear();
        _tokenStamp++;
        ReadOnlySpan<TraitValue> traits = AsSpan(token.Traits);
        for (int i = 0; i < traits.Length; i++)
        {
            ref readonly TraitValue trait = ref traits[i];
            if (trait.TraitType is null)
            {
                throw new CollectionDataException("attribute has no trait type", tokenId: token.TokenId, field: $"traits[{i}]");
            }

            NameEntry entry = ResolveName(i, trait.TraitType);
            bool numeric = trait.Kind != TraitValueKind.Text;
            string rawValue = numeric ? NumericLabel(token.TokenId, trait, entry) : trait.Text ?? string.Empty;
            int slot = FindSlot(entry);
            if (_options.MultiValuedTraits)
            {
                if (slot < 0)
                {
                    AddSlot(new Slot(entry, -1, numeric) { Multi = [] });
                    slot = _slots.Count - 1;
                }

                string normalized = PythonString.LowerStrip(rawValue);
                if (!(_options.MergeNullValues && IsNullish(normalized)))
                {
                    CollectionsMarshal.AsSpan(_slots)[slot].Multi!.Add((normalized, rawValue, numeric));
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
                AddSlot(new Slot(entry, catalog, numeric));
            }
            else
            {
                ref Slot existing = ref CollectionsMarshal.AsSpan(_slots)[slot];
                existing.Catalog = catalog;
                existing.IsNumeric = numeric;
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

    private ReadOnlySpan<TraitValue> AsSpan(IReadOnlyList<TraitValue> traits)
    {
        switch (traits)
        {
            case TraitValue[] array:
                return array;
            case List<TraitValue> list:
                return CollectionsMarshal.AsSpan(list);
            default:
                if (_traitBuffer.Length < traits.Count)
                {
                    _traitBuffer = new TraitValue[traits.Count * 2];
                }

                for (int i = 0; i < traits.Count; i++)
                {
                    _traitBuffer[i] = traits[i];
                }

                return _traitBuffer.AsSpan(0, traits.Count);
        }
    }

    // Trait types are few and mostly differ in length: the name at the same position as in the previous token, then a
    // short scan of the raw names seen so far, beat hashing the name for every attribute.
    private NameEntry ResolveName(int position, string rawName)
    {
        if (position < _namesByPosition.Length)
        {
            (string? raw, NameEntry? cached) = _namesByPosition[position];
            if (cached is not null && (ReferenceEquals(raw, rawName) || string.Equals(raw, rawName, StringComparison.Ordinal)))
            {
                return cached;
            }
        }

        NameEntry? entry = null;
        if (_rawNames.Count <= 32)
        {
            foreach ((string raw, NameEntry known) in CollectionsMarshal.AsSpan(_rawNames))
            {
                if (raw.Length == rawName.Length && string.Equals(raw, rawName, StringComparison.Ordinal))
                {
                    entry = known;
                    break;
                }
            }
        }

        entry ??= GetEntry(rawName);
        if (position < _namesByPosition.Length)
        {
            _namesByPosition[position] = (rawName, entry);
        }

        return entry;
    }

    private string NumericLabel(string tokenId, in TraitValue trait, NameEntry entry)
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

    // O(1): each entry remembers the token (stamp) and slot where it last appeared.
    private int FindSlot(NameEntry entry) => entry.SlotStamp == _tokenStamp ? entry.SlotIndex : -1;

    private void AddSlot(Slot slot)
    {
        slot.Entry.SlotStamp = _tokenStamp;
        slot.Entry.SlotIndex = _slots.Count;
        _slots.Add(slot);
    }

    private bool HasAnyValue()
    {
        foreach (ref readonly Slot slot in CollectionsMarshal.AsSpan(_slots))
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
        foreach (ref readonly Slot slot in CollectionsMarshal.AsSpan(_slots))
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

        int catalog;
        if (count >= 0)
        {
            while (_metaCatalogByCount.Count <= count)
            {
                _metaCatalogByCount.Add(meta.CatalogIdOfRaw(_metaCatalogByCount.Count.ToString(CultureInfo.InvariantCulture)));
            }

            catalog = _metaCatalogByCount[count];
        }
        else
        {
            catalog = meta.CatalogIdOfRaw(count.ToString(CultureInfo.InvariantCulture));
        }
        int existing = FindSlot(meta);
        if (existing < 0)
        {
            AddSlot(new Slot(meta, catalog, false));
        }
        else
        {
            ref Slot slot = ref CollectionsMarshal.AsSpan(_slots)[existing];
            slot.Catalog = catalog;
            slot.IsNumeric = false;
            slot.Multi = null;
        }
    }

    private void Commit()
    {
        if ((_rows + 1) * _stride > _buffer.Length)
        {
            Relayout(_stride, Math.Max(16, _rows * 2));
        }

        int row = _rows * _stride;
        _buffer.AsSpan(row, _stride).Clear();
        foreach (ref readonly Slot slot in CollectionsMarshal.AsSpan(_slots))
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
                if (entry.Column >= _stride)
                {
                    Relayout(_stride * 2, Math.Max(_rows + 1, _buffer.Length / _stride));
                    row = _rows * _stride;
                }
            }

            entry.Count(slot.Catalog);
            _buffer[row + entry.Column] = slot.Catalog + 1;
        }

        _rows++;
    }

    // Copies the committed rows (and the row being written) into a buffer with a new stride and row capacity.
    private void Relayout(int stride, int rowCapacity)
    {
        int[] next = System.Buffers.ArrayPool<int>.Shared.Rent(checked(rowCapacity * stride));
        Array.Clear(next, 0, rowCapacity * stride);
        int oldStride = _stride;
        for (int r = 0; r <= _rows && (r + 1) * oldStride <= _buffer.Length; r++)
        {
            _buffer.AsSpan(r * oldStride, oldStride).CopyTo(next.AsSpan(r * stride, oldStride));
        }

        System.Buffers.ArrayPool<int>.Shared.Return(_buffer);
        _buffer = next;
        _stride = stride;
    }

    private TraitTable Materialize(List<string> ids, TokenIdIndex index, List<string> excluded, string? name)
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

        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> source = _buffer.AsSpan(i * _stride, t);
            Span<int> target = cells.AsSpan(i * t, t);
            for (int c = 0; c < t; c++)
            {
                int stored = source[c];
                target[c] = stored == 0 ? 0 : finalIds[c][stored - 1];
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
        public List<(string Normalized, string Raw, bool Numeric)>? Multi { get; set; }
    }

    /// <summary>One normalized trait name: a catalog of its normalized values, with counts and registration order.</summary>
    private sealed class NameEntry(string name, string displayName)
    {
        private const int IdentitySlots = 64;
        private readonly (string? Raw, int Id)[] _byIdentity = new (string?, int)[IdentitySlots];
        private readonly Dictionary<string, int> _byRaw = [];
        private readonly Dictionary<string, int> _byNormalized = [];
        private readonly List<string> _values = [];
        private readonly List<string> _display = [];
        private readonly List<int> _counts = [];
        private readonly List<int> _order = [];
        private readonly List<int> _setSizes = [];

        public string Name { get; } = name;

        public string DisplayName { get; } = displayName;

        public int Column { get; set; } = -1;

        public int SlotStamp { get; set; }

        public int SlotIndex { get; set; }

        public List<bool> NoneOrEmpty { get; } = [];

        public List<bool> Nullish { get; } = [];

        // Loaders that share repeated strings (TraitsJson does) hand the same instance again and again: an identity
        // check on a small direct-mapped table answers those without hashing the text; anything else falls back to
        // the dictionary.
        public int CatalogIdOfRaw(string raw)
        {
            ref (string? Raw, int Id) recent = ref _byIdentity[RuntimeHelpers.GetHashCode(raw) & (IdentitySlots - 1)];
            if (ReferenceEquals(recent.Raw, raw))
            {
                return recent.Id;
            }

            if (!_byRaw.TryGetValue(raw, out int id))
            {
                id = CatalogIdOfNormalized(PythonString.LowerStrip(raw), raw, 1);
                _byRaw.Add(raw, id);
            }

            recent = (raw, id);
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
            Span<int> counts = CollectionsMarshal.AsSpan(_counts);
            if (counts[catalog]++ == 0)
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

        private string? _format;

        public string Label(double value)
        {
            if (_distinct.Count <= bins)
            {
                return value.ToString("R", CultureInfo.InvariantCulture);
            }

            double width = (_max - _min) / bins;
            int bin = Math.Clamp((int)((value - _min) / width), 0, bins - 1);
            string format = _format ??= EdgeFormat(width);
            string lo = Edge(bin, width).ToString(format, CultureInfo.InvariantCulture);
            string hi = (bin == bins - 1 ? _max : Edge(bin + 1, width)).ToString(format, CultureInfo.InvariantCulture);
            return bin == bins - 1 ? $"[{lo}, {hi}]" : $"[{lo}, {hi})";
        }

        private double Edge(int bin, double width) => _min + (bin * width);

        // The shortest general format (6 to 17 significant digits) that tells every bin edge apart, so that labels,
        // which are the categories, never merge two bins.
        private string EdgeFormat(double width)
        {
            for (int digits = 6; digits <= 17; digits++)
            {
                string format = "G" + digits.ToString(CultureInfo.InvariantCulture);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                bool distinct = true;
                for (int k = 0; k <= bins && distinct; k++)
                {
                    double edge = k == bins ? _max : Edge(k, width);
                    distinct = seen.Add(edge.ToString(format, CultureInfo.InvariantCulture));
                }

                if (distinct)
                {
                    return format;
                }
            }

            return "R";
        }
    }
}
