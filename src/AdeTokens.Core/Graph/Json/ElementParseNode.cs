using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AdeTokens.Graph.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Extensions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace AdeTokens.Graph.Json
{
    /// <summary>
    /// A Kiota parse node over one element of a pooled document (see <see cref="PooledJsonParseNodeFactory"/>). It reads
    /// what Kiota's JsonParseNode reads, with the same rules (a JSON null field is skipped, an unknown one goes to
    /// AdditionalData as Kiota types it), but eagerly, and without the garbage a page of a thousand devices made:
    /// property names come from a per-document cache, repeated short string values are shared, one child node is
    /// reused for all fields of an object, and our own models take their fields without a delegate per field.
    /// </summary>
    internal sealed class ElementParseNode : IParseNode
    {
        private readonly ParseScope _scope;
        private JsonElement _element;
        private int _slot = -1;

        public ElementParseNode(JsonElement element, ParseScope scope, Action<IParsable>? before, Action<IParsable>? after)
        {
            _element = element;
            _scope = scope;
            OnBeforeAssignFieldValues = before;
            OnAfterAssignFieldValues = after;
        }

        public JsonElement Element => _element;

        public Action<IParsable>? OnBeforeAssignFieldValues { get; set; }

        public Action<IParsable>? OnAfterAssignFieldValues { get; set; }

        // Kiota's node for what is rarely read (numbers, dates, enums): same answers, one small allocation.
        private JsonParseNode Kiota => new JsonParseNode(_element, KiotaJsonSerializationContext.Default);

        private ElementParseNode Child(JsonElement element) => new ElementParseNode(element, _scope, OnBeforeAssignFieldValues, OnAfterAssignFieldValues);

        [MethodImpl(HotPath.FullyOptimized)]
        public string? GetStringValue() => _element.ValueKind == JsonValueKind.String ? _scope.String(_element, _slot) : null;

        public bool? GetBoolValue() => _element.ValueKind == JsonValueKind.True ? true : _element.ValueKind == JsonValueKind.False ? false : (bool?)null;

        public IParseNode? GetChildNode(string identifier)
        {
            if (identifier is null) throw new ArgumentNullException(nameof(identifier));
            return _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(identifier, out var child) ? Child(child) : null;
        }

        public byte? GetByteValue() => Kiota.GetByteValue();

        public sbyte? GetSbyteValue() => Kiota.GetSbyteValue();

        public int? GetIntValue() => Kiota.GetIntValue();

        public float? GetFloatValue() => Kiota.GetFloatValue();

        public long? GetLongValue() => Kiota.GetLongValue();

        public double? GetDoubleValue() => Kiota.GetDoubleValue();

        public decimal? GetDecimalValue() => Kiota.GetDecimalValue();

        public Guid? GetGuidValue() => Kiota.GetGuidValue();

        public DateTimeOffset? GetDateTimeOffsetValue() => Kiota.GetDateTimeOffsetValue();

        public TimeSpan? GetTimeSpanValue() => Kiota.GetTimeSpanValue();

        public Date? GetDateValue() => Kiota.GetDateValue();

        public Microsoft.Kiota.Abstractions.Time? GetTimeValue() => Kiota.GetTimeValue();

        public byte[]? GetByteArrayValue() => Kiota.GetByteArrayValue();

        public T? GetEnumValue<T>() where T : struct, Enum => Kiota.GetEnumValue<T>();

        // Kiota's are lazy and would read the document after it went back to the pool.
        public IEnumerable<T> GetCollectionOfPrimitiveValues<T>() => Kiota.GetCollectionOfPrimitiveValues<T>().ToList();

        public IEnumerable<T?> GetCollectionOfEnumValues<T>() where T : struct, Enum => Kiota.GetCollectionOfEnumValues<T>().ToList();

        [MethodImpl(HotPath.FullyOptimized)]
        public IEnumerable<T> GetCollectionOfObjectValues<T>(ParsableFactory<T> factory) where T : IParsable
        {
            if (factory is null) throw new ArgumentNullException(nameof(factory));
            if (_element.ValueKind != JsonValueKind.Array) return new List<T>();
            var list = new List<T>(_element.GetArrayLength());
            var item = Child(default);
            foreach (var e in _element.EnumerateArray())
            {
                item._element = e;
                item._slot = -1;
                list.Add(item.GetObjectValue(factory));
            }
            return list;
        }

        [MethodImpl(HotPath.FullyOptimized)]
        public T GetObjectValue<T>(ParsableFactory<T> factory) where T : IParsable
        {
            if (factory is null) throw new ArgumentNullException(nameof(factory));
            if (typeof(T) == typeof(UntypedNode)) return (T)(object)Untyped(_element);
            // The factory may look at this node (a discriminator), and so may a field of the object: keep this one's element.
            var element = _element;
            var item = factory(this);
            OnBeforeAssignFieldValues?.Invoke(item);
            if (element.ValueKind == JsonValueKind.Object) Assign(item, element);
            OnAfterAssignFieldValues?.Invoke(item);
            return item;
        }

        [MethodImpl(HotPath.FullyOptimized)]
        private void Assign<T>(T item, JsonElement element) where T : IParsable
        {
            IDictionary<string, object>? additional = null;
            if (item is IAdditionalDataHolder holder)
            {
                holder.AdditionalData ??= new Dictionary<string, object>();
                additional = holder.AdditionalData;
            }
            var direct = item as IFieldTarget;
            var deserializers = direct is null ? item.GetFieldDeserializers() : null;
            // Fields are read one after another and none keeps its node, so one node serves them all.
            ElementParseNode? field = null;
            foreach (var p in element.EnumerateObject())
            {
                var slot = _scope.Name(p, out var name);
                var isNull = p.Value.ValueKind == JsonValueKind.Null;
                field ??= Child(default);
                field._element = p.Value;
                field._slot = slot;
                if (direct != null)
                {
                    if (direct.TryAssign(name, field, isNull)) continue;
                }
                else if (deserializers!.TryGetValue(name, out var deserialize))
                {
                    if (!isNull) deserialize(field);
                    continue;
                }
                if (additional != null) IDictionaryExtensions.TryAdd(additional, name, Anything(p.Value)!);
            }
        }

        // As Kiota's JsonParseNode types an unknown property, but arrays are read now, not when enumerated.
        private static object? Anything(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    if (element.TryGetDecimal(out var dec)) return dec;
                    if (element.TryGetDouble(out var db)) return db;
                    if (element.TryGetInt16(out var s)) return s;
                    if (element.TryGetInt32(out var i)) return i;
                    if (element.TryGetInt64(out var l)) return l;
                    if (element.TryGetSingle(out var f)) return f;
                    if (element.TryGetUInt16(out var us)) return us;
                    if (element.TryGetUInt32(out var ui)) return ui;
                    if (element.TryGetUInt64(out var ul)) return ul;
                    throw new InvalidOperationException("unexpected additional value type during number deserialization");
                case JsonValueKind.String:
                    if (element.TryGetDateTime(out var dt)) return dt;
                    if (element.TryGetDateTimeOffset(out var dto)) return dto;
                    if (element.TryGetGuid(out var g)) return g;
                    return element.GetString();
                case JsonValueKind.Array:
                case JsonValueKind.Object:
                    return Untyped(element);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return null;
                default:
                    throw new InvalidOperationException($"unexpected additional value type during deserialization json kind : {element.ValueKind}");
            }
        }

        internal static UntypedNode Untyped(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number when element.TryGetInt32(out var i): return new UntypedInteger(i);
                case JsonValueKind.Number when element.TryGetInt64(out var l): return new UntypedLong(l);
                case JsonValueKind.Number when element.TryGetDecimal(out var m): return new UntypedDecimal(m);
                case JsonValueKind.Number when element.TryGetSingle(out var f): return new UntypedFloat(f);
                case JsonValueKind.Number when element.TryGetDouble(out var d): return new UntypedDouble(d);
                case JsonValueKind.String: return new UntypedString(element.GetString());
                case JsonValueKind.True: return new UntypedBoolean(true);
                case JsonValueKind.False: return new UntypedBoolean(false);
                case JsonValueKind.Array:
                    var items = new List<UntypedNode>(element.GetArrayLength());
                    foreach (var e in element.EnumerateArray()) items.Add(Untyped(e));
                    return new UntypedArray(items);
                case JsonValueKind.Object:
                    var properties = new Dictionary<string, UntypedNode>();
                    foreach (var p in element.EnumerateObject()) properties[p.Name] = Untyped(p.Value);
                    return new UntypedObject(properties);
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return new UntypedNull();
                default:
                    throw new InvalidOperationException($"unexpected additional value type during deserialization json kind : {element.ValueKind}");
            }
        }
    }
}
