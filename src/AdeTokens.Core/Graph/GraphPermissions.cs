namespace AdeTokens.Graph
{
    /// <summary>Least-privileged permissions, from the beta API pages (reference §4).</summary>
    public static class GraphPermissions
    {
        /// <summary>Reads of tokens, profiles, devices and the public key.</summary>
        public const string Read = "DeviceManagementServiceConfig.Read.All";
        /// <summary>Sync, upload, profile assignment.</summary>
        public const string ReadWrite = "DeviceManagementServiceConfig.ReadWrite.All";
    }
}
