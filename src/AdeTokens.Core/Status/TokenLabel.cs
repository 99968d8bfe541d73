using AdeTokens.Graph.Models;

namespace AdeTokens
{
    /// <summary>How messages name a token: "ADE token 'Name' (id)", or "ADE token id" when it has no name.</summary>
    public static class TokenLabel
    {
        /// <summary>The label of <paramref name="t"/>.</summary>
        public static string Of(DepOnboardingSetting t) => Of(t?.TokenName, t?.Id);

        /// <summary>The label of a token with <paramref name="name"/> and <paramref name="id"/>.</summary>
        public static string Of(string? name, string? id)
            => string.IsNullOrWhiteSpace(name) ? $"ADE token {id}" : $"ADE token '{name}' ({id})";
    }
}
