using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace AdeTokens.Graph.Json
{
    /// <summary>
    /// The application/json parse node factory of our request adapters (registered in their
    /// <see cref="ParseNodeFactoryRegistry"/>, Kiota's extension point for content types). Kiota's own
    /// JsonParseNodeFactory parses each response into pooled memory and then clones the whole document, so that
    /// nodes may outlive the response: for a 270 KB device page that is two more large-object allocations per page,
    /// and the gen2 collections that follow. This factory keeps the document in pooled memory and returns it as
    /// soon as the adapter has read the root value, which it does exactly once per response.
    /// </summary>
    /// <remarks>
    /// Nothing may hold a JsonElement after that, so everything is read eagerly: collections are lists, and unknown
    /// properties (AdditionalData) are UntypedNode trees built in full, where Kiota's keep enumerating the document.
    /// Any use of the root node other than reading one value (GetChildNode) falls back to a cloned document, as Kiota.
    /// A read after the memory went back to the pool throws ObjectDisposedException: it never sees other bytes.
    /// </remarks>
    public sealed class PooledJsonParseNodeFactory : IParseNodeFactory
    {
        /// <inheritdoc />
        public string ValidContentType => "application/json";

        /// <inheritdoc />
        public async Task<IParseNode> GetRootParseNodeAsync(string contentType, Stream content, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(contentType)) throw new ArgumentNullException(nameof(contentType));
            if (!ValidContentType.Equals(contentType, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentOutOfRangeException(nameof(contentType), $"expected a {ValidContentType} content type");
            if (content is null) throw new ArgumentNullException(nameof(content));
            // ParseAsync reads into memory rented from ArrayPool.Shared; Dispose gives it back.
            var document = await JsonDocument.ParseAsync(content, default, cancellationToken).ConfigureAwait(false);
            return new RootNode(document);
        }

        /// <summary>
        /// The registry our adapters parse with: this factory for JSON, Kiota's for text and forms (the content
        /// types Microsoft.Graph registers by default).
        /// </summary>
        public static ParseNodeFactoryRegistry CreateRegistry()
        {
            var registry = new ParseNodeFactoryRegistry();
            foreach (var f in new IParseNodeFactory[] { new PooledJsonParseNodeFactory(), new Microsoft.Kiota.Serialization.Text.TextParseNodeFactory(), new Microsoft.Kiota.Serialization.Form.FormParseNodeFactory() })
                registry.ContentTypeAssociatedFactories[f.ValidContentType] = f;
            return registry;
        }

        // Reads one value from the document, then returns the document's memory to the pool.
        private sealed class RootNode : IParseNode
        {
            private JsonDocument? _document;

            public RootNode(JsonDocument document)
            {
                _document = document;
            }

            public Action<IParsable>? OnBeforeAssignFieldValues { get; set; }

            public Action<IParsable>? OnAfterAssignFieldValues { get; set; }

            private T Once<T>(Func<ElementParseNode, T> read)
            {
                var document = _document ?? throw new ObjectDisposedException(nameof(PooledJsonParseNodeFactory), "This response was read already.");
                try
                {
                    var node = new ElementParseNode(document.RootElement, new ParseScope(), OnBeforeAssignFieldValues, OnAfterAssignFieldValues);
                    return read(node);
                }
                finally
                {
                    _document = null;
                    document.Dispose();
                }
            }

            public T GetObjectValue<T>(ParsableFactory<T> factory) where T : IParsable => Once(n => n.GetObjectValue(factory));

            public IEnumerable<T> GetCollectionOfObjectValues<T>(ParsableFactory<T> factory) where T : IParsable => Once(n => n.GetCollectionOfObjectValues(factory));

            public IEnumerable<T> GetCollectionOfPrimitiveValues<T>() => Once(n => n.GetCollectionOfPrimitiveValues<T>());

            public IEnumerable<T?> GetCollectionOfEnumValues<T>() where T : struct, Enum => Once(n => n.GetCollectionOfEnumValues<T>());

            public T? GetEnumValue<T>() where T : struct, Enum => Once(n => n.GetEnumValue<T>());

            public string? GetStringValue() => Once(n => n.GetStringValue());

            public bool? GetBoolValue() => Once(n => n.GetBoolValue());

            public byte? GetByteValue() => Once(n => n.GetByteValue());

            public sbyte? GetSbyteValue() => Once(n => n.GetSbyteValue());

            public int? GetIntValue() => Once(n => n.GetIntValue());

            public float? GetFloatValue() => Once(n => n.GetFloatValue());

            public long? GetLongValue() => Once(n => n.GetLongValue());

            public double? GetDoubleValue() => Once(n => n.GetDoubleValue());

            public decimal? GetDecimalValue() => Once(n => n.GetDecimalValue());

            public Guid? GetGuidValue() => Once(n => n.GetGuidValue());

            public DateTimeOffset? GetDateTimeOffsetValue() => Once(n => n.GetDateTimeOffsetValue());

            public TimeSpan? GetTimeSpanValue() => Once(n => n.GetTimeSpanValue());

            public Date? GetDateValue() => Once(n => n.GetDateValue());

            public Microsoft.Kiota.Abstractions.Time? GetTimeValue() => Once(n => n.GetTimeValue());

            public byte[]? GetByteArrayValue() => Once(n => n.GetByteArrayValue());

            // A child node is read later, by whoever asked for it: it gets a document of its own, as with Kiota.
            public IParseNode? GetChildNode(string identifier)
                => Once(n => n.Element.ValueKind == JsonValueKind.Object && n.Element.TryGetProperty(identifier ?? throw new ArgumentNullException(nameof(identifier)), out var child)
                    ? new JsonParseNode(child.Clone()) { OnBeforeAssignFieldValues = OnBeforeAssignFieldValues, OnAfterAssignFieldValues = OnAfterAssignFieldValues }
                    : null);
        }
    }
}
