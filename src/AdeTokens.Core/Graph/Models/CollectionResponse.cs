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
        public List<T>? Value { get; set; }

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
                ["value"] = n => Value = n.GetCollectionOfObjectValues<T>(CreateItem)?.ToList(),
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
}
