using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>
    /// Reads a single-entity response that may come bare (what the beta SDK parses) or wrapped as {"value": {...}}
    /// (what the docs' examples for GET …/defaultIosEnrollmentProfile show). Use <see cref="Factory"/> in place of the
    /// entity's own factory and take <see cref="Entity"/>; a {"value": null} wrap reads as "none".
    /// </summary>
    public sealed class EntityOrValue<T> : IParsable where T : class, IParsable
    {
        private readonly ParsableFactory<T> _factory;
        private readonly T _bare;
        private bool _wrapped;
        private T? _inner;
        private bool _bareFields;

        private EntityOrValue(ParsableFactory<T> factory, IParseNode node)
        {
            _factory = factory;
            _bare = factory(node);
        }

        /// <summary>A factory for the adapter's SendAsync.</summary>
        public static ParsableFactory<EntityOrValue<T>> Factory(ParsableFactory<T> factory)
        {
            if (factory is null) throw new ArgumentNullException(nameof(factory));
            return node => new EntityOrValue<T>(factory, node);
        }

        /// <summary>
        /// The entity, from the wrap when there was one; null for {"value": null} (Kiota skips null properties, so that
        /// reads as a body with no entity field at all).
        /// </summary>
        public T? Entity => _wrapped ? _inner : _bareFields ? _bare : null;

        /// <summary>Whether the response was wrapped in "value".</summary>
        public bool WasWrapped => _wrapped;

        /// <inheritdoc />
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers()
        {
            var d = new Dictionary<string, Action<IParseNode>>(StringComparer.Ordinal);
            foreach (var kv in _bare.GetFieldDeserializers())
            {
                var inner = kv.Value;
                d[kv.Key] = n => { _bareFields = true; inner(n); };
            }
            // "value" as an object is the wrap. A bare entity with fields of its own and a string "value" keeps it as its own.
            var own = d.TryGetValue("value", out var ownValue) ? ownValue : null;
            d["value"] = n =>
            {
                if (n.GetStringValue() != null || _bareFields)
                {
                    own?.Invoke(n);
                    return;
                }
                _wrapped = true;
                var inner = n.GetObjectValue(_factory);
                // Kiota reads a JSON null as an entity with no fields at all: that is {"value": null}, "no profile".
                _inner = inner is GraphEntity e && e.Id is null && e.OdataType is null && e.AdditionalData.Count == 0 ? null : inner;
            };
            return d;
        }

        /// <inheritdoc />
        public void Serialize(ISerializationWriter writer) => throw new NotSupportedException("EntityOrValue is read-only.");
    }
}
