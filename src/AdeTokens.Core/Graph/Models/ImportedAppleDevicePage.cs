using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>A page of importedAppleDeviceIdentities as PageIterator reads it: it lets go of its devices once they are queued.</summary>
    internal sealed class ImportedAppleDevicePage : HandOffCollectionResponse<ImportedAppleDeviceIdentity>
    {
        /// <inheritdoc />
        protected override ImportedAppleDeviceIdentity CreateItem(IParseNode node) => new ImportedAppleDeviceIdentity();
    }
}
