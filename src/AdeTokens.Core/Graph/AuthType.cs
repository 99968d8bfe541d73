namespace AdeTokens.Graph
{
    /// <summary>How a connection authenticates.</summary>
    public enum AuthType : long
    {
        /// <summary>Interactive browser sign-in (delegated).</summary>
        Interactive,
        /// <summary>Device code sign-in (delegated).</summary>
        DeviceCode,
        /// <summary>App-only with a client secret.</summary>
        ClientSecret,
        /// <summary>App-only with a certificate.</summary>
        Certificate,
        /// <summary>A managed identity (Azure Automation, VMs, Functions).</summary>
        ManagedIdentity,
        /// <summary>An access token the caller obtained elsewhere.</summary>
        AccessToken,
    }
}
