namespace AdeTokens.Renewal
{
    /// <summary>
    /// Stable error ids for <see cref="ServerTokenException"/>. Scripts and the cmdlets' FullyQualifiedErrorId
    /// depend on these strings, so never rename one.
    /// </summary>
    public static class ServerTokenErrorIds
    {
        /// <summary>The server token path does not exist or is a folder.</summary>
        public const string TokenFileNotFound = "TokenFileNotFound";

        /// <summary>The file exists but could not be read (permissions, locked, I/O error).</summary>
        public const string TokenFileUnreadable = "TokenFileUnreadable";

        /// <summary>The file has no content, or only whitespace.</summary>
        public const string TokenFileEmpty = "TokenFileEmpty";

        /// <summary>The file is bigger than the allowed limit; a server token is a few kilobytes.</summary>
        public const string TokenFileTooLarge = "TokenFileTooLarge";

        /// <summary>The file is not an S/MIME message, not base64 and not a CMS structure.</summary>
        public const string TokenFileNotSmime = "TokenFileNotSmime";

        /// <summary>The file is a CMS message, but not enveloped (encrypted) data.</summary>
        public const string TokenFileNotEnvelopedData = "TokenFileNotEnvelopedData";

        /// <summary>The file starts as CMS enveloped data but ends early or is damaged part way through.</summary>
        public const string TokenFileTruncated = "TokenFileTruncated";

        /// <summary>The file is encrypted for a different certificate or key than the Intune token's.</summary>
        public const string TokenRecipientMismatch = "TokenRecipientMismatch";

        /// <summary>Only a bare public key is known and the file names its recipient by issuer and serial, so a match cannot be confirmed.</summary>
        public const string TokenRecipientUnconfirmed = "TokenRecipientUnconfirmed";

        /// <summary>The Intune encryption public key string is not a certificate or public key this module can read.</summary>
        public const string PublicKeyUnreadable = "PublicKeyUnreadable";
    }
}
