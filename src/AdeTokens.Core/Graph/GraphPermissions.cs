namespace AdeTokens.Graph
{
    /// <summary>Least-privileged permissions, from the beta API pages (reference §4).</summary>
    public static class GraphPermissions
    {
        /// <summary>Reads of tokens, profiles, devices and the public key.</summary>
        public const string Read = "DeviceManagementServiceConfig.Read.All";
        /// <summary>Sync, upload, profile assignment.</summary>
        public const string ReadWrite = "DeviceManagementServiceConfig.ReadWrite.All";

        /// <summary>What to tell an admin whose token names permissions, none of which reads ADE tokens; null otherwise.</summary>
        public static string? MissingReadWarning(GraphContext context)
            => context is null || context.CanRead || (context.Roles.Count == 0 && context.Scopes.Count == 0) ? null
                : $"The token carries neither {Read} nor {ReadWrite}; reading ADE tokens will fail with 403. Grant one of them and connect again.";
    }
}
