using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>A page of enrollment profiles.</summary>
    public sealed class EnrollmentProfileCollectionResponse : CollectionResponse<EnrollmentProfile>
    {
        /// <inheritdoc />
        protected override EnrollmentProfile CreateItem(IParseNode node) => new EnrollmentProfile();
    }
}
