using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AdeTokens.Graph.Json;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>
    /// A model our parse node (AdeTokens.Graph.Json) can fill field by field without asking for its deserializers:
    /// the same fields and the same Kiota rules, minus a bound delegate per field per object.
    /// </summary>
    internal interface IFieldTarget
    {
        /// <summary>True when the model has a field of that name (set unless the JSON value is null).</summary>
        bool TryAssign(string name, IParseNode value, bool isNull);
    }

    /// <summary>
    /// A model type's Kiota field deserializers, built once per type instead of once per object. Kiota asks every
    /// object it fills for its deserializers; built per object, a page of 1,000 devices cost a growing dictionary and a
    /// delegate for each of the model's fields, for each device, whichever fields the page carried (measured: about
    /// 1.4 KB and a third of the parse time per device). Bound to an object, this costs one small delegate per field
    /// Graph actually sent.
    /// </summary>
    internal sealed class FieldTable<T> where T : GraphEntity
    {
        private readonly Dictionary<string, Action<T, IParseNode>> _fields;

        public FieldTable(Dictionary<string, Action<T, IParseNode>> fields)
        {
            _fields = new Dictionary<string, Action<T, IParseNode>>(fields, StringComparer.Ordinal);
        }

        /// <summary>GraphEntity's own fields plus <paramref name="fields"/>.</summary>
        public static FieldTable<T> ForEntity(Dictionary<string, Action<T, IParseNode>> fields)
        {
            var all = new Dictionary<string, Action<T, IParseNode>>(fields, StringComparer.Ordinal)
            {
                ["id"] = [MethodImpl(HotPath.FullyOptimized)] (t, n) => t.Id = n.GetStringValue(),
                ["@odata.type"] = [MethodImpl(HotPath.FullyOptimized)] (t, n) => t.OdataType = n.GetStringValue(),
            };
            return new FieldTable<T>(all);
        }

        public IDictionary<string, Action<IParseNode>> Bind(T target) => new Bound(this, target);

        /// <summary>Sets <paramref name="name"/> on <paramref name="target"/> with no delegate made; false for a name it does not know.</summary>
        [MethodImpl(HotPath.FullyOptimized)]
        public bool TryAssign(T target, string name, IParseNode value, bool isNull)
        {
            if (!_fields.TryGetValue(name, out var f)) return false;
            if (!isNull) f(target, value);
            return true;
        }

        // A read-mostly view. Kiota only looks fields up; anyone who changes it gets a private copy, so the shared
        // table never changes and every delegate handed out is bound to this view's object.
        private sealed class Bound : IDictionary<string, Action<IParseNode>>
        {
            private readonly FieldTable<T> _table;
            private readonly T _target;
            private Dictionary<string, Action<IParseNode>>? _copy;

            public Bound(FieldTable<T> table, T target)
            {
                _table = table;
                _target = target;
            }

            private Dictionary<string, Action<IParseNode>> Copy()
            {
                if (_copy is null)
                {
                    _copy = new Dictionary<string, Action<IParseNode>>(_table._fields.Count + 4, StringComparer.Ordinal);
                    foreach (var kv in _table._fields) _copy[kv.Key] = BindOne(kv.Value);
                }
                return _copy;
            }

            private Action<IParseNode> BindOne(Action<T, IParseNode> f)
            {
                var target = _target;
                return n => f(target, n);
            }

            public Action<IParseNode> this[string key]
            {
                get
                {
                    if (_copy != null) return _copy[key];
                    return _table._fields.TryGetValue(key, out var f) ? BindOne(f) : throw new KeyNotFoundException($"No field deserializer for '{key}'.");
                }
                set => Copy()[key] = value;
            }

            public ICollection<string> Keys => _copy?.Keys ?? (ICollection<string>)_table._fields.Keys;

            public ICollection<Action<IParseNode>> Values => Copy().Values;

            public int Count => _copy?.Count ?? _table._fields.Count;

            public bool IsReadOnly => false;

            public void Add(string key, Action<IParseNode> value) => Copy().Add(key, value);

            public void Add(KeyValuePair<string, Action<IParseNode>> item) => Copy().Add(item.Key, item.Value);

            public void Clear() => Copy().Clear();

            public bool Contains(KeyValuePair<string, Action<IParseNode>> item) => ((ICollection<KeyValuePair<string, Action<IParseNode>>>)Copy()).Contains(item);

            public bool ContainsKey(string key) => _copy?.ContainsKey(key) ?? _table._fields.ContainsKey(key);

            public void CopyTo(KeyValuePair<string, Action<IParseNode>>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, Action<IParseNode>>>)Copy()).CopyTo(array, arrayIndex);

            public IEnumerator<KeyValuePair<string, Action<IParseNode>>> GetEnumerator() => Copy().GetEnumerator();

            public bool Remove(string key) => Copy().Remove(key);

            public bool Remove(KeyValuePair<string, Action<IParseNode>> item) => ((ICollection<KeyValuePair<string, Action<IParseNode>>>)Copy()).Remove(item);

            public bool TryGetValue(string key, out Action<IParseNode> value)
            {
                if (_copy != null) return _copy.TryGetValue(key, out value!);
                if (_table._fields.TryGetValue(key, out var f))
                {
                    value = BindOne(f);
                    return true;
                }
                value = null!;
                return false;
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
