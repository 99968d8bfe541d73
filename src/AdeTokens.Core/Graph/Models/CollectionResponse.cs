using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>
    /// An OData collection page. PageIterator finds the items through the property named Value
    /// (a List of the entity type) and the next page through OdataNextLink, so both names matter.
    /// </summary>
    public abstract class CollectionResponse<T> : IParsable, IAdditionalDataHolder where T : IParsable
    {
        /// <summary>The items on this page.</summary>
        public virtual List<T>? Value { get; set; }

        /// <summary>The opaque URL of the next page, if any.</summary>
        public string? OdataNextLink { get; set; }

        /// <inheritdoc />
        public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

        /// <summary>Creates one item.</summary>
        protected abstract T CreateItem(IParseNode node);

        /// <inheritdoc />
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers()
        {
            return new Dictionary<string, Action<IParseNode>>(StringComparer.Ordinal)
            {
                // Our parser already returns a list of its own; Kiota's yields items one by one.
                ["value"] = n => Value = n.GetCollectionOfObjectValues<T>(CreateItem) is { } items ? items as List<T> ?? items.ToList() : null,
                ["@odata.nextLink"] = n => OdataNextLink = n.GetStringValue(),
            };
        }

        /// <inheritdoc />
        public void Serialize(ISerializationWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteCollectionOfObjectValues("value", Value);
            writer.WriteStringValue("@odata.nextLink", OdataNextLink);
            writer.WriteAdditionalData(AdditionalData);
        }
    }

    /// <summary>
    /// A collection page for PageIterator that gives its items up to the first reader of <see cref="CollectionResponse{T}.Value"/>.
    /// PageIterator reads Value once per page, queues the items and hands each to the callback; but it keeps the page
    /// itself until the next one arrives, so a page of 1,000 devices stayed reachable through every next-page request.
    /// With 16 to 64 tokens paging at once that was 5 to 22 MB that each garbage collection in a run copied again.
    /// </summary>
    /// <remarks>Only for pages that go straight to PageIterator: a second read of Value returns null.</remarks>
    public abstract class HandOffCollectionResponse<T> : CollectionResponse<T> where T : IParsable
    {
        private List<T>? _value;

        /// <inheritdoc />
        /// <remarks>Reading takes the items: the page holds none of them afterwards.</remarks>
        public override List<T>? Value
        {
            get => System.Threading.Interlocked.Exchange(ref _value, null);
            set => _value = value;
        }
    }
}
