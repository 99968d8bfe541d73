using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>A page of depOnboardingSettings.</summary>
    public sealed class DepOnboardingSettingCollectionResponse : CollectionResponse<DepOnboardingSetting>
    {
        /// <inheritdoc />
        protected override DepOnboardingSetting CreateItem(IParseNode node) => new DepOnboardingSetting();
    }
}
