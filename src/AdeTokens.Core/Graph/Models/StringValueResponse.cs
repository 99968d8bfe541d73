using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>The {"value": "..."} body of Graph functions and actions that return a string.</summary>
    public sealed class StringValueResponse : IParsable, IAdditionalDataHolder
    {
        /// <summary>The returned string.</summary>
        public string? Value { get; set; }

        /// <inheritdoc />
        public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

        /// <summary>Kiota factory.</summary>
        public static StringValueResponse CreateFromDiscriminatorValue(IParseNode parseNode) => new StringValueResponse();

        /// <inheritdoc />
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers()
        {
            return new Dictionary<string, Action<IParseNode>>(StringComparer.Ordinal)
            {
                ["value"] = n => Value = n.GetStringValue(),
            };
        }

        /// <inheritdoc />
        public void Serialize(ISerializationWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStringValue("value", Value);
            writer.WriteAdditionalData(AdditionalData);
        }
    }
}
