using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>Body of uploadDepToken. DepToken carries the server token file's text and must never be logged.</summary>
    public sealed class UploadDepTokenBody : IParsable
    {
        /// <summary>Apple ID used to create the token.</summary>
        public string? AppleId { get; set; }
        /// <summary>The server token (.p7m) text.</summary>
        public string? DepToken { get; set; }

        /// <inheritdoc />
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
        {
            ["appleId"] = n => AppleId = n.GetStringValue(),
            ["depToken"] = n => DepToken = n.GetStringValue(),
        };

        /// <inheritdoc />
        public void Serialize(ISerializationWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStringValue("appleId", AppleId);
            writer.WriteStringValue("depToken", DepToken);
        }

        /// <inheritdoc />
        public override string ToString() => "uploadDepToken body (content withheld)";
    }
}
