using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>Body of POST depOnboardingSettings: what the admin center's Create asks for.</summary>
    public sealed class NewTokenBody : IParsable
    {
        /// <summary>Friendly name.</summary>
        public string TokenName { get; set; } = string.Empty;
        /// <summary>The Apple ID the server token will be downloaded with; may be left for uploadDepToken.</summary>
        public string? AppleIdentifier { get; set; }
        /// <summary>dep (Apple Business Manager) or appleSchoolManager.</summary>
        public string TokenType { get; set; } = "dep";
        /// <summary>The admin center's "I agree" to sending user and device information to Apple.</summary>
        public bool DataSharingConsentGranted { get; set; } = true;

        /// <inheritdoc />
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>();

        /// <inheritdoc />
        public void Serialize(ISerializationWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStringValue("@odata.type", "#microsoft.graph.depOnboardingSetting");
            writer.WriteStringValue("tokenName", TokenName);
            if (AppleIdentifier != null) writer.WriteStringValue("appleIdentifier", AppleIdentifier);
            writer.WriteStringValue("tokenType", TokenType);
            writer.WriteBoolValue("dataSharingConsentGranted", DataSharingConsentGranted);
        }
    }
}
