namespace AdeTokens.Renewal
{
    /// <summary>How well a server token file's recipients match an Intune encryption public key.</summary>
    public enum RecipientMatch
    {
        /// <summary>A recipient names this key's certificate (issuer and serial) or key identifier.</summary>
        Match,

        /// <summary>The recipients name other certificates or keys: the file is for another MDM server, key or tenant.</summary>
        Mismatch,

        /// <summary>The file's recipients cannot be compared with a certificate (they name no certificate or key).</summary>
        Unconfirmed,
    }
}
