using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>A page of imported Apple device identities.</summary>
    public sealed class ImportedAppleDeviceIdentityCollectionResponse : CollectionResponse<ImportedAppleDeviceIdentity>
    {
        /// <inheritdoc />
        protected override ImportedAppleDeviceIdentity CreateItem(IParseNode node) => new ImportedAppleDeviceIdentity();
    }
}
