using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>Body of updateDeviceProfileAssignment.</summary>
    public sealed class DeviceIdsBody : IParsable
    {
        /// <summary>Device identifiers (serial numbers).</summary>
        public List<string> DeviceIds { get; set; } = new List<string>();

        /// <inheritdoc />
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
        {
            ["deviceIds"] = n => DeviceIds = new List<string>(n.GetCollectionOfPrimitiveValues<string>() ?? Array.Empty<string>()),
        };

        /// <inheritdoc />
        public void Serialize(ISerializationWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteCollectionOfPrimitiveValues("deviceIds", DeviceIds);
        }
    }
}
