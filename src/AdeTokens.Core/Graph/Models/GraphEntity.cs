using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>
    /// Base for our hand-written Kiota models of Graph beta resources. Microsoft.Graph (v1.0) has no
    /// types for them and Microsoft.Graph.Beta is not available to us, so we model only what we read.
    /// </summary>
    public abstract class GraphEntity : IParsable, IAdditionalDataHolder
    {
        /// <summary>The object's key.</summary>
        public string? Id { get; set; }

        /// <summary>The @odata.type annotation, for example #microsoft.graph.depOnboardingSetting.</summary>
        public string? OdataType { get; set; }

        /// <summary>Properties Graph sent that this model does not name (kept so power users still see them).</summary>
        public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

        /// <inheritdoc />
        public virtual IDictionary<string, Action<IParseNode>> GetFieldDeserializers()
        {
            return new Dictionary<string, Action<IParseNode>>(StringComparer.Ordinal)
            {
                ["id"] = n => Id = n.GetStringValue(),
                ["@odata.type"] = n => OdataType = n.GetStringValue(),
            };
        }

        /// <inheritdoc />
        public virtual void Serialize(ISerializationWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStringValue("id", Id);
            writer.WriteStringValue("@odata.type", OdataType);
            writer.WriteAdditionalData(AdditionalData);
        }
    }
}
